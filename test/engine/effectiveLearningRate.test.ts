/** The effective learning rate eta / ||W||^2 of layers followed by BN (van Laarhoven 2017). */
import { describe, expect, it } from 'vitest';
import { effectiveLearningRates, weightNorm } from '../../src/engine/effectiveLearningRate.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { NetworkConfig } from '../../src/engine/types.ts';
import { randomBatch } from './helpers/fixtures.ts';

const base: NetworkConfig = { layers: [6, 5, 4, 3], activation: 'sigmoid', init: { scheme: 'gaussian', std: 0.5 }, seed: 2 };

describe('effectiveLearningRates', () => {
  it('is the Frobenius norm, and eta / ||W||^2 for the hidden layers with BN before the nonlinearity', () => {
    const parameters = { 'dense0.weight': Float32Array.of(3, 4), 'dense1.weight': Float32Array.of(1, 2, 2), 'dense2.weight': Float32Array.of(0.5) };
    const rates = effectiveLearningRates({ layers: [1, 2, 1, 1], batchNorm: true }, parameters, 0.1);
    expect(rates.map((rate) => rate.weightNorm)).toEqual([5, 3, 0.5]);
    expect(rates[0].effectiveLearningRate).toBeCloseTo(0.1 / 25, 15);
    expect(rates[1].effectiveLearningRate).toBeCloseTo(0.1 / 9, 15);
    expect(rates[2].effectiveLearningRate).toBeNull(); // the output layer: no BN follows it
  });

  it.each([
    ['no normalization', { normalization: 'none' }],
    ['LayerNorm', { normalization: 'layer' }],
    ['GroupNorm', { normalization: 'group', normGroups: 1 }],
    ['BN after the nonlinearity', { normalization: 'batch', normPlacement: 'after' }],
  ] as [string, Partial<NetworkConfig>][])('has no effective rate with %s', (_name, config) => {
    const net = createNetwork({ ...base, ...config }, 'js');
    expect(effectiveLearningRates(net.config, net.parameters(), 0.1).every((rate) => rate.effectiveLearningRate === null)).toBe(true);
  });

  it('measures what it claims: with BN, scaling W by a leaves the loss unchanged and scales the gradient by 1/a', () => {
    const net = createNetwork({ ...base, batchNorm: true, bnEpsilon: 0 }, 'js');
    const batch = randomBatch(createRng(3), 16, 6, 3, 0.2, 1.5);
    const before = net.lossAndGradients(batch);
    const weight = net.parameters()['dense0.weight'];
    const norm = weightNorm(weight);
    for (let i = 0; i < weight.length; i++) weight[i] *= 4; // exact in float32
    const after = net.lossAndGradients(batch);
    expect(after.loss).toBeCloseTo(before.loss, 6);
    after.gradients['dense0.weight'].forEach((g, i) => expect(g).toBeCloseTo(before.gradients['dense0.weight'][i] / 4, 6));
    const [rate] = effectiveLearningRates(net.config, net.parameters(), 0.2);
    expect(rate.weightNorm).toBeCloseTo(4 * norm, 5);
    expect(rate.effectiveLearningRate).toBeCloseTo(0.2 / (16 * norm * norm), 8);
  });

  it('rises under weight decay with BN, as the weight norms shrink', () => {
    const net = createNetwork({ ...base, batchNorm: true }, 'js');
    const rng = createRng(4);
    const start = effectiveLearningRates(net.config, net.parameters(), 0.1);
    for (let step = 0; step < 200; step++) net.trainStep(randomBatch(rng, 8, 6, 3), { learningRate: 0.1, weightDecay: 0.05 });
    const end = effectiveLearningRates(net.config, net.parameters(), 0.1);
    for (const layer of [0, 1]) {
      expect(end[layer].weightNorm).toBeLessThan(start[layer].weightNorm);
      expect(end[layer].effectiveLearningRate ?? 0).toBeGreaterThan(start[layer].effectiveLearningRate ?? Infinity);
    }
  });

  it('rejects parameters without the dense weights', () => {
    expect(() => effectiveLearningRates({ layers: [2, 2] }, {}, 0.1)).toThrow(RangeError);
  });
});
