/**
 * The draws of noisy BN (Santurkar et al. 2018, Algorithm 1) against their stated distributions,
 * and the element-wise noise and its backward pass.
 */
import { describe, expect, it } from 'vitest';
import {
  applyBnNoise, bnNoiseBackward, bnNoiseSeed, bnProbeNoiseSeed, checkBnNoise, drawExampleNoise, drawUnitNoise, SANTURKAR_BN_NOISE,
} from '../../src/engine/bnNoise.ts';
import { createRng } from '../../src/engine/rng.ts';

/** Mean, standard deviation, min and max of `values`. */
function moments(values: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}

/** Five standard errors of a mean of `count` draws of standard deviation `std`. */
const fiveSe = (std: number, count: number): number => (5 * std) / Math.sqrt(count);

describe('noisy BN draws', () => {
  const noise = SANTURKAR_BN_NOISE;

  it('uses the paper\'s constants n_mu = 0.5, n_sigma = 1.25, r_mu = r_sigma = 0.1', () => {
    expect(noise).toEqual({ nMu: 0.5, nSigma: 1.25, rMu: 0.1, rSigma: 0.1 });
  });

  it('draws per unit mu ~ U(-n_mu, n_mu) and sigma ~ U(1, n_sigma)', () => {
    const units = 200_000;
    const [mu, sigma] = [new Float64Array(units), new Float64Array(units)];
    drawUnitNoise(createRng(3), units, noise, mu, sigma);
    const m = moments(mu);
    expect(m.min).toBeGreaterThanOrEqual(-0.5);
    expect(m.max).toBeLessThanOrEqual(0.5);
    expect(m.min).toBeLessThan(-0.499);
    expect(m.max).toBeGreaterThan(0.499);
    expect(Math.abs(m.mean)).toBeLessThan(fiveSe(1 / Math.sqrt(12), units));
    expect(Math.abs(m.std - 1 / Math.sqrt(12))).toBeLessThan(0.01 * m.std);
    const s = moments(sigma);
    expect(s.min).toBeGreaterThanOrEqual(1);
    expect(s.max).toBeLessThanOrEqual(1.25);
    expect(s.min).toBeLessThan(1.0005);
    expect(s.max).toBeGreaterThan(1.2495);
    expect(Math.abs(s.mean - 1.125)).toBeLessThan(fiveSe(0.25 / Math.sqrt(12), units));
    expect(Math.abs(s.std - 0.25 / Math.sqrt(12))).toBeLessThan(0.01 * s.std);
  });

  it('draws per example m ~ U(mu - r_mu, mu + r_mu) and s ~ N(sigma, r_sigma^2) around each unit\'s mu and sigma', () => {
    const [n, units] = [4000, 50];
    const [mu, sigma] = [new Float64Array(units), new Float64Array(units)];
    const rng = createRng(5);
    drawUnitNoise(rng, units, noise, mu, sigma);
    const [scale, shift] = [new Float32Array(n * units), new Float32Array(n * units)];
    drawExampleNoise(rng, n, units, noise, mu, sigma, scale, shift);
    const count = n * units;
    const mOffsets = new Float64Array(count);
    const sOffsets = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      mOffsets[i] = shift[i] - mu[i % units];
      sOffsets[i] = scale[i] - sigma[i % units];
    }
    const m = moments(mOffsets);
    expect(m.min).toBeGreaterThanOrEqual(-0.1 - 1e-6);
    expect(m.max).toBeLessThanOrEqual(0.1 + 1e-6);
    // U(-r, r) has width 2r: standard deviation 2r / sqrt(12).
    expect(Math.abs(m.mean)).toBeLessThan(fiveSe(0.2 / Math.sqrt(12), count));
    expect(Math.abs(m.std - 0.2 / Math.sqrt(12))).toBeLessThan(0.01 * m.std);
    const s = moments(sOffsets);
    expect(Math.abs(s.mean)).toBeLessThan(fiveSe(0.1, count));
    expect(Math.abs(s.std - 0.1)).toBeLessThan(0.01 * 0.1);
    // Gaussian, not uniform: about 68.3% within one standard deviation and 95.4% within two.
    const within = (k: number): number => sOffsets.filter((v) => Math.abs(v) < k * 0.1).length / count;
    expect(Math.abs(within(1) - 0.6827)).toBeLessThan(0.005);
    expect(Math.abs(within(2) - 0.9545)).toBeLessThan(0.003);
    // Each unit's examples centre on that unit's own mu and sigma.
    for (const unit of [0, 17, 49]) {
      let [sumM, sumS] = [0, 0];
      for (let r = 0; r < n; r++) {
        sumM += shift[r * units + unit];
        sumS += scale[r * units + unit];
      }
      expect(Math.abs(sumM / n - mu[unit])).toBeLessThan(fiveSe(0.2 / Math.sqrt(12), n));
      expect(Math.abs(sumS / n - sigma[unit])).toBeLessThan(fiveSe(0.1, n));
    }
  });

  it('is a pure function of the generator: the same seed gives the same draw', () => {
    const draw = (seed: number): Float32Array => {
      const [mu, sigma] = [new Float64Array(4), new Float64Array(4)];
      const [scale, shift] = [new Float32Array(12), new Float32Array(12)];
      const rng = createRng(seed);
      drawUnitNoise(rng, 4, noise, mu, sigma);
      drawExampleNoise(rng, 3, 4, noise, mu, sigma, scale, shift);
      return Float32Array.from([...scale, ...shift]);
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });

  it('seeds its training and probe streams apart from the weights\' seed and from each other', () => {
    for (const seed of [0, 1, 42, 2 ** 31]) {
      expect(bnNoiseSeed(seed)).not.toBe(seed >>> 0);
      expect(bnProbeNoiseSeed(seed)).not.toBe(seed >>> 0);
      expect(bnProbeNoiseSeed(seed)).not.toBe(bnNoiseSeed(seed));
    }
  });

  it('sets a <- s * a + m and passes dL/da back as s * dL/d(s a + m)', () => {
    const values = Float32Array.from([1, -2, 0.5]);
    const scale = Float32Array.from([1.1, 0.9, 1.2]);
    const shift = Float32Array.from([0.3, -0.1, 0]);
    const [s, m] = [Array.from(scale), Array.from(shift)];
    applyBnNoise(values, 3, scale, shift);
    expect(Array.from(values)).toEqual([s[0] * 1 + m[0], s[1] * -2 + m[1], s[2] * 0.5 + m[2]].map(Math.fround));
    const delta = Float32Array.from([2, 3, -1]);
    bnNoiseBackward(delta, 3, scale);
    expect(Array.from(delta)).toEqual([2 * s[0], 3 * s[1], -1 * s[2]].map(Math.fround));
  });

  it('rejects constants outside their ranges', () => {
    expect(() => checkBnNoise({ ...noise, nSigma: 0.9 })).toThrow(/nSigma/);
    expect(() => checkBnNoise({ ...noise, nMu: -1 })).toThrow(/nMu/);
    expect(() => checkBnNoise({ ...noise, rSigma: Number.NaN })).toThrow(/rSigma/);
    expect(() => checkBnNoise(noise)).not.toThrow();
  });
});
