/**
 * A line chart over training steps: one line (and optionally one band) per network,
 * a marker at the scrubbed or live step. Pure: it draws what its props say.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { chart, colors, networkColors, typography } from '../theme.ts';
import type { NetworkId } from '../experiment/types.ts';
import { Axis } from './Axis.tsx';
import type { TickFormat } from './ticks.ts';
import { bandPath, linePath } from './paths.ts';
import type { Series } from './series.ts';

/** A filled band between two series for one network. */
export interface Band {
  id: NetworkId;
  xs: readonly number[];
  lo: readonly (number | null)[];
  hi: readonly (number | null)[];
}

export interface SeriesChartProps {
  /** Accessible name of the picture. */
  label: string;
  width: number;
  height: number;
  xDomain: [number, number];
  yDomain: [number, number];
  yType?: 'linear' | 'log';
  /** How the y tick labels read (./ticks.ts). */
  yFormat?: TickFormat;
  /** What y measures, with its unit ("test accuracy", "input to the sigmoid"). */
  yTitle: string;
  /** What x measures (default "training step"). */
  xTitle?: string;
  lines: readonly Series[];
  bands?: readonly Band[];
  /** Step of the vertical marker; null for none. */
  markerStep: number | null;
}

/** An SVG line chart with d3 axes; non-finite values are gaps, never NaN attributes; long series are thinned to ~1 point per pixel. */
export function SeriesChart({ label, width, height, xDomain, yDomain, yType = 'linear', yFormat, yTitle, xTitle = 'training step', lines, bands = [], markerStep }: SeriesChartProps) {
  const m = chart.margin;
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = Math.max(10, height - m.top - m.bottom);
  const x = scaleLinear().domain(xDomain).range([0, innerW]);
  const y = (yType === 'log' ? scaleLog() : scaleLinear()).domain(yDomain).range([innerH, 0]).clamp(true);
  const markerX = markerStep !== null ? x(markerStep) : NaN;
  return (
    <svg role="img" aria-label={label} width={width} height={height} className="chart" fontSize={typography.chartFontPx}>
      <g transform={`translate(${m.left},${m.top})`}>
        {bands.map((b) => {
          const d = bandPath(b.xs, b.lo, b.hi, x, y, innerW);
          return d ? <path key={`band-${b.id}`} d={d} fill={networkColors[b.id].fill} stroke="none" /> : null;
        })}
        {lines.map((s) => {
          const d = linePath(s.xs, s.ys, x, y, innerW);
          return d ? (
            <path key={`line-${s.id}-${s.key ?? ''}${s.dashed ? '-dashed' : ''}`} data-network={s.id} d={d} fill="none" stroke={networkColors[s.id].stroke}
              strokeWidth={s.thin ? chart.thinStrokeWidth : chart.strokeWidth} strokeOpacity={s.thin ? chart.thinStrokeOpacity : undefined}
              strokeDasharray={s.dashed ? chart.dash : undefined} />
          ) : null;
        })}
        {Number.isFinite(markerX) && markerX >= 0 && markerX <= innerW ? (
          <line className="marker" x1={markerX} x2={markerX} y1={0} y2={innerH} stroke={colors.marker} strokeWidth={chart.markerWidth} />
        ) : null}
        <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} format="si" title={xTitle} />
        <Axis scale={y} orient="left" ticks={Math.floor(innerH / (yType === 'log' ? chart.pxPerLogTick : chart.pxPerYTick))} format={yFormat} title={yTitle} titleOffset={m.left - 4} />
      </g>
    </svg>
  );
}
