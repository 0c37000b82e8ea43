/**
 * Vector arithmetic over named parameter (or gradient) arrays, in float64, for the lab's
 * Santurkar et al. measurements: the l2 norm, the l2 distance and the cosine of gradients,
 * taken over the concatenation of the chosen arrays.
 */
import type { ParameterMap } from '../engine/types.ts';

/** Sum of squares of `values` in float64. */
function sumOfSquares(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return sum;
}

/** ||v||_2 of one array, in float64. */
export function norm(values: Float32Array): number {
  return Math.sqrt(sumOfSquares(values));
}

/** ||a - b||_2 of two arrays of equal length, in float64. */
export function distance(a: Float32Array, b: Float32Array): number {
  checkLengths(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** <a, b> of two arrays of equal length, in float64. */
export function dot(a: Float32Array, b: Float32Array): number {
  checkLengths(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** cos(a, b) = <a, b> / (||a|| ||b||), or null when either is the zero vector (no direction). */
export function cosine(a: Float32Array, b: Float32Array): number | null {
  const denominator = norm(a) * norm(b);
  if (!(denominator > 0) || !Number.isFinite(denominator)) return null;
  return Math.max(-1, Math.min(1, dot(a, b) / denominator));
}

/** ||a - b||_2 over the concatenation of `names` of two maps (e.g. every trainable gradient). */
export function mapDistance(a: ParameterMap, b: ParameterMap, names: readonly string[]): number {
  let sum = 0;
  for (const name of names) {
    const d = distance(a[name], b[name]);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** ||a||_2 over the concatenation of `names` of a map. */
export function mapNorm(a: ParameterMap, names: readonly string[]): number {
  let sum = 0;
  for (const name of names) sum += sumOfSquares(a[name]);
  return Math.sqrt(sum);
}

/** The number, or null when it is NaN or infinite (lab results hold no NaN). */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function checkLengths(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new RangeError(`vectors of different lengths: ${a.length} and ${b.length}`);
}
