/** LayerNorm and GroupNorm (groupNorm.ts) as functions: per-example-group statistics and their invariances (property tests). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGroupNormState, groupNormForward } from '../../src/engine/groupNorm.ts';
import { createRng } from '../../src/engine/rng.ts';

/** GroupNorm of `input` [n x units] in `groups` groups with gamma = 1, beta = 0. */
function normalise(input: Float32Array, n: number, units: number, groups: number, epsilon: number): Float32Array {
  const output = new Float32Array(n * units);
  groupNormForward(input, output, n, units, new Float32Array(units).fill(1), new Float32Array(units), epsilon, createGroupNormState(n, units, groups));
  return output;
}

/** Float64 mean and biased variance of values[from, to). */
function moments(values: Float32Array, from: number, to: number): { mean: number; variance: number } {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  const mean = sum / (to - from);
  let squares = 0;
  for (let i = from; i < to; i++) squares += (values[i] - mean) ** 2;
  return { mean, variance: squares / (to - from) };
}

/** Random [n x units] inputs in `groups` groups, each example with its own shift and scale. */
const arbitraryInput = fc.record({
  seed: fc.integer(),
  n: fc.integer({ min: 1, max: 12 }),
  groups: fc.integer({ min: 1, max: 4 }),
  width: fc.integer({ min: 2, max: 9 }),
  shift: fc.double({ min: -1000, max: 1000, noNaN: true }),
  scale: fc.double({ min: 0.05, max: 100, noNaN: true }),
}).map(({ seed, n, groups, width, shift, scale }) => {
  const rng = createRng(seed);
  const units = groups * width;
  const input = new Float32Array(n * units);
  for (let i = 0; i < input.length; i++) input[i] = shift + scale * rng.normal();
  return { input, n, units, groups, width };
});

describe('groupNormForward (LayerNorm is one group)', () => {
  it('gives every example\'s group mean 0 and variance var/(var+eps), whatever the shift and scale', () => {
    fc.assert(fc.property(arbitraryInput, ({ input, n, units, groups, width }) => {
      const output = normalise(input, n, units, groups, 1e-5);
      for (let start = 0; start < n * units; start += width) {
        const before = moments(input, start, start + width);
        fc.pre(before.variance > 1e-3);
        const after = moments(output, start, start + width);
        expect(Math.abs(after.mean)).toBeLessThan(1e-6);
        expect(Math.abs(after.variance - before.variance / (before.variance + 1e-5))).toBeLessThan(1e-5);
      }
    }));
  });

  it('is invariant to a positive scale and a shift of each example: GN(a x + c) = GN(x)', () => {
    fc.assert(fc.property(arbitraryInput, fc.double({ min: 1e-2, max: 1e2, noNaN: true }), fc.integer({ min: -50, max: 50 }),
      ({ input, n, units, groups, width }, a, c) => {
        let smallest = Infinity;
        let largest = 0;
        for (let start = 0; start < n * units; start += width) smallest = Math.min(smallest, moments(input, start, start + width).variance);
        for (const value of input) largest = Math.max(largest, Math.abs(value));
        fc.pre(smallest > 1e-3);
        // epsilon = 0 makes it exact but for the float32 rounding of a x + c, seen divided by the spread a * std.
        const transformed = input.map((value) => a * value + c);
        const bound = 1e-5 + (8 * 2 ** -24 * (largest + Math.abs(c) / a)) / Math.sqrt(smallest);
        const plain = normalise(input, n, units, groups, 0);
        const ofTransformed = normalise(transformed, n, units, groups, 0);
        for (let i = 0; i < plain.length; i++) expect(Math.abs(ofTransformed[i] - plain[i])).toBeLessThan(bound);
      }));
  });

  it('normalises each example on its own: the same rows give the same outputs in any batch', () => {
    fc.assert(fc.property(arbitraryInput, ({ input, n, units, groups }) => {
      const together = normalise(input, n, units, groups, 1e-5);
      const last = normalise(input.slice((n - 1) * units), 1, units, groups, 1e-5);
      expect(Array.from(together.slice((n - 1) * units))).toEqual(Array.from(last));
    }));
  });
});
