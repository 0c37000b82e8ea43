/**
 * Ghost Batch Normalization (Hoffer, Hubara & Soudry 2017) against plain BN on each virtual batch:
 * the loss of a batch is the mean of its virtual batches' losses, each of which depends on its own
 * examples only, so the gradients are the mean of plain BN's gradients on the virtual batches;
 * the running statistics average their statistics. On both kernel paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Batch, NetworkConfig } from '../../src/engine/types.ts';
import { copyParameters, maxAbs, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

const base: NetworkConfig = { layers: [7, 6, 5, 3], activation: 'tanh', normalization: 'batch', init: { scheme: 'xavier' }, seed: 31 };

/** Rows [from, to) of a batch. */
function slice(batch: Batch, from: number, to: number, inputs: number): Batch {
  return { x: batch.x.slice(from * inputs, to * inputs), y: batch.y.slice(from, to), n: to - from };
}

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  it('has the gradients of the mean of plain BN over its virtual batches (any virtual batch size, placement, residual)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('before', 'after' as const), fc.boolean(), fc.integer(),
      (ghostBatchSize, count, normPlacement, residual, seed) => {
        const config: NetworkConfig = { ...base, layers: [6, 6, 6, 3], normPlacement, residual };
        const ghost = createNetwork({ ...config, ghostBatchSize }, kernel);
        perturbParameters(ghost, seed);
        const plain = createNetwork(config, kernel);
        for (const [name, values] of Object.entries(ghost.parameters())) plain.parameters()[name].set(values);
        const batch = randomBatch(createRng(seed), ghostBatchSize * count, 6, 3, 0.5, 1.5);
        const mine = ghost.lossAndGradients(batch);
        let loss = 0;
        const mean: Record<string, Float64Array> = {};
        for (let k = 0; k < count; k++) {
          const part = plain.lossAndGradients(slice(batch, k * ghostBatchSize, (k + 1) * ghostBatchSize, 6));
          loss += part.loss / count;
          for (const [name, gradient] of Object.entries(part.gradients)) {
            mean[name] ??= new Float64Array(gradient.length);
            gradient.forEach((g, i) => { mean[name][i] += g / count; });
          }
        }
        expect(Math.abs(mine.loss - loss)).toBeLessThan(1e-6 * Math.abs(loss));
        // Float32 round-off only: the same operations, with products over n rows instead of g (other
        // blocking, so other summation orders) and partial gradients summed across virtual batches.
        // That is a few float32 ulps (6e-8) of the terms, i.e. of the largest gradient: 1e-6 of it is
        // ~16 ulps. A wrong or missing term is orders of magnitude larger.
        const scale = Math.max(...Object.values(mine.gradients).map(maxAbs));
        for (const [name, gradient] of Object.entries(mine.gradients)) {
          gradient.forEach((g, i) => expect(Math.abs(g - mean[name][i]), `${name}[${i}]`).toBeLessThan(1e-5 * Math.abs(g) + 1e-6 * scale));
        }
      },
    ), { numRuns: 40 });
  });

  it('with virtual batches as large as the batch, is plain BN bit for bit (weights and running statistics)', () => {
    const ghost = createNetwork({ ...base, ghostBatchSize: 10 }, kernel);
    const plain = createNetwork(base, kernel);
    const rng = createRng(3);
    for (let step = 0; step < 10; step++) {
      const batch = randomBatch(rng, 10, 7, 3, 1, 2);
      expect(ghost.trainStep(batch, { learningRate: 0.2 }).loss).toBe(plain.trainStep(batch, { learningRate: 0.2 }).loss);
    }
    expect(ghost.parameters()).toEqual(plain.parameters());
  });

  it('averages the virtual batches\' means and unbiased variances into the running statistics', () => {
    const net = createNetwork({ ...base, ghostBatchSize: 4, bnMomentum: 0.1 }, kernel);
    perturbParameters(net, 4);
    const batch = randomBatch(createRng(5), 12, 7, 3, 2, 3);
    const before = copyParameters(net.parameters());
    const parts = [0, 1, 2].map((k) => referenceForward(net.config, before, batch.x.subarray(k * 28, (k + 1) * 28), 4, 'train'));
    net.trainStep(batch, { learningRate: 0.1 });
    for (let layerIdx = 0; layerIdx < 2; layerIdx++) {
      const runningMean = net.parameters()[`bn${layerIdx}.runningMean`];
      const runningVar = net.parameters()[`bn${layerIdx}.runningVar`];
      runningMean.forEach((value, u) => {
        const mean = parts.reduce((s, part) => s + part.batchMean[layerIdx][u], 0) / 3;
        expect(value).toBeCloseTo(0.9 * before[`bn${layerIdx}.runningMean`][u] + 0.1 * mean, 5);
      });
      runningVar.forEach((value, u) => {
        const variance = parts.reduce((s, part) => s + part.batchVariance[layerIdx][u] * 4 / 3, 0) / 3;
        const expected = 0.9 * before[`bn${layerIdx}.runningVar`][u] + 0.1 * variance;
        expect(Math.abs(value - expected) / expected).toBeLessThan(1e-5);
      });
    }
  });

  it('rejects a batch that is not a multiple of the virtual batch size, before changing anything', () => {
    const net = createNetwork({ ...base, ghostBatchSize: 4 }, kernel);
    const before = copyParameters(net.parameters());
    const batch = randomBatch(createRng(6), 10, 7, 3);
    expect(() => net.trainStep(batch, { learningRate: 0.1 })).toThrow(RangeError);
    expect(() => net.trainStep(batch, { learningRate: 0.1 })).toThrow(/batch size 10 is not a multiple of it/);
    expect(() => net.lossAndGradients(batch)).toThrow(RangeError);
    expect(net.parameters()).toEqual(before);
    // Inference has no virtual batches: any n.
    expect(() => net.evaluate(batch)).not.toThrow();
  });

  it('batchNormInputs gives the first virtual batch with its own statistics', () => {
    const net = createNetwork({ ...base, ghostBatchSize: 3 }, kernel);
    perturbParameters(net, 7);
    const batch = randomBatch(createRng(8), 9, 7, 3, 1, 2);
    const before = copyParameters(net.parameters());
    net.lossAndGradients(batch);
    const first = referenceForward(net.config, before, batch.x.subarray(0, 21), 3, 'train');
    const unit = net.batchNormInputs(1, 4);
    expect(unit?.x.length).toBe(3);
    first.z[1].forEach((row, i) => expect(unit?.x[i]).toBeCloseTo(row[4], 5));
    expect(unit?.mean).toBeCloseTo(first.batchMean[1][4], 5);
    expect(unit?.variance).toBeCloseTo(first.batchVariance[1][4], 5);
  });
});
