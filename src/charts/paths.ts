/**
 * SVG path strings for time series. Points with a missing or non-finite value are gaps,
 * so no NaN ever reaches an SVG attribute.
 */
import { area, line } from 'd3-shape';
import { GAP, decimateBand, decimateIndices } from './decimate.ts';

type Position = (value: number) => number;

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Path through (xs[i], ys[i]); null/NaN/infinite values (or positions) break the line. Empty string when nothing is drawable.
 * With `pixels` (the plot width), a longer series is thinned to about one point per pixel (decimateIndices).
 */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], x: Position, y: Position, pixels = Infinity): string {
  const kept = decimateIndices(xs, ys, x, y, pixels);
  const gen = line<number>()
    .defined((i) => i !== GAP)
    .x((i) => round2(x(xs[i])))
    .y((i) => round2(y(ys[i] as number)));
  return gen(kept) ?? '';
}

/** Hundredths of a pixel are plenty, and shorter strings parse faster. */
export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Filled band between lo[i] and hi[i] at xs[i]; missing values break the band. With `pixels`, thinned to its envelope at ~1 point per pixel. */
export function bandPath(
  xsIn: readonly number[],
  loIn: readonly (number | null)[],
  hiIn: readonly (number | null)[],
  x: Position,
  y: Position,
  pixels = Infinity,
): string {
  const { xs, lo, hi } = decimateBand(xsIn, loIn, hiIn, x, pixels);
  const n = Math.min(xs.length, lo.length, hi.length);
  const ok = (i: number): boolean =>
    finite(xs[i]) && finite(lo[i]) && finite(hi[i]) &&
    Number.isFinite(x(xs[i])) && Number.isFinite(y(lo[i] as number)) && Number.isFinite(y(hi[i] as number));
  const gen = area<number>()
    .defined(ok)
    .x((i) => round2(x(xs[i])))
    .y0((i) => round2(y(lo[i] as number)))
    .y1((i) => round2(y(hi[i] as number)));
  return gen(Array.from({ length: n }, (_, i) => i)) ?? '';
}
