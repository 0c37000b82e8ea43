/**
 * Ridgeline geometry (TensorBoard's "offset" histogram mode): a few histograms from across the run,
 * stacked as filled curves, the oldest at the back (top) and the newest at the front (bottom).
 */
import type { HistogramBins } from '../experiment/types.ts';
import { round2 } from './paths.ts';

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
 * Lay out ridges for `columns` ([under, counts..., over]) at `steps`, oldest first (draw in order).
 * Only in-range bins are drawn; each ridge is scaled to its own column, so that the column's fullest bin
 * (edge bins included: a column mostly out of range stays low) rises `overlap` spacings.
 */
export function ridgelineLayout(
  columns: readonly Uint32Array[],
  steps: readonly number[],
  bins: HistogramBins,
  options: RidgelineOptions,
): Ridge[] {
  const n = Math.min(columns.length, steps.length);
  const { width, height, overlap } = options;
  if (!(width > 0 && height > 0 && overlap > 0) || bins.count < 1) return [];
  const picked = spreadIndices(n, options.count).filter((i) => columns[i].length === bins.count + 2);
  if (picked.length === 0) return [];

  // Each in-range bin as a fraction of its column's fullest bin.
  const heights = picked.map((i) => {
    const col = columns[i];
    let most = 0;
    for (const v of col) if (v > most) most = v;
    return Array.from({ length: bins.count }, (_, b) => (most > 0 ? col[b + 1] / most : 0));
  });

  const spacing = height / (picked.length - 1 + overlap);
  const peak = overlap * spacing;
  const binWidth = width / bins.count;
  return picked.map((columnIndex, k) => {
    const baseline = round2((overlap + k) * spacing);
    const parts = [`M0,${baseline}`];
    heights[k].forEach((height, b) => {
      const y = baseline - height * peak;
      parts.push(`L${round2((b + 0.5) * binWidth)},${round2(y)}`);
    });
    parts.push(`L${round2(width)},${baseline}Z`);
    return { columnIndex, step: steps[columnIndex], baseline, d: parts.join('') };
  });
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
