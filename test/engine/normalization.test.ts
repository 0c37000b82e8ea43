/**
 * The normalization zoo's contract: config defaults and errors, parameter names, shared initial
 * weights, determinism, probe and inference against the float64 reference, LayerNorm's and
 * GroupNorm's independence of the batch, batchNormInputs, and weight decay; on both kernel paths.
 */
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { NetworkConfig } from '../../src/engine/types.ts';
import { copyParameters, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

const base: NetworkConfig = { layers: [8, 6, 6, 4], activation: 'sigmoid', init: { scheme: 'gaussian', std: 0.5 }, seed: 21 };

/** Every variant of one experiment, as the app builds them. */
const VARIANTS: [string, Partial<NetworkConfig>][] = [
  ['plain', { batchNorm: false }],
  ['BN', { batchNorm: true }],
  ['BN after the nonlinearity', { normalization: 'batch', normPlacement: 'after' }],
  ['ghost BN', { normalization: 'batch', ghostBatchSize: 4 }],
  ['LayerNorm', { normalization: 'layer' }],
  ['GroupNorm', { normalization: 'group', normGroups: 2 }],
  ['LayerNorm after, residual', { normalization: 'layer', normPlacement: 'after', residual: true }],
  ['BN, residual', { normalization: 'batch', residual: true }],
];

describe('config', () => {
  const resolved = (config: Partial<NetworkConfig>): NetworkConfig => createNetwork({ ...base, ...config }, 'js').config;

  it('defaults: normalization from batchNorm, 4 groups, before the nonlinearity, no ghost batches, not residual', () => {
    expect(resolved({ batchNorm: true })).toMatchObject({ normalization: 'batch', batchNorm: true, normGroups: 4, normPlacement: 'before', ghostBatchSize: null, residual: false });
    expect(resolved({ batchNorm: false }).normalization).toBe('none');
    expect(resolved({}).normalization).toBe('none');
    expect(resolved({ normalization: 'layer' }).batchNorm).toBe(false);
    expect(resolved({ normalization: 'batch' }).batchNorm).toBe(true);
    expect(resolved({ normalization: 'batch', batchNorm: true }).normalization).toBe('batch');
    expect(resolved({ normalization: 'group', batchNorm: false, normGroups: 3 }).normGroups).toBe(3);
  });

  it.each([
    ['batchNorm true with LayerNorm', { batchNorm: true, normalization: 'layer' }, /contradicts/],
    ['batchNorm true with none', { batchNorm: true, normalization: 'none' }, /contradicts/],
    ['batchNorm false with batch', { batchNorm: false, normalization: 'batch' }, /contradicts/],
    ['an unknown normalization', { normalization: 'weight' as never }, /unknown normalization/],
    ['groups that do not divide the width', { normalization: 'group', normGroups: 4 }, /must divide every hidden width, not 6/],
    ['zero groups', { normalization: 'group', normGroups: 0 }, /normGroups/],
    ['an unknown placement', { normalization: 'batch', normPlacement: 'middle' as never }, /normPlacement/],
    ['ghost batches without BN', { normalization: 'layer', ghostBatchSize: 4 }, /needs normalization 'batch'/],
    ['a ghost batch of 1', { normalization: 'batch', ghostBatchSize: 1 }, /integer >= 2/],
    ['a fractional ghost batch', { normalization: 'batch', ghostBatchSize: 2.5 }, /integer >= 2/],
    ['BN noise with LayerNorm', { normalization: 'layer', bnNoise: { nMu: 0.5, nSigma: 1.25, rMu: 0.1, rSigma: 0.1 } }, /needs batchNorm/],
    ['BN noise after the nonlinearity', { normalization: 'batch', normPlacement: 'after', bnNoise: { nMu: 0.5, nSigma: 1.25, rMu: 0.1, rSigma: 0.1 } }, /normPlacement 'before'/],
  ] as [string, Partial<NetworkConfig>, RegExp][])('rejects %s with a clear RangeError', (_name, config, message) => {
    expect(() => createNetwork({ ...base, ...config }, 'js')).toThrow(RangeError);
    expect(() => createNetwork({ ...base, ...config }, 'js')).toThrow(message);
  });
});

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  it('names the parameters: ln{i} / gn{i} / bn{i}, a dense bias unless BN directly follows the layer', () => {
    const names = (config: Partial<NetworkConfig>): string[] => Object.keys(createNetwork({ ...base, ...config }, kernel).parameters());
    expect(names({ normalization: 'layer' })).toEqual([
      'dense0.weight', 'dense0.bias', 'ln0.gamma', 'ln0.beta', 'dense1.weight', 'dense1.bias', 'ln1.gamma', 'ln1.beta', 'dense2.weight', 'dense2.bias',
    ]);
    expect(names({ normalization: 'group', normGroups: 3 })).toEqual([
      'dense0.weight', 'dense0.bias', 'gn0.gamma', 'gn0.beta', 'dense1.weight', 'dense1.bias', 'gn1.gamma', 'gn1.beta', 'dense2.weight', 'dense2.bias',
    ]);
    expect(names({ normalization: 'batch', normPlacement: 'after' })).toEqual([
      'dense0.weight', 'dense0.bias', 'bn0.gamma', 'bn0.beta', 'bn0.runningMean', 'bn0.runningVar',
      'dense1.weight', 'dense1.bias', 'bn1.gamma', 'bn1.beta', 'bn1.runningMean', 'bn1.runningVar', 'dense2.weight', 'dense2.bias',
    ]);
    expect(names({ batchNorm: true, residual: true, ghostBatchSize: 2 })).toEqual(names({ batchNorm: true }));
  });

  it('gives every variant of one seed the same initial dense weights', () => {
    const reference = createNetwork(base, kernel).parameters();
    for (const [name, variant] of VARIANTS) {
      const parameters = createNetwork({ ...base, ...variant }, kernel).parameters();
      for (const weight of ['dense0.weight', 'dense1.weight', 'dense2.weight']) expect(parameters[weight], `${name} ${weight}`).toEqual(reference[weight]);
    }
  });

  it.each(VARIANTS)('%s: two networks of the same seed are bit-identical after 20 steps with momentum and weight decay', (_name, variant) => {
    const [a, b] = [createNetwork({ ...base, ...variant }, kernel), createNetwork({ ...base, ...variant }, kernel)];
    const rng = createRng(9);
    for (let step = 0; step < 20; step++) {
      const batch = randomBatch(rng, 12, 8, 4);
      a.trainStep(batch, { learningRate: 0.5, momentum: 0.5, weightDecay: 1e-3 });
      b.trainStep(batch, { learningRate: 0.5, momentum: 0.5, weightDecay: 1e-3 });
    }
    for (const [name, values] of Object.entries(a.parameters())) {
      expect(Buffer.from(values.buffer, values.byteOffset, values.byteLength)
        .equals(Buffer.from(b.parameters()[name].buffer, b.parameters()[name].byteOffset, values.byteLength)), name).toBe(true);
    }
  });

  it.each(VARIANTS)('%s: probe returns the nonlinearity inputs and evaluate the loss of the float64 reference (inference mode)', (_name, variant) => {
    const net = createNetwork({ ...base, ...variant, layers: [6, 6, 6, 4] }, kernel);
    perturbParameters(net, 3);
    const rng = createRng(4);
    for (let step = 0; step < 5; step++) net.trainStep(randomBatch(rng, 8, 6, 4, 1, 2), { learningRate: 0.3 });
    const batch = randomBatch(rng, 300, 6, 4, 1, 2);
    const reference = referenceForward(net.config, net.parameters(), batch.x, batch.n, 'inference');
    net.probe(batch).forEach((layer, layerIdx) => {
      reference.u[layerIdx].flat().forEach((value, i) => expect(Math.abs(layer[i] - value)).toBeLessThan(1e-4 * (1 + Math.abs(value))));
    });
    let lossSum = 0;
    reference.logits.forEach((row, r) => {
      const max = Math.max(...row);
      lossSum += max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) - row[batch.y[r]];
    });
    expect(net.evaluate(batch).loss).toBeCloseTo(lossSum / batch.n, 5);
  });

  it.each([['layer'], ['group']] as const)('%s norm: training and inference compute the same, and no example depends on the others', (normalization) => {
    const net = createNetwork({ ...base, normalization, normGroups: 3, residual: true, layers: [6, 6, 6, 4] }, kernel);
    perturbParameters(net, 5);
    const batch = randomBatch(createRng(6), 16, 6, 4, 0.5, 2);
    expect(Math.abs(net.lossAndGradients(batch).loss - net.evaluate(batch).loss)).toBeLessThan(1e-6);
    const together = net.probe(batch);
    for (const r of [0, 7, 15]) {
      const alone = net.probe({ x: batch.x.slice(r * 6, (r + 1) * 6), y: batch.y.slice(r, r + 1), n: 1 });
      alone.forEach((layer, layerIdx) => layer.forEach((value, j) => expect(Math.abs(value - together[layerIdx][r * 6 + j])).toBeLessThan(1e-6)));
    }
    // A single example trains (no batch statistics needed).
    expect(Number.isFinite(net.trainStep({ x: batch.x.slice(0, 6), y: batch.y.slice(0, 1), n: 1 }, { learningRate: 0.1 }).loss)).toBe(true);
  });

  it('GroupNorm with one group is LayerNorm: the same loss and gradients', () => {
    const ln = createNetwork({ ...base, normalization: 'layer' }, kernel);
    const gn = createNetwork({ ...base, normalization: 'group', normGroups: 1 }, kernel);
    const batch = randomBatch(createRng(7), 10, 8, 4, 0, 2);
    const a = ln.lossAndGradients(batch);
    const b = gn.lossAndGradients(batch);
    expect(b.loss).toBe(a.loss);
    for (const [name, gradient] of Object.entries(a.gradients)) expect(b.gradients[name.replace('ln', 'gn')], name).toEqual(gradient);
  });

  it('batchNormInputs: null with LayerNorm and GroupNorm; with BN after the nonlinearity, the nonlinearity outputs', () => {
    const batch = randomBatch(createRng(8), 10, 8, 4, 0, 2);
    for (const normalization of ['layer', 'group'] as const) {
      const net = createNetwork({ ...base, normalization, normGroups: 2 }, kernel);
      net.trainStep(batch, { learningRate: 0.1 });
      expect(net.batchNormInputs(0, 1)).toBeNull();
    }
    const after = createNetwork({ ...base, normalization: 'batch', normPlacement: 'after' }, kernel);
    perturbParameters(after, 9);
    const before = copyParameters(after.parameters());
    after.lossAndGradients(batch);
    const reference = referenceForward(after.config, before, batch.x, batch.n, 'train');
    const unit = after.batchNormInputs(1, 2);
    expect(unit).not.toBeNull();
    const inputs = reference.u[1].map((row) => 1 / (1 + Math.exp(-row[2]))); // sigmoid of the dense output
    inputs.forEach((value, i) => expect(Math.abs((unit?.x[i] ?? NaN) - value)).toBeLessThan(1e-5));
    const mean = inputs.reduce((s, v) => s + v, 0) / inputs.length;
    expect(unit?.mean).toBeCloseTo(mean, 5);
    expect(unit?.variance).toBeCloseTo(inputs.reduce((s, v) => s + (v - mean) ** 2, 0) / inputs.length, 6);
  });

  describe('weight decay', () => {
    it.each([0, 0.9])('adds lambda w to the dense weights\' gradients only, before the update (momentum %s)', (momentum) => {
      const net = createNetwork({ ...base, normalization: 'layer' }, kernel);
      perturbParameters(net, 10);
      const batch = randomBatch(createRng(11), 10, 8, 4, 0.3, 1.2);
      const before = copyParameters(net.parameters());
      const { gradients } = net.lossAndGradients(batch);
      net.trainStep(batch, { learningRate: 0.3, momentum, weightDecay: 0.01 });
      for (const [name, gradient] of Object.entries(gradients)) {
        const decayed = name.endsWith('.weight');
        // First step: v = g', so w -= eta g' for momentum or not; g' = fround(g + lambda w) for dense weights.
        const expected = before[name].map((w, i) => Math.fround(w - 0.3 * (decayed ? Math.fround(gradient[i] + 0.01 * w) : gradient[i])));
        expect(net.parameters()[name], name).toEqual(expected);
      }
    });

    it('rejects a negative or non-finite weight decay', () => {
      const net = createNetwork(base, kernel);
      const batch = randomBatch(createRng(12), 4, 8, 4);
      expect(() => net.trainStep(batch, { learningRate: 0.1, weightDecay: -1 })).toThrow(RangeError);
      expect(() => net.trainStep(batch, { learningRate: 0.1, weightDecay: Number.NaN })).toThrow(RangeError);
    });
  });
});
