/**
 * One layer's input distribution over training as a ridgeline (TensorBoard's offset mode):
 * histograms from across the run stacked, oldest at the back (top); the one nearest the marker is
 * outlined. Steps are labelled down the right side, as many as stand clear of each other.
 */
import { scaleLinear } from 'd3-scale';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { NetworkId } from '../experiment/types.ts';
import { chart, colors, networkColors, typography } from '../theme.ts';
import { Axis } from './Axis.tsx';
import { OffChartWarning } from './OffChartWarning.tsx';
import { labelledRidges, nearestRidge, ridgelineLayout } from './ridgeline.ts';

export interface RidgelineViewProps {
  networkId: NetworkId;
  /** One fitted histogram per snapshot (./layerRange.ts layerColumns). */
  columns: readonly FittedHistogram[];
  steps: readonly number[];
  /** The value range across the chart (./layerRange.ts layerValueRange). */
  valueRange: [number, number];
  /** Largest share of a snapshot's values off the range. */
  offChart: number;
  /** Title of the value axis: "input to the sigmoid". */
  valueTitle: string;
  width: number;
  height: number;
  markerStep: number | null;
}

const STEP_FORMAT = new Intl.NumberFormat('en-US');
const STEP_FORMAT_SI = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** A ridge's step: exact below 10,000 ("2,087"), three significant digits in SI above ("12.3K" reads "12.3k"). */
export function stepLabel(step: number): string {
  return step < 10_000 ? STEP_FORMAT.format(step) : STEP_FORMAT_SI.format(step).replace('K', 'k');
}

/** Stacked histograms of a layer, oldest at the top. */
export function RidgelineView({ networkId, columns, steps, valueRange, offChart, valueTitle, width, height, markerStep }: RidgelineViewProps) {
  const m = chart.ridgeMargin;
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = Math.max(10, height - m.top - m.bottom);
  const ridges = ridgelineLayout(columns, steps, valueRange, { width: innerW, height: innerH, count: chart.ridgeCount, overlap: chart.ridgeOverlap, bins: chart.ridgeBins });
  const marked = markerStep !== null ? nearestRidge(ridges, markerStep) : -1;
  const x = scaleLinear().domain(valueRange).range([0, innerW]);
  const tone = networkColors[networkId];
  const labelled = labelledRidges(ridges, typography.chartFontPx * 1.2);
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
          <g className="ridge-steps">
            <text className="axis-title" x={innerW + m.right} y={-chart.axisTitleOffset.left} textAnchor="end">step ↓</text>
            {labelled.map((index) => (
              <text key={index} className="edge-label" x={innerW + 4} y={ridges[index].baseline} dominantBaseline="middle">{stepLabel(ridges[index].step)}</text>
            ))}
          </g>
        ) : null}
        <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} title={valueTitle} />
        <OffChartWarning share={offChart} x={innerW} />
      </g>
    </svg>
  );
}
