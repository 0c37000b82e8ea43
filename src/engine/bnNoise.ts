/**
 * Santurkar, Tsipras, Ilyas & Madry (2018), "How Does Batch Normalization Help Optimization?",
 * Algorithm 1 ("noisy BN"): time-varying, non-Gaussian noise after every BN layer, so that each
 * layer's input distribution shifts at every step. On row-major [n x numUnits] values.
 */
import type { Rng } from './rng.ts';
import type { BnNoiseConfig } from './types.ts';

export { SANTURKAR_BN_NOISE } from './santurkarNoise.ts';

/** Seed of the training noise of a network seeded `seed`: a stream apart from the weights'. */
export function bnNoiseSeed(seed: number): number {
  return (Math.trunc(seed) ^ 0x5a17_b0a5) >>> 0;
}

/** Seed of the probe noise (ProbeOptions.bnNoise) of a network seeded `seed`: apart from training's. */
export function bnProbeNoiseSeed(seed: number): number {
  return (Math.trunc(seed) ^ 0x0b5e_77ed) >>> 0;
}

/** Throws a RangeError unless nMu, rMu, rSigma >= 0 and nSigma >= 1, all finite. */
export function checkBnNoise(noise: BnNoiseConfig): void {
  const { nMu, nSigma, rMu, rSigma } = noise;
  for (const [name, value, min] of [['nMu', nMu, 0], ['nSigma', nSigma, 1], ['rMu', rMu, 0], ['rSigma', rSigma, 0]] as const) {
    if (!(Number.isFinite(value) && value >= min)) throw new RangeError(`bnNoise.${name} must be a finite number >= ${min}, got ${value}`);
  }
}

/**
 * The per-unit draw of one step: unitMu[j] ~ U(-nMu, nMu), then unitSigma[j] ~ U(1, nSigma),
 * unit by unit (mu then sigma), from `rng`. unitMu, unitSigma: length numUnits.
 */
export function drawUnitNoise(
  rng: Rng, numUnits: number, noise: BnNoiseConfig, unitMu: Float64Array, unitSigma: Float64Array,
): void {
  for (let j = 0; j < numUnits; j++) {
    unitMu[j] = noise.nMu * (2 * rng.next() - 1);
    unitSigma[j] = 1 + (noise.nSigma - 1) * rng.next();
  }
}

/**
 * The per-example draw, row by row then unit by unit (m then s): shift m ~ U(mu - rMu, mu + rMu)
 * and scale s ~ N(sigma, rSigma^2) of each of the n x numUnits values. scale, shift: [n x numUnits].
 */
export function drawExampleNoise(
  rng: Rng, n: number, numUnits: number, noise: BnNoiseConfig, unitMu: Float64Array, unitSigma: Float64Array,
  scale: Float32Array, shift: Float32Array,
): void {
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let j = 0; j < numUnits; j++) {
      shift[o + j] = unitMu[j] + noise.rMu * (2 * rng.next() - 1);
      scale[o + j] = unitSigma[j] + noise.rSigma * rng.normal();
    }
  }
}

/** The noise itself, in place: values = s * values + m, elementwise over `count` values (float32 rounding). */
export function applyBnNoise(values: Float32Array, count: number, scale: Float32Array, shift: Float32Array): void {
  for (let i = 0; i < count; i++) values[i] = scale[i] * values[i] + shift[i];
}

/** Its backward pass, in place: dL/dy = s * dL/d(s y + m) (m is additive; neither s nor m is a parameter). */
export function bnNoiseBackward(delta: Float32Array, count: number, scale: Float32Array): void {
  for (let i = 0; i < count; i++) delta[i] *= scale[i];
}

/** Per-layer buffers of the drawn noise, grown to the largest batch seen. */
export interface BnNoiseBuffers {
  /** Per unit mu of the latest draw; length numUnits. */
  unitMu: Float64Array;
  /** Per unit sigma of the latest draw; length numUnits. */
  unitSigma: Float64Array;
  /** Per value scale s of the latest draw, [n x numUnits] (prefix used). */
  scale: Float32Array;
  /** Per value shift m of the latest draw, [n x numUnits] (prefix used). */
  shift: Float32Array;
}

/** Buffers for a layer of `numUnits`, sized for `n` examples; `grow` them with ensureBnNoiseCapacity. */
export function createBnNoiseBuffers(numUnits: number, n = 0): BnNoiseBuffers {
  return {
    unitMu: new Float64Array(numUnits),
    unitSigma: new Float64Array(numUnits),
    scale: new Float32Array(n * numUnits),
    shift: new Float32Array(n * numUnits),
  };
}

/** Makes `buffers` hold at least n x numUnits values (reallocating; contents are then redrawn). */
export function ensureBnNoiseCapacity(buffers: BnNoiseBuffers, n: number, numUnits: number): void {
  if (buffers.scale.length >= n * numUnits) return;
  buffers.scale = new Float32Array(n * numUnits);
  buffers.shift = new Float32Array(n * numUnits);
}
