/**
 * The value axis of a layer chart, chosen from the data: each snapshot's fitted histogram
 * (src/experiment/fittedHistogram.ts) read as masses spread evenly over intervals, its central
 * 99.6% found, the union over the run's snapshots made the chart's range, and every snapshot
 * re-binned onto that range. A layer of std 0.003 fills its chart as a layer at -95 does.
 */
import { tickIncrement } from 'd3-array';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { HistogramBins } from '../experiment/types.ts';

/** Share of a snapshot's values each side that may fall outside the range the chart chooses. */
export const RANGE_TAIL = 0.002;
/** Share of values off chart above which the chart says so in words. */
export const OFF_CHART_WARNING = 0.2;

/** Calls `visit(a, b, mass)` for each interval of `h` that holds values, low to high; masses with no known place (an edge interval of zero width) are reported as `below` / `above`. */
function eachInterval(h: FittedHistogram, visit: (a: number, b: number, mass: number) => void): { below: number; above: number } {
  const n = h.counts.length - 2;
  const width = n > 0 ? (h.hi - h.lo) / n : 0;
  const under = h.counts[0];
  const over = h.counts[n + 1];
  let below = 0;
  let above = 0;
  if (under > 0) {
    if (h.min < h.lo) visit(h.min, h.lo, under);
    else below = under;
  }
  for (let i = 0; i < n; i++) {
    const c = h.counts[i + 1];
    if (c > 0) visit(h.lo + i * width, i === n - 1 ? h.hi : h.lo + (i + 1) * width, c);
  }
  if (over > 0) {
    if (h.max > h.hi) visit(h.hi, h.max, over);
    else above = over;
  }
  return { below, above };
}

/** Total count of a fitted histogram. */
export function totalOf(h: FittedHistogram): number {
  let total = 0;
  for (const c of h.counts) total += c;
  return total;
}

/** The value below which a share `p` of the values lie (values spread evenly within each interval); NaN when empty. */
export function quantileOf(h: FittedHistogram, p: number): number {
  const total = totalOf(h);
  if (!(total > 0)) return NaN;
  // Values of no known place (beyond a fixed bin range) count as lying below / above everything known.
  const below = h.min < h.lo ? 0 : h.counts[0];
  const target = Math.max(0, Math.min(1, p)) * total - below;
  let seen = 0;
  let result = NaN;
  let first = NaN;
  let last = NaN;
  eachInterval(h, (a, b, mass) => {
    if (Number.isNaN(first)) first = a;
    last = b;
    if (Number.isNaN(result) && seen + mass >= target) result = a + (b - a) * Math.max(0, Math.min(1, (target - seen) / mass));
    seen += mass;
  });
  return Number.isNaN(result) ? (target <= 0 ? first : last) : result;
}

/** The interval holding all but `tail` of the values on each side: [q(tail), q(1 - tail)]. */
export function centralRange(h: FittedHistogram, tail = RANGE_TAIL): [number, number] {
  return [quantileOf(h, tail), quantileOf(h, 1 - tail)];
}

/**
 * The value range of a chart of `columns`: the union of their central ranges, padded by 4% and
 * widened outwards to a round step (about a tenth of the span), so it moves in round jumps as a run
 * grows rather than at every snapshot. `central` may supply a column's central range (a cache).
 * [-1, 1] when there is nothing to show; never zero-wide.
 */
export function displayRange(columns: readonly FittedHistogram[], central: (h: FittedHistogram, index: number) => [number, number] = (h) => centralRange(h)): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  columns.forEach((h, i) => {
    const [a, b] = central(h, i);
    if (Number.isFinite(a) && a < lo) lo = a;
    if (Number.isFinite(b) && b > hi) hi = b;
  });
  if (!(lo <= hi)) return [-1, 1];
  const floor = Math.max(Math.abs(lo), Math.abs(hi)) * 1e-3 || 1e-3;
  if (hi - lo < floor) {
    const mid = (lo + hi) / 2;
    lo = mid - floor / 2;
    hi = mid + floor / 2;
  }
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const increment = tickIncrement(lo, hi, 10);
  const step = increment > 0 ? increment : 1 / -increment;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step].map((v) => Number(v.toPrecision(12))) as [number, number];
}

/** Counts of a column re-binned onto a chart's rows, and what fell outside. */
export interface Resampled {
  /** Count per row, rows equal over [lo, hi], the lowest values first. */
  rows: Float64Array;
  /** Counts below lo and above hi. */
  below: number;
  above: number;
  total: number;
}

/** Re-bin `h` onto `rowCount` equal rows over [lo, hi], into `out` (reused when long enough). */
export function resample(h: FittedHistogram, lo: number, hi: number, rowCount: number, out?: Float64Array): Resampled {
  const rows = out && out.length >= rowCount ? out.subarray(0, rowCount) : new Float64Array(rowCount);
  rows.fill(0);
  const rowWidth = (hi - lo) / rowCount;
  let below = 0;
  let above = 0;
  let total = 0;
  const known = eachInterval(h, (a, b, mass) => {
    total += mass;
    if (b === a) {
      if (a < lo) below += mass;
      else if (a > hi) above += mass;
      else rows[Math.min(rowCount - 1, Math.floor((a - lo) / rowWidth))] += mass;
      return;
    }
    const density = mass / (b - a);
    if (a < lo) below += density * (Math.min(b, lo) - a);
    if (b > hi) above += density * (b - Math.max(a, hi));
    const from = Math.max(a, lo);
    const to = Math.min(b, hi);
    if (!(to > from)) return;
    const first = Math.max(0, Math.floor((from - lo) / rowWidth));
    const last = Math.min(rowCount - 1, Math.floor((to - lo) / rowWidth));
    for (let r = first; r <= last; r++) {
      const overlap = Math.min(to, lo + (r + 1) * rowWidth) - Math.max(from, lo + r * rowWidth);
      if (overlap > 0) rows[r] += density * overlap;
    }
  });
  below += known.below;
  above += known.above;
  total += known.below + known.above;
  return { rows, below, above, total };
}

/** Share of the values of `h` outside [lo, hi]; 0 for an empty histogram. */
export function offChartShare(h: FittedHistogram, lo: number, hi: number): number {
  const total = totalOf(h);
  if (!(total > 0)) return 0;
  let outside = 0;
  const known = eachInterval(h, (a, b, mass) => {
    if (b === a) {
      if (a < lo || a > hi) outside += mass;
      return;
    }
    outside += (mass * (Math.max(0, Math.min(b, lo) - a) + Math.max(0, b - Math.max(a, hi)))) / (b - a);
  });
  return (outside + known.below + known.above) / total;
}

/**
 * A column of the run's fixed bins ([under, counts..., over]) as a fitted histogram, for histories
 * without fitted ones: the values beyond the bins have no known place, so they are always off chart.
 */
export function fittedFromFixed(column: Uint32Array, bins: HistogramBins): FittedHistogram {
  return { min: bins.min, lo: bins.min, hi: bins.max, max: bins.max, counts: column };
}
