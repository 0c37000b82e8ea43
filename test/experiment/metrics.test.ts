import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  histogram, meanStd, percentileOfSorted, percentiles, saturation, unitColumn,
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

describe('unitColumn', () => {
  it('reads one unit as a column of the row-major matrix', () => {
    // Rows are probe examples, columns units: [n = 3 x units = 2].
    expect(Array.from(unitColumn(Float32Array.from([2, 30, 4, 10, 0, 20]), 2, 1))).toEqual([30, 10, 20]);
  });
});
