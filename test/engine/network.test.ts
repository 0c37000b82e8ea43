/** The network API: SGD, momentum, determinism, names, inference on any n, divergence. */
import { describe, expect, it } from 'vitest';
import { createNetwork, INFERENCE_CHUNK } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Batch, NetworkConfig } from '../../src/engine/types.ts';
import { copyParameters, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

const base: NetworkConfig = { layers: [8, 7, 6, 4], activation: 'sigmoid', batchNorm: true, init: { scheme: 'gaussian', std: 0.5 }, seed: 21 };

function trainables(parameters: Record<string, Float32Array>): string[] {
  return Object.keys(parameters).filter((name) => !name.includes('.running'));
}

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe('createNetwork', () => {
    it('names parameters as DESIGN.md says, with no hidden biases under BN', () => {
      expect(Object.keys(createNetwork(base, kernel).parameters())).toEqual([
        'dense0.weight', 'bn0.gamma', 'bn0.beta', 'bn0.runningMean', 'bn0.runningVar',
        'dense1.weight', 'bn1.gamma', 'bn1.beta', 'bn1.runningMean', 'bn1.runningVar',
        'dense2.weight', 'dense2.bias',
      ]);
      expect(Object.keys(createNetwork({ ...base, batchNorm: false }, kernel).parameters())).toEqual([
        'dense0.weight', 'dense0.bias', 'dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias',
      ]);
    });

    it('fills defaults into its config', () => {
      const { config } = createNetwork({ layers: [2, 3], activation: 'relu', batchNorm: false, init: { scheme: 'he' }, seed: 1 }, kernel);
      expect(config.bnMomentum).toBe(0.1);
      expect(config.bnEpsilon).toBe(1e-5);
      expect(config.init).toEqual({ scheme: 'he', std: 0.1, scale: 1 });
    });

    it('rejects impossible configs with a RangeError', () => {
      expect(() => createNetwork({ ...base, layers: [4] }, kernel)).toThrow(RangeError);
      expect(() => createNetwork({ ...base, layers: [4, 0, 2] }, kernel)).toThrow(RangeError);
      expect(() => createNetwork({ ...base, bnMomentum: 2 }, kernel)).toThrow(RangeError);
    });

    it('starts with biases 0, gamma 1 and beta 0', () => {
      const bn = createNetwork(base, kernel).parameters();
      expect(bn['bn0.gamma'].every((v) => v === 1) && bn['bn1.beta'].every((v) => v === 0)).toBe(true);
      expect(bn['dense2.bias'].every((v) => v === 0)).toBe(true);
    });

    it('draws the same dense weights with and without BN for the same seed', () => {
      const bn = createNetwork(base, kernel).parameters();
      const plain = createNetwork({ ...base, batchNorm: false }, kernel).parameters();
      for (const name of ['dense0.weight', 'dense1.weight', 'dense2.weight']) expect(plain[name]).toEqual(bn[name]);
      expect(createNetwork({ ...base, seed: 22 }, kernel).parameters()['dense0.weight']).not.toEqual(bn['dense0.weight']);
    });

    it.each([
      ['gaussian', { scheme: 'gaussian', std: 0.1 }, 0.1],
      ['xavier', { scheme: 'xavier' }, Math.sqrt(2 / (300 + 200))],
      ['he', { scheme: 'he' }, Math.sqrt(2 / 300)],
    ] as const)('initialises %s weights with mean 0 and the scheme\'s std', (_name, init, std) => {
      const weight = createNetwork({ ...base, layers: [300, 200, 10], init }, kernel).parameters()['dense0.weight'];
      let sum = 0;
      let sumSquares = 0;
      for (const w of weight) {
        sum += w;
        sumSquares += w * w;
      }
      const mean = sum / weight.length;
      expect(Math.abs(mean)).toBeLessThan(4 * std / Math.sqrt(weight.length));
      expect(Math.abs(Math.sqrt(sumSquares / weight.length - mean * mean) / std - 1)).toBeLessThan(0.01);
    });

    it('multiplies every initial weight by init.scale', () => {
      const one = createNetwork({ ...base, init: { scheme: 'xavier' } }, kernel).parameters()['dense1.weight'];
      const ten = createNetwork({ ...base, init: { scheme: 'xavier', scale: 10 } }, kernel).parameters()['dense1.weight'];
      one.forEach((w, i) => expect(ten[i]).toBeCloseTo(10 * w, 5));
    });
  });

  describe('training', () => {
    const batchOf = (seed: number): Batch => randomBatch(createRng(seed), 10, 8, 4, 0.3, 1.2);

    it('lossAndGradients changes neither weights nor running statistics', () => {
      const net = createNetwork(base, kernel);
      const before = copyParameters(net.parameters());
      net.lossAndGradients(batchOf(1));
      expect(net.parameters()).toEqual(before);
    });

    it.each([true, false])('takes w - learningRate * dL/dw in one plain SGD step (batchNorm %s)', (batchNorm) => {
      const net = createNetwork({ ...base, batchNorm }, kernel);
      perturbParameters(net, 2);
      const batch = batchOf(3);
      const before = copyParameters(net.parameters());
      const { loss, gradients } = net.lossAndGradients(batch);
      const result = net.trainStep(batch, { learningRate: 0.3 });
      expect(result.loss).toBe(loss);
      for (const name of trainables(before)) {
        const expected = before[name].map((w, i) => Math.fround(w - 0.3 * gradients[name][i]));
        expect(net.parameters()[name], name).toEqual(expected);
      }
    });

    it('follows heavy-ball momentum v = mu v + g, w -= eta v over two steps', () => {
      const net = createNetwork(base, kernel);
      perturbParameters(net, 4);
      const [first, second] = [batchOf(5), batchOf(6)];
      const w0 = copyParameters(net.parameters());
      const g1 = net.lossAndGradients(first).gradients;
      net.trainStep(first, { learningRate: 0.2, momentum: 0.9 });
      const w1 = copyParameters(net.parameters());
      const g2 = net.lossAndGradients(second).gradients;
      net.trainStep(second, { learningRate: 0.2, momentum: 0.9 });
      for (const name of trainables(w0)) {
        const v1 = g1[name];
        w1[name].forEach((w, i) => expect(w).toBe(Math.fround(w0[name][i] - 0.2 * v1[i])));
        // v2 = mu v1 + g2 in float64 (stored as float32 for the next step), then w2 = w1 - eta v2.
        const expected = w1[name].map((w, i) => Math.fround(w - 0.2 * (0.9 * v1[i] + g2[name][i])));
        expect(net.parameters()[name], name).toEqual(expected);
      }
    });

    it('reduces the loss on a learnable problem, with and without BN', () => {
      for (const batchNorm of [true, false]) {
        const net = createNetwork({ ...base, batchNorm, activation: 'tanh', init: { scheme: 'xavier' } }, kernel);
        const rng = createRng(8);
        const batch = randomBatch(rng, 32, 8, 4);
        const start = net.evaluate(batch).loss;
        for (let step = 0; step < 300; step++) net.trainStep(batch, { learningRate: 0.1, momentum: 0.9 });
        const end = net.evaluate(batch);
        expect(end.loss).toBeLessThan(start / 3);
        expect(end.accuracy).toBeGreaterThan(0.9);
      }
    });

    it('is deterministic: two networks of the same seed are bit-identical after 30 steps', () => {
      const [a, b] = [createNetwork(base, kernel), createNetwork(base, kernel)];
      const rng = createRng(9);
      for (let step = 0; step < 30; step++) {
        const batch = randomBatch(rng, 12, 8, 4);
        a.trainStep(batch, { learningRate: 0.5, momentum: 0.5 });
        b.trainStep(batch, { learningRate: 0.5, momentum: 0.5 });
      }
      for (const [name, values] of Object.entries(a.parameters())) {
        expect(Buffer.from(values.buffer).equals(Buffer.from(b.parameters()[name].buffer)), name).toBe(true);
      }
    });

    it('never throws when training diverges, reporting a non-finite loss', () => {
      const net = createNetwork({ ...base, batchNorm: false, activation: 'relu' }, kernel);
      const batch = randomBatch(createRng(10), 16, 8, 4, 0, 10);
      let loss = 0;
      for (let step = 0; step < 50 && Number.isFinite(loss); step++) loss = net.trainStep(batch, { learningRate: 1e12 }).loss;
      expect(Number.isFinite(loss)).toBe(false);
      expect(() => net.evaluate(batch)).not.toThrow();
      expect(() => net.probe(batch)).not.toThrow();
    });

    it('rejects malformed batches and BN training on a single example', () => {
      const net = createNetwork(base, kernel);
      expect(() => net.trainStep({ x: new Float32Array(8), y: new Uint8Array(1), n: 1 }, { learningRate: 0.1 })).toThrow(RangeError);
      expect(() => net.evaluate({ x: new Float32Array(8), y: new Uint8Array(1), n: 1 })).not.toThrow();
      expect(() => net.evaluate({ x: new Float32Array(7), y: new Uint8Array(1), n: 1 })).toThrow(RangeError);
      expect(() => net.evaluate({ x: new Float32Array(8), y: Uint8Array.of(4), n: 1 })).toThrow(RangeError);
    });
  });

  describe('inference on any number of examples', () => {
    const n = 2 * INFERENCE_CHUNK + 37;
    const net = createNetwork({ ...base, activation: 'relu' }, kernel);
    const rng = createRng(11);
    for (let step = 0; step < 10; step++) net.trainStep(randomBatch(rng, 16, 8, 4, 1, 2), { learningRate: 0.3 });
    const batch = randomBatch(rng, n, 8, 4, 1, 2);

    it('probes every hidden layer as [n x units] in inference mode, across chunk borders', () => {
      const probed = net.probe(batch);
      expect(probed.map((layer) => layer.length)).toEqual([n * 7, n * 6]);
      const reference = referenceForward(net.config, net.parameters(), batch.x, n, 'inference');
      probed.forEach((layer, layerIdx) => {
        const expected = reference.u[layerIdx].flat();
        expected.forEach((value, i) => expect(Math.abs(layer[i] - value)).toBeLessThan(1e-4 * (1 + Math.abs(value))));
      });
    });

    it('evaluates loss and accuracy as the per-example average over all n', () => {
      const reference = referenceForward(net.config, net.parameters(), batch.x, n, 'inference');
      let lossSum = 0;
      let correct = 0;
      reference.logits.forEach((row, r) => {
        const max = Math.max(...row);
        lossSum += max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) - row[batch.y[r]];
        if (row.indexOf(max) === batch.y[r]) correct++;
      });
      const result = net.evaluate(batch);
      expect(result.loss).toBeCloseTo(lossSum / n, 5);
      expect(result.accuracy).toBe(correct / n);
    });

    it('returns fresh probe arrays the caller may keep', () => {
      const first = net.probe(batch);
      const copy = first[0].slice();
      net.probe(randomBatch(rng, n, 8, 4));
      expect(first[0]).toEqual(copy);
    });
  });
});
