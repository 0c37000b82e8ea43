/**
 * Thinning a time series to what a chart can show: at most one point per pixel.
 * A long run keeps ~1,000 points per series; drawing them all into a chart a few hundred px wide
 * costs path parsing and painting for detail no one can see.
 */

type Position = (value: number) => number;

/** A gap marker in a list of kept indices: the line breaks here. */
export const GAP = -1;

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Indices of `ys` worth drawing against `xs` (ascending), at most about one per `pixel` px:
 * each bucket of two pixels keeps its lowest and its highest point, in step order, so spikes and
 * the envelope of a noisy curve stay where they are. A point that cannot be drawn (null, NaN,
 * infinite, or off-scale like 0 on a log axis) becomes one GAP entry, so the line still breaks there.
 * Series short enough (no more points than pixels) come back whole.
 */
export function decimateIndices(xs: readonly number[], ys: readonly (number | null)[], x: Position, y: Position, pixels: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const kept: number[] = [];
  const drawable = (i: number): boolean => finite(xs[i]) && finite(ys[i]) && Number.isFinite(x(xs[i])) && Number.isFinite(y(ys[i] as number));
  if (n <= Math.max(1, pixels)) {
    for (let i = 0; i < n; i++) kept.push(drawable(i) ? i : GAP);
    return kept;
  }
  let bucket = NaN;
  let lo = -1;
  let hi = -1;
  const flush = (): void => {
    if (lo < 0) return;
    if (lo === hi) kept.push(lo);
    else if (lo < hi) kept.push(lo, hi);
    else kept.push(hi, lo);
    lo = hi = -1;
  };
  for (let i = 0; i < n; i++) {
    if (!drawable(i)) {
      flush();
      if (kept.length > 0 && kept[kept.length - 1] !== GAP) kept.push(GAP);
      bucket = NaN;
      continue;
    }
    const b = Math.floor(x(xs[i]) / 2);
    if (b !== bucket) {
      flush();
      bucket = b;
    }
    const v = ys[i] as number;
    if (lo < 0 || v < (ys[lo] as number)) lo = i;
    if (hi < 0 || v > (ys[hi] as number)) hi = i;
  }
  flush();
  return kept;
}

/** A band thinned for drawing: parallel arrays, null where it breaks. */
export interface ThinBand {
  xs: number[];
  lo: (number | null)[];
  hi: (number | null)[];
}

/**
 * The band between `lo` and `hi` at about one point per `pixel` px: each two-pixel bucket becomes
 * its first and last step, spanning the bucket's lowest `lo` and highest `hi` (the envelope, so the
 * band never looks narrower than it is). Missing bounds break the band. Short bands come back whole.
 */
export function decimateBand(
  xs: readonly number[],
  lo: readonly (number | null)[],
  hi: readonly (number | null)[],
  x: Position,
  pixels: number,
): ThinBand {
  const n = Math.min(xs.length, lo.length, hi.length);
  if (n <= Math.max(1, pixels)) return { xs: xs.slice(0, n), lo: lo.slice(0, n), hi: hi.slice(0, n) };
  const out: ThinBand = { xs: [], lo: [], hi: [] };
  let bucket = NaN;
  let first = -1;
  let last = -1;
  let min = Infinity;
  let max = -Infinity;
  const flush = (): void => {
    if (first < 0) return;
    out.xs.push(xs[first]);
    out.lo.push(min);
    out.hi.push(max);
    if (last !== first) {
      out.xs.push(xs[last]);
      out.lo.push(min);
      out.hi.push(max);
    }
    first = last = -1;
    min = Infinity;
    max = -Infinity;
  };
  for (let i = 0; i < n; i++) {
    const a = lo[i];
    const b = hi[i];
    const px = finite(xs[i]) ? x(xs[i]) : NaN;
    if (!finite(a) || !finite(b) || !Number.isFinite(px)) {
      flush();
      out.xs.push(finite(xs[i]) ? xs[i] : 0);
      out.lo.push(null);
      out.hi.push(null);
      bucket = NaN;
      continue;
    }
    const k = Math.floor(px / 2);
    if (k !== bucket) {
      flush();
      bucket = k;
    }
    if (first < 0) first = i;
    last = i;
    if (a < min) min = a;
    if (b > max) max = b;
  }
  flush();
  return out;
}
