/**
 * An exported time chart as one SVG string: title, subtitle, legend, axes with their titles,
 * lines and percentile bands, and a footer naming the run, so the picture reads out of context.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { area, line } from 'd3-shape';
import { colors } from '../theme.ts';
import { bottomAxis, leftAxis, legend, num, svgDocument, text } from './svg.ts';
import type { LegendItem, Tick } from './svg.ts';

/** A line of the chart; null or non-finite values leave a gap. */
export interface LineSpec {
  xs: readonly number[];
  ys: readonly (number | null)[];
  color: string;
  dash?: string;
}

/** A band between two curves (the 15-85th percentiles), drawn under the lines. */
export interface BandSpec {
  xs: readonly number[];
  lo: readonly (number | null)[];
  hi: readonly (number | null)[];
  fill: string;
}

/** Everything an exported time chart shows. */
export interface LineChartSpec {
  title: string;
  /** One line, or several. */
  subtitle?: string | readonly string[];
  /** Small print at the bottom: where the chart comes from. */
  footer?: string;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  yType?: 'linear' | 'log';
  /** d3-format specifier of the y tick labels. */
  yFormat?: string;
  lines: readonly LineSpec[];
  bands?: readonly BandSpec[];
  legend: readonly LegendItem[];
  /** Prefix of the ids inside the SVG, unique per chart when several are inlined in one page. */
  idPrefix?: string;
}

const MARGIN = { left: 70, right: 24 };
/** Lines with at most this many points also get a dot per point. */
const MAX_DOTTED_POINTS = 40;

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A domain a scale can use: finite, non-empty (and positive for a log scale). */
export function safeDomain(domain: [number, number], type: 'linear' | 'log' = 'linear'): [number, number] {
  let [lo, hi] = domain;
  if (type === 'log') {
    if (!(finite(lo) && lo > 0)) lo = 0.01;
    if (!(finite(hi) && hi > lo)) hi = lo * 1000;
    return [lo, hi];
  }
  if (!finite(lo)) lo = 0;
  if (!finite(hi)) hi = lo + 1;
  if (hi <= lo) return [lo - 1, lo + 1];
  return [lo, hi];
}

/** The SVG of a time chart. */
export function lineChartSvg(spec: LineChartSpec): string {
  const { width, height } = spec;
  const parts: string[] = [];
  let y = 26;
  parts.push(text(16, y, spec.title, { size: 16, weight: 'bold' }));
  for (const subtitle of typeof spec.subtitle === 'string' ? [spec.subtitle] : spec.subtitle ?? []) {
    y += 18;
    parts.push(text(16, y, subtitle, { size: 12, fill: colors.muted }));
  }
  const key = legend(spec.legend, 16, y + 8, width - 32);
  parts.push(key.svg);
  const top = y + 8 + key.height + 10;
  const bottom = height - (spec.footer ? 62 : 46);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const yType = spec.yType ?? 'linear';
  const x = scaleLinear().domain(safeDomain(spec.xDomain)).range([left, right]);
  const yScale = yType === 'log'
    ? scaleLog().domain(safeDomain(spec.yDomain, 'log')).range([bottom, top]).clamp(true)
    : scaleLinear().domain(safeDomain(spec.yDomain)).range([bottom, top]).clamp(true);
  const xTicks: Tick[] = x.ticks(Math.max(2, Math.floor((right - left) / 90))).map((t) => ({ at: x(t), label: x.tickFormat(10, ',~d')(t) }));
  const yTickCount = Math.max(2, Math.floor((bottom - top) / 40));
  const yFormat = yScale.tickFormat(yType === 'log' ? yTickCount * 2 : yTickCount, spec.yFormat ?? '.3~g');
  const yTicks: Tick[] = yScale.ticks(yTickCount).map((t) => ({ at: yScale(t), label: yFormat(t) }));
  parts.push(leftAxis(yTicks, left, bottom, top, right, spec.yLabel));
  parts.push(bottomAxis(xTicks, left, right, bottom, spec.xLabel));
  const clipId = `${spec.idPrefix ?? 'chart'}-plot-area`;
  parts.push(`<clipPath id="${clipId}"><rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(bottom - top)}"/></clipPath>`);
  const marks: string[] = [];
  // Dots sit outside the clip: a point at the domain's edge shows whole.
  const dots: string[] = [];
  for (const band of spec.bands ?? []) {
    const indices = band.xs.map((_, i) => i);
    const d = area<number>()
      .defined((i) => finite(band.xs[i]) && finite(band.lo[i]) && finite(band.hi[i]) && (yType !== 'log' || ((band.lo[i] ?? 0) > 0)))
      .x((i) => x(band.xs[i]))
      .y0((i) => yScale(band.lo[i] ?? 0))
      .y1((i) => yScale(band.hi[i] ?? 0))
      .digits(2)(indices);
    if (d) marks.push(`<path d="${d}" fill="${band.fill}" stroke="none"/>`);
  }
  for (const spec1 of spec.lines) {
    const indices = spec1.xs.map((_, i) => i);
    const d = line<number>()
      .defined((i) => finite(spec1.xs[i]) && finite(spec1.ys[i]) && (yType !== 'log' || ((spec1.ys[i] ?? 0) > 0)))
      .x((i) => x(spec1.xs[i]))
      .y((i) => yScale(spec1.ys[i] ?? 0))
      .digits(2)(indices);
    const dash = spec1.dash ? ` stroke-dasharray="${spec1.dash}"` : '';
    if (d) marks.push(`<path d="${d}" fill="none" stroke="${spec1.color}" stroke-width="2" stroke-linejoin="round"${dash}/>`);
    // A sparse line (a short run, a few evaluations) gets a dot per point, so even one point shows.
    const points = indices.filter((i) => finite(spec1.xs[i]) && finite(spec1.ys[i]) && (yType !== 'log' || (spec1.ys[i] ?? 0) > 0));
    if (points.length <= MAX_DOTTED_POINTS) {
      for (const i of points) dots.push(`<circle cx="${num(x(spec1.xs[i]))}" cy="${num(yScale(spec1.ys[i] ?? 0))}" r="3" fill="${spec1.dash ? colors.background : spec1.color}" stroke="${spec1.color}" stroke-width="1.5"/>`);
    }
  }
  parts.push(`<g clip-path="url(#${clipId})">${marks.join('')}</g>${dots.join('')}`);
  if (spec.footer) parts.push(text(16, height - 10, spec.footer, { size: 10, fill: colors.muted }));
  return svgDocument(width, height, spec.title, parts.join(''));
}
