/**
 * A strip (dot) chart for the lab views of the original paper's claims: a few categories along x,
 * in each one or more sets of values as dots (spread sideways when there are many, so they do
 * not hide each other), and horizontal reference ticks (an expected or population value).
 * Nulls and non-finite values are skipped, never written to an attribute.
 */
import { extent } from 'd3-array';
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { Axis } from '../../../charts/Axis.tsx';
import type { TickFormat } from '../../../charts/ticks.ts';
import { colors, typography } from '../../../theme.ts';

/** Room for the title, the axis titles and the category labels. */
const MARGIN = { top: 24, right: 12, bottom: 40, left: 62 };
/** Dot radius, px. */
const RADIUS = 3.5;

/** One set of values drawn as dots inside a category. */
export interface StripSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
  /** Filled dot, or a ring. */
  filled: boolean;
}

/** A horizontal reference mark across a category. */
export interface StripTick {
  label: string;
  value: number | null;
  color: string;
  dashed?: boolean;
}

/** One category along x. */
export interface StripCategory {
  label: string;
  series: readonly StripSeries[];
  ticks?: readonly StripTick[];
}

export interface StripChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  width: number;
  height: number;
  categories: readonly StripCategory[];
  yType?: 'linear' | 'log';
  yFormat?: TickFormat;
}

const usable = (v: number | null | undefined, log: boolean): v is number =>
  typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);

/** The y domain over every dot and tick: padded, never empty. */
export function stripDomain(categories: readonly StripCategory[], log: boolean): [number, number] {
  const values = categories.flatMap((c) => [...c.series.flatMap((s) => s.values), ...(c.ticks ?? []).map((t) => t.value)])
    .filter((v): v is number => usable(v, log));
  if (values.length === 0) return log ? [0.1, 1] : [0, 1];
  // extent, not Math.min(...values): no argument list as long as the data.
  let [lo, hi] = extent(values) as [number, number];
  if (log) return lo === hi ? [lo / 2, hi * 2] : [lo / 1.5, hi * 1.5];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** Sideways offset of the i-th of n dots, in [-0.5, 0.5) of the available width: a fixed low-discrepancy spread. */
export function jitter(i: number, n: number): number {
  return n <= 1 ? 0 : ((i * 0.6180339887) % 1) - 0.5;
}

/** An SVG strip chart with a title, labelled axes and the app's Axis. */
export function StripChart({ title, xLabel, yLabel, width, height, categories, yType = 'linear', yFormat }: StripChartProps) {
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const log = yType === 'log';
  const x = scaleBand<number>().domain(categories.map((_, i) => i)).range([0, innerW]).padding(0.2);
  const y = (log ? scaleLog() : scaleLinear()).domain(stripDomain(categories, log)).range([innerH, 0]).clamp(true);
  const band = x.bandwidth();
  return (
    <svg role="img" aria-label={title} width={width} height={height} className="chart" fontSize={typography.chartFontPx}>
      <text x={MARGIN.left} y={14} fill={colors.text} fontWeight={600}>{title}</text>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {categories.map((category, c) => {
          const left = x(c) ?? 0;
          const slot = band / Math.max(1, category.series.length);
          return (
            <g key={c} data-category={category.label}>
              {(category.ticks ?? []).filter((t) => usable(t.value, log)).map((t) => (
                <line key={t.label} data-tick={t.label} x1={left} x2={left + band} y1={y(t.value as number)} y2={y(t.value as number)}
                  stroke={t.color} strokeWidth={2} strokeDasharray={t.dashed === true ? '4 3' : undefined}>
                  <title>{`${t.label}: ${(t.value as number).toPrecision(4)}`}</title>
                </line>
              ))}
              {category.series.map((s, k) => {
                const centre = left + slot * (k + 0.5);
                const spread = Math.max(0, slot - 2 * RADIUS - 2);
                return (
                  <g key={s.name} data-series={s.name}>
                    {s.values.map((v, i) => (usable(v, log) ? (
                      <circle key={i} cx={centre + jitter(i, s.values.length) * spread} cy={y(v)} r={RADIUS}
                        fill={s.filled ? s.color : colors.background} stroke={s.color} strokeWidth={1.5} fillOpacity={s.filled ? 0.8 : 1} />
                    ) : null))}
                  </g>
                );
              })}
              <text x={left + band / 2} y={innerH + 16} textAnchor="middle" fill={colors.text}>{category.label}</text>
            </g>
          );
        })}
        <Axis scale={y} orient="left" ticks={Math.floor(innerH / 36)} format={yFormat} />
        <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke={colors.axis} />
        <text x={innerW / 2} y={innerH + 34} textAnchor="middle" fill={colors.muted}>{xLabel}</text>
        <text className="axis-title" transform={`translate(${-50},${innerH / 2}) rotate(-90)`} textAnchor="middle" fill={colors.muted}>{yLabel}</text>
      </g>
    </svg>
  );
}

/** A legend entry of the strip charts: a dot or a tick, and its meaning. */
export interface StripLegendItem {
  label: string;
  color: string;
  mark: 'filled' | 'ring' | 'tick' | 'dashed';
}

/** The legend of a strip chart. */
export function StripLegend({ items }: { items: readonly StripLegendItem[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width={18} height={12} aria-hidden="true">
            {item.mark === 'filled' || item.mark === 'ring' ? (
              <circle cx={9} cy={6} r={RADIUS} fill={item.mark === 'filled' ? item.color : colors.background} stroke={item.color} strokeWidth={1.5} />
            ) : (
              <line x1={1} x2={17} y1={6} y2={6} stroke={item.color} strokeWidth={2} strokeDasharray={item.mark === 'dashed' ? '4 3' : undefined} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
