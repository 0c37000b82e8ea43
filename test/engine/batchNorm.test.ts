/** Batch Normalization: Algorithm 1's statistics, Algorithm 2's inference map, running averages. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchNormForward, createBatchNormState } from '../../src/engine/batchNorm.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Batch } from '../../src/engine/types.ts';
import { copyParameters, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

/** Training-mode BN of `input` [n x units] with gamma = 1, beta = 0. */
function normalise(input: Float32Array, n: number, units: number, epsilon: number): Float32Array {
  const output = new Float32Array(n * units);
  batchNormForward(input, output, n, units, new Float32Array(units).fill(1), new Float32Array(units), epsilon, createBatchNormState(n, units));
  return output;
}

/** Per-unit float64 mean and biased variance of a [n x units] array. */
function columnMoments(values: Float32Array, n: number, units: number): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: units }, (_, u) => {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += values[r * units + u];
    return sum / n;
  });
  const variance = Array.from({ length: units }, (_, u) => {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += (values[r * units + u] - mean[u]) ** 2;
    return sum / n;
  });
  return { mean, variance };
}

const arbitraryLayerInput = fc.record({
  seed: fc.integer(),
  n: fc.integer({ min: 2, max: 40 }),
  units: fc.integer({ min: 1, max: 6 }),
  shift: fc.double({ min: -1000, max: 1000, noNaN: true }),
  scale: fc.double({ min: 0.05, max: 100, noNaN: true }),
}).map(({ seed, n, units, shift, scale }) => {
  const rng = createRng(seed);
  const input = new Float32Array(n * units);
  for (let i = 0; i < input.length; i++) input[i] = shift + scale * rng.normal();
  return { input, n, units };
});

describe('batchNormForward (Algorithm 1, training mode)', () => {
  it('gives every unit mean 0 and variance var/(var+eps), about 1, for any shift and scale of the inputs', () => {
    fc.assert(fc.property(arbitraryLayerInput, ({ input, n, units }) => {
      const epsilon = 1e-5;
      const inputMoments = columnMoments(input, n, units);
      fc.pre(inputMoments.variance.every((v) => v > 1e-3));
      const { mean, variance } = columnMoments(normalise(input, n, units, epsilon), n, units);
      for (let u = 0; u < units; u++) {
        const expected = inputMoments.variance[u] / (inputMoments.variance[u] + epsilon);
        expect(Math.abs(mean[u])).toBeLessThan(1e-6);
        expect(Math.abs(variance[u] - expected)).toBeLessThan(1e-5);
        expect(Math.abs(variance[u] - 1)).toBeLessThan(1e-2);
      }
    }));
  });

  it('is invariant to the scale of its inputs: BN(a x) = BN(x) for a > 0', () => {
    fc.assert(fc.property(arbitraryLayerInput, fc.double({ min: 1e-2, max: 1e2, noNaN: true }), ({ input, n, units }, a) => {
      const inputMoments = columnMoments(input, n, units);
      fc.pre(inputMoments.variance.every((v) => v > 1e-3));
      const scaled = input.map((value) => value * a);
      // epsilon = 0 makes the invariance exact; what remains is the float32 rounding of a x
      // (half an ulp of |a x|), which x-hat sees divided by the spread a * std.
      let largest = 0;
      for (const value of input) largest = Math.max(largest, Math.abs(value));
      const bound = 1e-6 + (4 * 2 ** -24 * largest) / Math.sqrt(Math.min(...inputMoments.variance));
      const plain = normalise(input, n, units, 0);
      const ofScaled = normalise(scaled, n, units, 0);
      for (let i = 0; i < plain.length; i++) expect(Math.abs(ofScaled[i] - plain[i])).toBeLessThan(bound);
    }));
  });

  it('is exactly invariant to a power-of-two scale, even with epsilon, when the variance dwarfs epsilon', () => {
    fc.assert(fc.property(arbitraryLayerInput, fc.integer({ min: -6, max: 6 }), ({ input, n, units }, k) => {
      const inputMoments = columnMoments(input, n, units);
      fc.pre(inputMoments.variance.every((v) => v > 1));
      const a = 2 ** k; // a x is exact in float32
      const plain = normalise(input, n, units, 1e-5);
      const ofScaled = normalise(input.map((value) => value * a), n, units, 1e-5);
      // Only epsilon breaks the invariance: |x-hat| * (1 - sqrt((v + eps) / (a^2 v + eps))) <= |x-hat| * eps / min(v, a^2 v).
      for (let i = 0; i < plain.length; i++) {
        expect(Math.abs(ofScaled[i] - plain[i])).toBeLessThan(1e-6 + Math.abs(plain[i]) * 1e-5 / Math.min(1, a * a));
      }
    }));
  });

  it('is not invariant to the scale when epsilon dominates the variance', () => {
    const input = Float32Array.from([0, 1e-3, 2e-3, 3e-3]);
    const small = normalise(input, 4, 1, 1e-5);
    const large = normalise(input.map((v) => v * 1000), 4, 1, 1e-5);
    expect(Math.abs(large[0] - small[0])).toBeGreaterThan(0.1);
  });
});

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe('a network with BN', () => {
    const config = { layers: [6, 5, 4, 3], activation: 'tanh' as const, batchNorm: true, init: { scheme: 'xavier' as const }, seed: 3 };

    it('starts its running statistics at mean 0 and variance 1', () => {
      const parameters = createNetwork(config, kernel).parameters();
      for (const name of ['bn0', 'bn1']) {
        expect(Array.from(parameters[`${name}.runningMean`])).toEqual([0, 0, 0, 0, 0].slice(0, parameters[`${name}.runningMean`].length));
        expect(parameters[`${name}.runningVar`].every((v) => v === 1)).toBe(true);
      }
    });

    it('updates the running statistics with momentum 0.1 and the unbiased batch variance, after 1 and 2 steps', () => {
      const net = createNetwork({ ...config, bnMomentum: 0.1 }, kernel);
      perturbParameters(net, 5);
      const rng = createRng(9);
      const batches: Batch[] = [randomBatch(rng, 7, 6, 3, 1, 2), randomBatch(rng, 7, 6, 3, -1, 0.5)];
      let expectedMean = [new Array(5).fill(0), new Array(4).fill(0)];
      let expectedVar = [new Array(5).fill(1), new Array(4).fill(1)];
      for (const batch of batches) {
        const before = copyParameters(net.parameters());
        const reference = referenceForward(net.config, before, batch.x, batch.n, 'train');
        expectedMean = expectedMean.map((running, layerIdx) => running.map((r, u) => 0.9 * r + 0.1 * reference.batchMean[layerIdx][u]));
        expectedVar = expectedVar.map((running, layerIdx) =>
          running.map((r, u) => 0.9 * r + 0.1 * reference.batchVariance[layerIdx][u] * batch.n / (batch.n - 1)));
        net.trainStep(batch, { learningRate: 0.5 });
        const after = net.parameters();
        for (let layerIdx = 0; layerIdx < 2; layerIdx++) {
          const runningMean = after[`bn${layerIdx}.runningMean`];
          const runningVar = after[`bn${layerIdx}.runningVar`];
          expectedMean[layerIdx].forEach((m, u) => expect(runningMean[u]).toBeCloseTo(m, 5));
          expectedVar[layerIdx].forEach((v, u) => expect(Math.abs(runningVar[u] - v) / v).toBeLessThan(1e-5));
        }
      }
    });

    it('uses the running statistics in inference mode: probe and evaluate follow Algorithm 2', () => {
      const net = createNetwork(config, kernel);
      perturbParameters(net, 6);
      const rng = createRng(10);
      for (let step = 0; step < 5; step++) net.trainStep(randomBatch(rng, 9, 6, 3, 2, 3), { learningRate: 0.2 });
      const parameters = net.parameters();
      // The running statistics are far from their start, so Algorithm 2 is not the identity.
      expect(Math.abs(parameters['bn0.runningMean'][0])).toBeGreaterThan(0.05);

      const batch = randomBatch(rng, 11, 6, 3, 2, 3);
      const reference = referenceForward(net.config, parameters, batch.x, batch.n, 'inference');
      const probed = net.probe(batch);
      probed.forEach((layer, layerIdx) => {
        reference.u[layerIdx].flat().forEach((value, i) => expect(layer[i]).toBeCloseTo(value, 4));
      });
      let lossSum = 0;
      reference.logits.forEach((row, r) => {
        const max = Math.max(...row);
        lossSum += max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) - row[batch.y[r]];
      });
      expect(net.evaluate(batch).loss).toBeCloseTo(lossSum / batch.n, 5);
    });

    it('differs between training and inference mode on the same batch', () => {
      const net = createNetwork(config, kernel);
      const batch = randomBatch(createRng(12), 8, 6, 3, 3, 2);
      expect(net.lossAndGradients(batch).loss).not.toBeCloseTo(net.evaluate(batch).loss, 3);
    });
  });
});
