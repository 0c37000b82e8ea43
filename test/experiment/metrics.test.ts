import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  driftPer1000Steps, histogram, meanScaledWassersteinSorted, meanStd, meanWasserstein, percentileOfSorted, percentiles, saturation,
  sortedByUnit, unitColumn,
} from '../../src/experiment/metrics.ts';

describe('histogram', () => {
  it('counts values into half-open bins, the last one closed, and the rest as under / over', () => {
    const values = [-2, -1, -0.5, -0.25, 0, 0.49, 0.5, 1, 1.5, Infinity, NaN, -Infinity];
    const { counts, under, over } = histogram(values, { min: -1, max: 1, count: 4 });
    expect(Array.from(counts)).toEqual([1, 2, 2, 2]);
    expect(under).toBe(3);
    expect(over).toBe(2);
  });

  it('accounts for every value exactly once', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true })), (values) => {
      const { counts, under, over } = histogram(values, { min: -8, max: 8, count: 64 });
      return counts.reduce((a, b) => a + b, 0) + under + over === values.length;
    }));
  });
});

describe('percentiles', () => {
  it('interpolates linearly between closest ranks like numpy', () => {
    // numpy.percentile([1, 2, 3, 4], [15, 50, 85]) == [1.45, 2.5, 3.55]
    const [p15, p50, p85] = percentiles([4, 2, 1, 3], [15, 50, 85]);
    expect(p15).toBeCloseTo(1.45, 12);
    expect(p50).toBeCloseTo(2.5, 12);
    expect(p85).toBeCloseTo(3.55, 12);
  });

  it('returns the extremes at 0 and 100, the value of a single sample, and 0 for none', () => {
    expect(percentileOfSorted([1, 5, 9], 0)).toBe(1);
    expect(percentileOfSorted([1, 5, 9], 100)).toBe(9);
    expect(percentileOfSorted([7], 85)).toBe(7);
    expect(percentileOfSorted([], 50)).toBe(0);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentiles([10, 9, 100, -1, 2], [50])[0]).toBe(9);
  });
});

describe('meanStd and saturation', () => {
  it('gives the population mean and standard deviation', () => {
    const { mean, std } = meanStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(meanStd([])).toEqual({ mean: 0, std: 0 });
  });

  it('counts the fraction strictly beyond |x| = 4', () => {
    expect(saturation([-5, -4, 0, 4, 4.01])).toBeCloseTo(0.4, 12);
    expect(saturation([])).toBe(0);
  });
});

describe('drift', () => {
  // Rows are probe examples, columns units: [n = 3 x units = 2].
  const before = Float32Array.from([0, 10, 1, 20, 2, 30]);
  const after = Float32Array.from([2, 30, 4, 10, 0, 20]);

  it('reads one unit as a column of the row-major matrix', () => {
    expect(Array.from(unitColumn(after, 2, 1))).toEqual([30, 10, 20]);
  });

  it('averages the per-unit Wasserstein-1 distances of sorted values', () => {
    // unit 0: sorted [0,1,2] vs [0,2,4] -> (0+1+2)/3 = 1; unit 1: same multiset -> 0.
    expect(meanWasserstein(before, after, 2)).toBeCloseTo(0.5, 12);
  });

  it('reports the distance per 1,000 steps, and 0 when no step elapsed', () => {
    expect(driftPer1000Steps(before, after, 2, 250)).toBeCloseTo(2, 12);
    expect(driftPer1000Steps(before, after, 2, 0)).toBe(0);
  });

  it('equals |c| when every value shifts by c, whatever the order of the examples', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
      fc.integer({ min: -50, max: 50 }),
      (ints, c) => {
        const a = Float32Array.from(ints);
        const b = Float32Array.from([...ints].reverse().map((v) => v + c));
        return Math.abs(meanWasserstein(a, b, 1) - Math.abs(c)) < 1e-9;
      },
    ));
  });

  it('refuses snapshots over different probe sets', () => {
    expect(() => meanWasserstein(before, after.subarray(0, 4), 2)).toThrow(/6 values before, 4 after/);
  });
});

describe('meanScaledWassersteinSorted (scale-free drift)', () => {
  const scaled = (before: number[], after: number[], units: number) =>
    meanScaledWassersteinSorted(sortedByUnit(Float32Array.from(before), units), sortedByUnit(Float32Array.from(after), units), units);

  it('reads a shift by one standard deviation as 1, whatever the scale of the inputs', () => {
    const base = [-1, 1, -1, 1];
    expect(scaled(base, base.map((x) => x + 1), 1)).toBeCloseTo(1, 6);
    expect(scaled(base.map((x) => 100 * x), base.map((x) => 100 * x + 100), 1)).toBeCloseTo(1, 6);
  });

  it('is invariant to scaling both snapshots, where the raw distance scales with them', () => {
    fc.assert(fc.property(
      fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.constantFrom(0.01, 3, 50),
      (before, after, a) => {
        const raw = meanWasserstein(Float32Array.from(before), Float32Array.from(after), 2);
        const free = scaled(before, after, 2);
        const freeScaled = scaled(before.map((x) => a * x), after.map((x) => a * x), 2);
        expect(meanWasserstein(Float32Array.from(before.map((x) => a * x)), Float32Array.from(after.map((x) => a * x)), 2)).toBeCloseTo(a * raw, 3);
        // The floor on the spread (1e-3) is where invariance ends: only compare spreads above it at both scales.
        const spreads = [before, after].flatMap((xs) => [0, 1].map((u) => meanStd(xs.filter((_, i) => i % 2 === u)).std));
        if (Math.min(...spreads) * Math.min(a, 1) > 1e-2) expect(freeScaled).toBeCloseTo(free, 3);
      },
    ));
  });
});
