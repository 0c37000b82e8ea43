/**
 * One layer's input distribution over training as a ridgeline (TensorBoard's offset mode):
 * histograms from across the run stacked, oldest at the back; the one nearest the marker is outlined.
 */
import { scaleLinear } from 'd3-scale';
import type { HistogramBins, NetworkId } from '../experiment/types.ts';
import { chart, colors, networkColors, typography } from '../theme.ts';
import { Axis } from './Axis.tsx';
import { nearestRidge, ridgelineLayout } from './ridgeline.ts';

export interface RidgelineViewProps {
  networkId: NetworkId;
  columns: readonly Uint32Array[];
  steps: readonly number[];
  bins: HistogramBins;
  width: number;
  height: number;
  markerStep: number | null;
  underLabel: string;
  overLabel: string;
}

/** Stacked histograms of a layer, oldest at the top. */
export function RidgelineView({ networkId, columns, steps, bins, width, height, markerStep, underLabel, overLabel }: RidgelineViewProps) {
  const m = chart.layerMargin;
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = Math.max(10, height - m.top - m.bottom);
  const ridges = ridgelineLayout(columns, steps, bins, { width: innerW, height: innerH, count: chart.ridgeCount, overlap: chart.ridgeOverlap });
  const marked = markerStep !== null ? nearestRidge(ridges, markerStep) : -1;
  const x = scaleLinear().domain([bins.min, bins.max]).range([0, innerW]);
  const tone = networkColors[networkId];
  return (
    <svg width={width} height={height} className="chart" fontSize={typography.chartFontPx}>
      <g transform={`translate(${m.left},${m.top})`}>
        {ridges.map((r, i) => (
          <path
            key={r.columnIndex}
            className={i === marked ? 'ridge ridge-marked' : 'ridge'}
            d={r.d}
            fill={colors.background}
            fillOpacity={0.85}
            stroke={i === marked ? colors.marker : tone.stroke}
            strokeWidth={i === marked ? chart.markerWidth * 1.5 : 1}
          />
        ))}
        {ridges.length > 0 ? (
          <>
            <text className="edge-label" x={innerW + 4} y={ridges[0].baseline} dominantBaseline="middle">{`step ${ridges[0].step.toLocaleString('en-US')}`}</text>
            <text className="edge-label" x={innerW + 4} y={ridges[ridges.length - 1].baseline - 8}>{`< ${bins.min}: ${underLabel}`}</text>
            <text className="edge-label" x={innerW + 4} y={ridges[ridges.length - 1].baseline + 4}>{`> ${bins.max}: ${overLabel}`}</text>
          </>
        ) : null}
        <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} format="~g" />
      </g>
    </svg>
  );
}
