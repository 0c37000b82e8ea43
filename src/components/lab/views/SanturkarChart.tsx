/**
 * The line-and-band chart of the Santurkar et al. lab views: one line (and optional band) per
 * network over training steps, with a title, labelled axes and the app's Axis. Nulls are gaps.
 */
import { extent, max } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { Axis } from '../../../charts/Axis.tsx';
import type { TickFormat } from '../../../charts/ticks.ts';
import { bandPath, linePath } from '../../../charts/paths.ts';
import type { Band } from '../../../charts/SeriesChart.tsx';
import type { Series } from '../../../charts/series.ts';
import { chart, colors, networkColors, typography } from '../../../theme.ts';

/** Room for the title above and the axis titles beside and below the plot. */
const MARGIN = { top: 24, right: 12, bottom: 38, left: 58 };

export interface SanturkarChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  width: number;
  height: number;
  yType: 'linear' | 'log';
  yFormat: TickFormat;
  lines: readonly Series[];
  bands?: readonly Band[];
}

/** The finite positive (log) or finite (linear) values of lines and bands, for the y domain. */
function yDomainOf(lines: readonly Series[], bands: readonly Band[], log: boolean): [number, number] {
  const values = [...lines.flatMap((s) => s.ys), ...bands.flatMap((b) => [...b.lo, ...b.hi])]
    .filter((v): v is number => v !== null && Number.isFinite(v) && (!log || v > 0));
  if (values.length === 0) return log ? [0.1, 1] : [0, 1];
  // extent, not Math.min(...values): a run's measurements can outnumber the arguments a call takes.
  let [lo, hi] = extent(values) as [number, number];
  if (log) return lo === hi ? [lo / 2, hi * 2] : [lo / 1.2, hi * 1.2];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** An SVG chart over training steps; never an NaN attribute. */
export function SanturkarChart({ title, xLabel, yLabel, width, height, yType, yFormat, lines, bands = [] }: SanturkarChartProps) {
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const xMax = max([...lines.map((s) => s.xs), ...bands.map((b) => b.xs)], (xs) => max(xs)) ?? 1;
  const x = scaleLinear().domain([0, Math.max(1, xMax)]).range([0, innerW]);
  const log = yType === 'log';
  const y = (log ? scaleLog() : scaleLinear()).domain(yDomainOf(lines, bands, log)).range([innerH, 0]).clamp(true);
  const yValue = (v: number | null): number | null => (v !== null && (!log || v > 0) ? v : null);
  return (
    <svg role="img" aria-label={title} width={width} height={height} className="chart" fontSize={typography.chartFontPx}>
      <text x={MARGIN.left} y={14} fill={colors.text} fontWeight={600}>{title}</text>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {bands.map((b: Band) => {
          const d = bandPath(b.xs, b.lo.map(yValue), b.hi.map(yValue), x, y, innerW);
          return d ? <path key={`band-${b.id}`} data-band={b.id} d={d} fill={networkColors[b.id].fill} stroke="none" /> : null;
        })}
        {lines.map((s) => {
          const d = linePath(s.xs, s.ys.map(yValue), x, y, innerW);
          return d ? (
            <path key={`line-${s.id}`} data-network={s.id} d={d} fill="none" stroke={networkColors[s.id].stroke} strokeWidth={chart.strokeWidth} />
          ) : null;
        })}
        <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} format="si" />
        <Axis scale={y} orient="left" ticks={Math.floor(innerH / chart.pxPerYTick)} format={yFormat} />
        <text className="axis-title" x={innerW / 2} y={innerH + 32} textAnchor="middle" fill={colors.muted}>{xLabel}</text>
        <text className="axis-title" transform={`translate(${-46},${innerH / 2}) rotate(-90)`} textAnchor="middle" fill={colors.muted}>{yLabel}</text>
      </g>
    </svg>
  );
}

/** A figure for a table cell: 3 significant digits, or a dash for null. */
export function formatCell(value: number | null): string {
  return value === null ? '–' : value.toPrecision(3);
}

/** The measurement cost as a sentence: extra passes and builds against the training steps. */
export function costSentence(cost: { trainingSteps: number; extraPasses: number; networkBuilds: number }, buildSteps: number): string {
  const extra = cost.extraPasses + buildSteps * cost.networkBuilds;
  const share = cost.trainingSteps > 0 ? Math.round((100 * extra) / cost.trainingSteps) : 0;
  return `Cost: ${cost.trainingSteps.toLocaleString('en-US')} training steps plus ${cost.extraPasses.toLocaleString('en-US')} extra `
    + `forward-backward passes and ${cost.networkBuilds.toLocaleString('en-US')} scratch networks (about ${share}% on top of training).`;
}
