import { describe, expect, it } from 'vitest';
import { FITTED_BIN_COUNT, FITTED_STDS, fittedHistogram } from '../../src/experiment/fittedHistogram.ts';

describe('fittedHistogram', () => {
  it('bins mean ± 6 std in equal bins, cut to the values, with the values beyond in the edge counts', () => {
    const values = Float32Array.from([...Array.from({ length: 98 }, (_, i) => (i - 48.5) / 1000), -5, 7]);
    const h = fittedHistogram(values, 0, 0.01);
    expect(h.min).toBe(-5);
    expect(h.max).toBe(7);
    expect(h.lo).toBeCloseTo(-FITTED_STDS * 0.01, 10);
    expect(h.hi).toBeCloseTo(FITTED_STDS * 0.01, 10);
    expect(h.counts).toHaveLength(FITTED_BIN_COUNT + 2);
    expect(h.counts[0]).toBe(1);
    expect(h.counts[FITTED_BIN_COUNT + 1]).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('resolves a layer of std 0.003 over many bins where the fixed 0.25-wide bins have one', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => -3.8 + 0.003 * Math.sin(i));
    const h = fittedHistogram(values, -3.8, 0.003 / Math.SQRT2);
    const filled = Array.from(h.counts.subarray(1, FITTED_BIN_COUNT + 1)).filter((c) => c > 0).length;
    expect(filled).toBeGreaterThan(20);
  });

  it('keeps constant values in one bin and skips non-finite ones', () => {
    const h = fittedHistogram(Float32Array.from([0.5, 0.5, Number.NaN, Infinity, 0.5]), 0.5, 0);
    expect([h.min, h.lo, h.hi, h.max]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
    const empty = fittedHistogram(new Float32Array(0), Number.NaN, Number.NaN);
    expect(empty.counts.every((c) => c === 0)).toBe(true);
  });

  it('spans min..max when the mean or std is unusable', () => {
    const h = fittedHistogram(Float32Array.from([1, 2, 3]), Number.NaN, 1);
    expect([h.lo, h.hi]).toEqual([1, 3]);
    expect(h.counts[0] + h.counts[FITTED_BIN_COUNT + 1]).toBe(0);
  });
});
