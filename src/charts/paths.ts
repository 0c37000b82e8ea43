/**
 * SVG path strings for time series. Points with a missing or non-finite value are gaps,
 * so no NaN ever reaches an SVG attribute.
 */
import { area, line } from 'd3-shape';

type Position = (value: number) => number;

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Path through (xs[i], ys[i]); null/NaN/infinite values (or positions) break the line. Empty string when nothing is drawable. */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], x: Position, y: Position): string {
  const n = Math.min(xs.length, ys.length);
  const gen = line<number>()
    .defined((i) => finite(xs[i]) && finite(ys[i]) && Number.isFinite(x(xs[i])) && Number.isFinite(y(ys[i] as number)))
    .x((i) => x(xs[i]))
    .y((i) => y(ys[i] as number));
  return gen(Array.from({ length: n }, (_, i) => i)) ?? '';
}

/** Filled band between lo[i] and hi[i] at xs[i]; missing values break the band. */
export function bandPath(
  xs: readonly number[],
  lo: readonly (number | null)[],
  hi: readonly (number | null)[],
  x: Position,
  y: Position,
): string {
  const n = Math.min(xs.length, lo.length, hi.length);
  const ok = (i: number): boolean =>
    finite(xs[i]) && finite(lo[i]) && finite(hi[i]) &&
    Number.isFinite(x(xs[i])) && Number.isFinite(y(lo[i] as number)) && Number.isFinite(y(hi[i] as number));
  const gen = area<number>()
    .defined(ok)
    .x((i) => x(xs[i]))
    .y0((i) => y(lo[i] as number))
    .y1((i) => y(hi[i] as number));
  return gen(Array.from({ length: n }, (_, i) => i)) ?? '';
}
