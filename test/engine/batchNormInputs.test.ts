/** Network.batchNormInputs: one BN unit over the last training batch, against a float64 forward pass by hand. */
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { NetworkConfig } from '../../src/engine/types.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';
import { copyParameters, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';

const CONFIG: NetworkConfig = {
  layers: [6, 5, 4, 3], activation: 'sigmoid', batchNorm: true, init: { scheme: 'gaussian', std: 0.5 }, seed: 3,
};

describe.each(KERNEL_BACKENDS)('batchNormInputs on the %s kernels', (kernel) => {
  it('returns the BN inputs and batch statistics of the last training step, as a forward pass by hand computes them', () => {
    const net = createNetwork(CONFIG, kernel);
    perturbParameters(net, 11);
    const batch = randomBatch(createRng(5), 9, 6, 3, 0.4, 2);
    // The parameters the step's forward pass uses (the step then updates them).
    const before = copyParameters(net.parameters());
    net.trainStep(batch, { learningRate: 0.1 });
    const reference = referenceForward(net.config, before, batch.x, batch.n, 'train');
    const after = net.parameters();
    for (const layerIdx of [0, 1]) {
      for (const unit of [0, 3]) {
        const sample = net.batchNormInputs(layerIdx, unit);
        expect(sample).not.toBeNull();
        if (sample === null) continue;
        expect(sample.x).toHaveLength(batch.n);
        sample.x.forEach((value, i) => expect(value).toBeCloseTo(reference.z[layerIdx][i][unit], 4));
        expect(sample.mean).toBeCloseTo(reference.batchMean[layerIdx][unit], 4);
        expect(sample.variance).toBeCloseTo(reference.batchVariance[layerIdx][unit], 4);
        // gamma, beta and the running statistics as they are now, after the step.
        expect(sample.gamma).toBe(after[`bn${layerIdx}.gamma`][unit]);
        expect(sample.beta).toBe(after[`bn${layerIdx}.beta`][unit]);
        expect(sample.runningMean).toBe(after[`bn${layerIdx}.runningMean`][unit]);
        expect(sample.runningVar).toBe(after[`bn${layerIdx}.runningVar`][unit]);
        expect(sample.runningMean).toBeCloseTo(0.1 * reference.batchMean[layerIdx][unit], 4);
        expect(sample.epsilon).toBe(1e-5);
      }
    }
  });

  it('hands out a copy the caller may keep', () => {
    const net = createNetwork(CONFIG, kernel);
    const rng = createRng(2);
    net.trainStep(randomBatch(rng, 8, 6, 3), { learningRate: 0.1 });
    const first = net.batchNormInputs(1, 2);
    const kept = first?.x.slice();
    net.trainStep(randomBatch(rng, 8, 6, 3), { learningRate: 0.1 });
    expect(first?.x).toEqual(kept);
    expect(net.batchNormInputs(1, 2)?.x).not.toEqual(kept);
  });

  it('is null before the first training pass, without BN, and once inference reused the batch buffers', () => {
    const net = createNetwork(CONFIG, kernel);
    expect(net.batchNormInputs(0, 0)).toBeNull();
    const rng = createRng(4);
    net.trainStep(randomBatch(rng, 8, 6, 3), { learningRate: 0.1 });
    // Inference on another batch size leaves the training buffers alone.
    net.probe(randomBatch(rng, 5, 6, 3));
    expect(net.batchNormInputs(0, 0)).not.toBeNull();
    // The same batch size shares the buffers: the cached batch is gone.
    net.evaluate(randomBatch(rng, 8, 6, 3));
    expect(net.batchNormInputs(0, 0)).toBeNull();
    net.lossAndGradients(randomBatch(rng, 8, 6, 3));
    expect(net.batchNormInputs(0, 0)).not.toBeNull();
    const plain = createNetwork({ ...CONFIG, batchNorm: false }, kernel);
    plain.trainStep(randomBatch(rng, 8, 6, 3), { learningRate: 0.1 });
    expect(plain.batchNormInputs(0, 0)).toBeNull();
  });

  it('rejects a layer or unit out of range', () => {
    const net = createNetwork(CONFIG, kernel);
    expect(() => net.batchNormInputs(2, 0)).toThrow(RangeError);
    expect(() => net.batchNormInputs(-1, 0)).toThrow(RangeError);
    expect(() => net.batchNormInputs(0, 5)).toThrow(RangeError);
    expect(() => net.batchNormInputs(0, 1.5)).toThrow(RangeError);
  });
});
