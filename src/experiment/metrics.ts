/**
 * The measurements of PAPER.md section 3, as plain functions over probe activations
 * (Float32Array [n x units] row-major, as Network.probe returns them). NaN-free for finite input.
 */
import { createFloat32Sorter } from './sortFloat32.ts';
import type { Float32Sorter } from './sortFloat32.ts';
import type { HistogramBins } from './types.ts';

/** Bin counts over fixed bins, with the values that fell outside. */
export interface HistogramCounts {
  /** Counts per bin, length bins.count; bin i is [min + i*w, min + (i+1)*w), the last one closed. */
  counts: Uint32Array;
  /** Values below bins.min. */
  under: number;
  /** Values above bins.max. */
  over: number;
}

/** Count `values` into the fixed `bins`; non-finite values count as under (-Inf, NaN) or over (+Inf). */
export function histogram(values: ArrayLike<number>, bins: HistogramBins): HistogramCounts {
  const counts = new Uint32Array(bins.count);
  const width = (bins.max - bins.min) / bins.count;
  let under = 0;
  let over = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > bins.max) over++;
    else if (v >= bins.min) counts[Math.min(bins.count - 1, Math.floor((v - bins.min) / width))]++;
    else under++;
  }
  return { counts, under, over };
}

/**
 * Percentile `p` (0..100) of ascending `sorted` values by linear interpolation between closest
 * ranks (numpy's default): rank = p/100 * (n - 1). 0 for an empty array.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const low = Math.floor(rank);
  const high = Math.min(n - 1, low + 1);
  const fraction = rank - low;
  return sorted[low] + fraction * (sorted[high] - sorted[low]);
}

/** Percentiles `ps` of unsorted `values` (copied and sorted once). */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => percentileOfSorted(sorted, p));
}

/** Mean and (population) standard deviation of `values`; both 0 when empty. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n) };
}

/** |x| beyond which sigmoid's derivative is under 2% of its peak (PAPER.md section 3). */
export const SATURATION_THRESHOLD = 4;

/** Fraction of `values` with |x| > 4; 0 when empty. */
export function saturation(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > SATURATION_THRESHOLD) count++;
  return count / values.length;
}

/** Column `unit` of a row-major [n x units] matrix, as a new Float64Array. */
export function unitColumn(activations: Float32Array, units: number, unit: number): Float64Array {
  const n = activations.length / units;
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = activations[i * units + unit];
  return column;
}

/**
 * Each unit's values of a row-major [n x units] matrix, sorted ascending, unit-major
 * ([units x n]): the form in which drift compares two snapshots, so each is sorted only once.
 */
export function sortedByUnit(activations: Float32Array, units: number, sorter: Float32Sorter = createFloat32Sorter()): Float32Array {
  const n = units > 0 ? activations.length / units : 0;
  const out = new Float32Array(activations.length);
  for (let unit = 0; unit < units; unit++) {
    const column = out.subarray(unit * n, (unit + 1) * n);
    for (let i = 0; i < n; i++) column[i] = activations[i * units + unit];
    sorter.sort(column);
  }
  return out;
}
