/**
 * Tick values and labels for every axis of the page: at least three labelled ticks on any domain,
 * labels in plain decimals (or SI prefixes for large numbers, percentages for shares), never in
 * exponent notation ("1e+1") and never with decimals the ticks do not need ("2.00").
 */
import { ticks as niceTicks } from 'd3-array';

/** How tick labels read: plain decimals (SI from 10,000), SI from 1,000 (steps), or percentages of 1. */
export type TickFormat = 'number' | 'si' | 'percent';

/** Fewest labelled ticks an axis shows. */
export const MIN_TICKS = 3;

/** Most decimals a label carries; finer values are rounded (an axis that fine is labelled in SI below 1). */
const MAX_DECIMALS = 12;

/** The ascending, finite, non-empty form of `domain` (a point or an empty domain widened around its value). */
function spanOf(domain: readonly number[]): [number, number] {
  const finite = domain.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  return [lo, hi];
}

/**
 * Nice linear tick values inside `domain`: about `count` of them (1-2-5 steps), and never fewer
 * than `minCount` (the step is refined until that many fit, so [-100, 2] gets -100, -50, 0).
 */
export function linearTicks(domain: readonly number[], count: number, minCount = MIN_TICKS): number[] {
  const [lo, hi] = spanOf(domain);
  let values: number[] = [];
  for (let c = Math.max(1, Math.round(count), minCount); c <= 4 * Math.max(count, minCount) + 20; c++) {
    values = niceTicks(lo, hi, c);
    if (values.length >= minCount) return values;
  }
  return values.length >= minCount ? values : [lo, (lo + hi) / 2, hi];
}

/**
 * Tick values of a log axis inside `domain` (positive): powers of ten; with fewer than `minCount`
 * of those, the 1-2-5 series; then every 1..9 multiple; and on a domain under a decade wide, nice
 * linear ticks (positions a log axis can carry as well as any). About `count` at most when there is a choice.
 */
export function logTicks(domain: readonly number[], count: number, minCount = MIN_TICKS): number[] {
  const [lo, hi] = spanOf(domain.filter((v) => v > 0).length === domain.length ? domain : [0.1, 1]);
  const inside = (mantissas: readonly number[]): number[] => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  for (const mantissas of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const values = inside(mantissas);
    if (values.length < minCount) continue;
    // Thinning keeps every k-th value: when that leaves fewer than minCount (0.7, 0.9 of 0.7..1), keep them all.
    const kept = every(values, Math.max(count, minCount));
    return kept.length >= minCount ? kept : values;
  }
  return linearTicks([lo, hi], count, minCount).filter((v) => v > 0);
}

/** Keep about `count` of `values`, evenly: every k-th from the first, the last kept when it fits the pattern. */
function every(values: readonly number[], count: number): number[] {
  if (values.length <= count) return [...values];
  const k = Math.ceil(values.length / count);
  return values.filter((_, i) => i % k === 0);
}

/** Fewest decimals (up to MAX_DECIMALS) that write `v` to within `tolerance`. */
function decimalsFor(v: number, tolerance: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) {
    if (Math.abs(Number(v.toFixed(d)) - v) <= tolerance) return d;
  }
  return MAX_DECIMALS;
}

/**
 * One en-US number format per count of decimals, made once: toLocaleString with options builds a new
 * Intl.NumberFormat on every call, which was 5% of the page's main thread while training (every axis
 * relabels at each snapshot).
 */
const formats: Intl.NumberFormat[] = [];

function formatWith(decimals: number): Intl.NumberFormat {
  const d = Math.max(0, Math.min(MAX_DECIMALS, decimals));
  return (formats[d] ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
}

/** `v` with `decimals` decimals, thousands separated by commas, a true minus sign, and no "-0". */
function plain(v: number, decimals: number): string {
  const text = formatWith(decimals).format(Math.abs(v));
  return Number(v.toFixed(decimals)) === 0 || v > 0 ? text : `\u2212${text}`;
}

const SI: readonly { factor: number; suffix: string }[] = [
  { factor: 1e9, suffix: 'G' },
  { factor: 1e6, suffix: 'M' },
  { factor: 1e3, suffix: 'k' },
];

/**
 * Labels of the ticks `values` of one axis, read as `format`: every label with the decimals its own
 * value needs at the axis' resolution (0, 0.5, 1, 1.5: trailing zeros dropped), in SI (5k, 1.5M) when
 * the largest tick reaches 10,000 (1,000 for 'si') and the ticks are at least one unit of the prefix
 * apart, as percentages for 'percent'. No exponent, ever.
 */
export function tickLabels(values: readonly number[], format: TickFormat = 'number'): string[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return values.map(() => '');
  const scale = format === 'percent' ? 100 : 1;
  const scaled = finite.map((v) => v * scale);
  const largest = Math.max(...scaled.map(Math.abs));
  // The resolution of the axis: the smallest gap between ticks (values may be uneven, as on a log axis).
  const sorted = [...scaled].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] - sorted[i - 1] > 0) gap = Math.min(gap, sorted[i] - sorted[i - 1]);
  // SI only where every label is a whole number of its unit apart ("5k, 10k"), never "0.05k": finer axes write "500, 1,000".
  const si = format !== 'percent' ? SI.find((s) => largest >= (format === 'si' ? 1e3 : 1e4) && largest >= s.factor && !(gap < s.factor)) : undefined;
  const divisor = si?.factor ?? 1;
  return values.map((value) => {
    if (!Number.isFinite(value)) return '';
    const v = (value * scale) / divisor;
    // Each label as exact as its own value at a thousandth of the axis' finest gap (log axes: 0.001 and 1000 both exact).
    // (A value within a millionth of the gap from 0 is 0, written as such.)
    const step = gap / divisor;
    const tolerance = Number.isFinite(gap) ? Math.min(step, Math.abs(v) >= step * 1e-3 ? Math.abs(v) : step) * 1e-3 : Math.abs(v) * 1e-6;
    const text = plain(v, decimalsFor(v, tolerance));
    return `${text}${si && v !== 0 ? si.suffix : ''}${format === 'percent' ? '%' : ''}`;
  });
}
