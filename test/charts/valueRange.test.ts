import { describe, expect, it } from 'vitest';
import { centralRange, displayRange, fittedFromFixed, offChartShare, quantileOf, resample } from '../../src/charts/valueRange.ts';
import { fittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';

/** A seeded normal sample (Box-Muller on a small LCG), deterministic. */
function normal(n: number, mean: number, std: number, seed = 1): Float32Array {
  let s = seed;
  const uniform = (): number => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return (s + 0.5) / 4294967296;
  };
  return Float32Array.from({ length: n }, () => mean + std * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

function fitted(values: Float32Array): FittedHistogram {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return fittedHistogram(values, mean, Math.sqrt(squares / values.length));
}

describe('quantileOf', () => {
  it('reads quantiles of values spread evenly within each interval', () => {
    const even: FittedHistogram = { min: 0, lo: 0, hi: 4, max: 4, counts: Uint32Array.from([0, 25, 25, 25, 25, 0]) };
    expect(quantileOf(even, 0.5)).toBeCloseTo(2, 10);
    expect(quantileOf(even, 0.1)).toBeCloseTo(0.4, 10);
    expect(quantileOf(even, 1)).toBeCloseTo(4, 10);
    expect(quantileOf({ ...even, counts: new Uint32Array(6) }, 0.5)).toBeNaN();
  });

  it('finds the central 99% of a normal sample near mean ± 2.58 std', () => {
    const [lo, hi] = centralRange(fitted(normal(20000, -3.2, 0.004)), 0.005);
    expect(lo).toBeCloseTo(-3.2 - 2.576 * 0.004, 3);
    expect(hi).toBeCloseTo(-3.2 + 2.576 * 0.004, 3);
  });
});

describe('displayRange', () => {
  it('fits a hairline layer (std 0.003) so that its values span most of the chart', () => {
    const h = fitted(normal(10000, 0, 0.003));
    const [lo, hi] = displayRange([h, h]);
    expect(hi - lo).toBeLessThan(0.03);
    expect(hi - lo).toBeGreaterThan(0.015);
    expect(offChartShare(h, lo, hi)).toBeLessThan(0.01);
  });

  it('covers a layer that runs off to -95 and the snapshot before it, with under 1% of either off chart', () => {
    const early = fitted(normal(5000, 0, 0.05));
    const late = fitted(normal(5000, -95, 2.9));
    const [lo, hi] = displayRange([early, late]);
    expect(lo).toBeLessThan(-101);
    expect(lo).toBeGreaterThanOrEqual(-110);
    expect(hi).toBeGreaterThan(0.1);
    expect(hi).toBeLessThanOrEqual(10);
    for (const h of [early, late]) expect(offChartShare(h, lo, hi)).toBeLessThan(0.01);
  });

  it('keeps a wide saturated layer (std 11, bimodal) whole instead of a flat block between fixed edges', () => {
    const values = Float32Array.from([...normal(5000, -14, 4, 3), ...normal(5000, 12, 5, 4)]);
    const h = fitted(values);
    const [lo, hi] = displayRange([h]);
    expect(offChartShare(h, lo, hi)).toBeLessThan(0.01);
    // The fixed -8..8 bins left about a quarter of these values in the edge strips.
    expect(offChartShare(h, -8, 8)).toBeGreaterThan(0.2);
  });

  it('rounds outwards to a step of about a tenth of the span, and never returns a zero-wide range', () => {
    const [lo, hi] = displayRange([fitted(normal(5000, 0.3, 0.1))]);
    const step = (hi - lo) / Math.round((hi - lo) / 0.05);
    expect(Math.abs(lo / step - Math.round(lo / step))).toBeLessThan(1e-9);
    const constant = fittedHistogram(new Float32Array(100).fill(0.5), 0.5, 0);
    const [a, b] = displayRange([constant]);
    expect(b).toBeGreaterThan(a);
    expect(a).toBeLessThanOrEqual(0.5);
    expect(b).toBeGreaterThanOrEqual(0.5);
    expect(displayRange([])).toEqual([-1, 1]);
  });
});

describe('resample and offChartShare', () => {
  const even: FittedHistogram = { min: -2, lo: -1, hi: 1, max: 3, counts: Uint32Array.from([10, 20, 20, 30]) };

  it('spreads each interval over the rows it overlaps and counts what falls outside', () => {
    const { rows, below, above, total } = resample(even, 0, 2, 4);
    // Bins [-1,0] 20 and [0,1] 20; edges [-2,-1] 10 and [1,3] 30. Rows of 0.5 over [0, 2].
    expect(Array.from(rows)).toEqual([10, 10, 7.5, 7.5]);
    expect(below).toBeCloseTo(30, 10);
    expect(above).toBeCloseTo(15, 10);
    expect(total).toBe(80);
  });

  it('gives the share off the range, and treats values beyond fixed bins as always off it', () => {
    expect(offChartShare(even, 0, 2)).toBeCloseTo(45 / 80, 10);
    expect(offChartShare(even, -2, 3)).toBe(0);
    const fixed = fittedFromFixed(Uint32Array.from([21, 10, 20, 25, 0, 0]), { min: -8, max: 8, count: 4 });
    expect(offChartShare(fixed, -8, 8)).toBeCloseTo(21 / 76, 10);
    expect(offChartShare(fixed, -100, 100)).toBeCloseTo(21 / 76, 10);
  });
});
