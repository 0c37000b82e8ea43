/** The batch panel's maths: Algorithm 1's stages on one unit, and where the dots go. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchLabel, batchStages, dodgeLanes, formatFixed, formatValue, sampleIndices, stageDomains } from '../../src/charts/batchStages.ts';
import type { BatchSample } from '../../src/experiment/batchSample.ts';

/** A sample of `x` with its own biased statistics, as the engine reports them. */
function sampleOf(values: number[], gamma = 1.5, beta = -0.25, epsilon = 1e-5): BatchSample {
  const x = Float32Array.from(values);
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
  return {
    network: 'bn', step: 1234, layer: 2, unit: 0, x, mean, variance,
    gamma, beta, runningMean: mean * 0.9, runningVar: variance * 1.1, epsilon,
  };
}

const moments = (values: ArrayLike<number>): { mean: number; variance: number } => {
  const all = Array.from(values);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return { mean, variance: all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length };
};

describe('batchStages', () => {
  it('normalises to mean 0 and variance var/(var + eps), about 1, then y = gamma x-hat + beta, for any batch', () => {
    const batch = fc.record({
      values: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 200 }),
      shift: fc.double({ min: -100, max: 100, noNaN: true }),
      scale: fc.double({ min: 0.1, max: 100, noNaN: true }),
      gamma: fc.double({ min: -3, max: 3, noNaN: true }),
      beta: fc.double({ min: -3, max: 3, noNaN: true }),
    });
    fc.assert(fc.property(batch, ({ values, shift, scale, gamma, beta }) => {
      const sample = sampleOf(values.map((v) => shift + scale * v), gamma, beta);
      fc.pre(sample.variance > 1e-3);
      const stages = batchStages(sample);
      const xHat = moments(stages.xHat);
      expect(Math.abs(xHat.mean)).toBeLessThan(1e-6);
      expect(xHat.variance).toBeCloseTo(sample.variance / (sample.variance + sample.epsilon), 6);
      expect(stages.xHatStd).toBeCloseTo(Math.sqrt(xHat.variance), 9);
      stages.y.forEach((y, i) => expect(y).toBeCloseTo(gamma * stages.xHat[i] + beta, 9));
      expect(stages.yMean).toBeCloseTo(beta, 6);
      expect(stages.yStd).toBeCloseTo(Math.abs(gamma) * stages.xHatStd, 6);
    }));
  });

  it('reports sigma_B, the normalising factor and the running std', () => {
    const stages = batchStages(sampleOf([1, 3]));
    expect(stages.m).toBe(2);
    expect(stages.std).toBe(1);
    expect(stages.invStd).toBeCloseTo(1 / Math.sqrt(1 + 1e-5), 12);
    expect(stages.runningStd).toBeCloseTo(Math.sqrt(1.1), 6);
  });
});

describe('the dots', () => {
  it('draws every example of a small batch and an even 64 of a big one', () => {
    expect(sampleIndices(5, 64)).toEqual([0, 1, 2, 3, 4]);
    const big = sampleIndices(1000, 64);
    expect(big).toHaveLength(64);
    expect(new Set(big).size).toBe(64);
    expect(big[0]).toBe(0);
    expect(big[63]).toBeLessThan(1000);
  });

  it('stacks dots that would overlap into lanes, and reuses the freest lane beyond the last', () => {
    expect(dodgeLanes([0, 20, 40], 8, 3)).toEqual([0, 0, 0]);
    expect(dodgeLanes([10, 12, 14, 30], 8, 5)).toEqual([0, 1, 2, 0]);
    expect(dodgeLanes([10, 11, 12], 8, 2)).toEqual([0, 1, 0]);
  });
});

describe('stageDomains', () => {
  it('shares one range when the lines are of similar width, so moves are drawn to scale', () => {
    const sample = sampleOf([-1, 0, 2, 3]);
    const domains = stageDomains(sample, batchStages(sample), 4);
    expect(domains.shared).toBe(true);
    expect(domains.x).toEqual(domains.xHat);
    expect(domains.x[0]).toBeLessThanOrEqual(-1);
    expect(domains.x[1]).toBeGreaterThanOrEqual(3);
  });

  it('gives each line its own range when the inputs are a hundred times wider', () => {
    const sample = sampleOf([-300, -100, 200, 400]);
    const domains = stageDomains(sample, batchStages(sample), 4);
    expect(domains.shared).toBe(false);
    expect(domains.x[0]).toBeLessThanOrEqual(-300);
    expect(domains.xHat[1]).toBeLessThan(3);
    expect(domains.xOverXHat).toBeGreaterThan(100);
  });
});

describe('the words', () => {
  it('names the unit, layer, step, batch size and statistics, in plain decimals', () => {
    const sample = sampleOf([-2.4, 1.2, 0.5, -1]);
    expect(batchLabel(sample, batchStages(sample))).toMatch(
      /^Batch normalisation of unit 0, layer 3, on the mini-batch of step 1,234: 4 examples, mean -0\.425, std 1\.3\d; normalised to mean 0\.00, std 1\.00; then scaled by gamma 1\.5 and shifted by beta -0\.25$/,
    );
    expect(formatValue(1e-5)).toBe('0.00001');
    expect(formatFixed(-1e-8)).toBe('0.00');
    expect(formatFixed(0.99999)).toBe('1.00');
    expect(formatValue(123456)).toBe('123,000');
    expect(formatValue(-1e-9)).not.toMatch(/e/);
  });
});
