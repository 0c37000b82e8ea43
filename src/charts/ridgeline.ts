/**
 * Ridgeline geometry (TensorBoard's "offset" histogram mode): a few histograms from across the run,
 * stacked as filled curves, the oldest at the back (top) and the newest at the front (bottom), on the
 * chart's value range (./valueRange.ts).
 */
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import { round2 } from './paths.ts';
import { resample } from './valueRange.ts';

/** One stacked histogram. */
export interface Ridge {
  /** Index of the snapshot column it draws. */
  columnIndex: number;
  step: number;
  /** y px of its zero line. */
  baseline: number;
  /** Closed SVG path of the filled curve. */
  d: string;
}

/** Options of ridgelineLayout. */
export interface RidgelineOptions {
  width: number;
  height: number;
  /** Most ridges to draw. */
  count: number;
  /** Peak height in ridge spacings. */
  overlap: number;
  /** Equal bins across the value range. */
  bins: number;
}

/** Up to `count` indices spread evenly over 0..n-1, always keeping the first and the last, ascending. */
export function spreadIndices(n: number, count: number): number[] {
  if (n <= 0 || count <= 0) return [];
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  if (count === 1) return [n - 1];
  const picked = new Set<number>();
  for (let k = 0; k < count; k++) picked.add(Math.round((k * (n - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b);
}


/**
 * Lay out ridges for `columns` (one fitted histogram per snapshot) at `steps`, oldest first (draw in
 * order), each re-binned onto `options.bins` equal bins over `valueRange`. Only values in the range
 * are drawn; each ridge is scaled to its own column, so that the column's fullest bin (the values off
 * the range counted as one bin each side: a column mostly off the range stays low) rises `overlap` spacings.
 */
export function ridgelineLayout(
  columns: readonly FittedHistogram[],
  steps: readonly number[],
  valueRange: [number, number],
  options: RidgelineOptions,
): Ridge[] {
  const n = Math.min(columns.length, steps.length);
  const { width, height, overlap, bins } = options;
  const [lo, hi] = valueRange;
  if (!(width > 0 && height > 0 && overlap > 0 && bins >= 1 && hi > lo)) return [];
  const picked = spreadIndices(n, options.count);
  if (picked.length === 0) return [];

  // Each bin as a fraction of its column's fullest.
  const heights = picked.map((i) => {
    const { rows, below, above } = resample(columns[i], lo, hi, bins);
    let most = Math.max(below, above);
    for (const v of rows) if (v > most) most = v;
    return Array.from(rows, (v) => (most > 0 ? v / most : 0));
  });

  const spacing = height / (picked.length - 1 + overlap);
  const peak = overlap * spacing;
  const binWidth = width / bins;
  return picked.map((columnIndex, k) => {
    const baseline = round2((overlap + k) * spacing);
    const parts = [`M0,${baseline}`];
    heights[k].forEach((share, b) => {
      parts.push(`L${round2((b + 0.5) * binWidth)},${round2(baseline - share * peak)}`);
    });
    parts.push(`L${round2(width)},${baseline}Z`);
    return { columnIndex, step: steps[columnIndex], baseline, d: parts.join('') };
  });
}

/**
 * Which ridges get a step label: the first and the last always, others in between when at least
 * `minGap` px clear of the previous label and of the last one (indices into `ridges`, ascending).
 */
export function labelledRidges(ridges: readonly Ridge[], minGap: number): number[] {
  if (ridges.length === 0) return [];
  const last = ridges.length - 1;
  const out = [0];
  for (let i = 1; i < last; i++) {
    const previous = ridges[out[out.length - 1]].baseline;
    if (ridges[i].baseline - previous >= minGap && ridges[last].baseline - ridges[i].baseline >= minGap) out.push(i);
  }
  if (last > 0) out.push(last);
  return out;
}

/** Index in `ridges` of the ridge whose step is closest to `step`; -1 when there are none. */
export function nearestRidge(ridges: readonly Ridge[], step: number): number {
  let best = -1;
  let bestDist = Infinity;
  ridges.forEach((r, i) => {
    const d = Math.abs(r.step - step);
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  });
  return best;
}
