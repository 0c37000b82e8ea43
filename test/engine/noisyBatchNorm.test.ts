/**
 * A network with noisy BN (config.bnNoise): gradients against TF.js autodiff of the same
 * computation with the same noise draw, on both kernel backends; noise in training mode only;
 * weights and determinism untouched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bnNoiseSeed, bnProbeNoiseSeed, drawExampleNoise, drawUnitNoise, SANTURKAR_BN_NOISE } from '../../src/engine/bnNoise.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Rng } from '../../src/engine/rng.ts';
import type { Activation, NetworkConfig } from '../../src/engine/types.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';
import { maxAbs, perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { tfLossAndGradients, useTfCpu } from './helpers/tfOracle.ts';
import type { FixedBnNoise } from './helpers/tfOracle.ts';

beforeAll(useTfCpu);

/** The draw a network makes in one training forward pass: per hidden layer, units then examples. */
function replayTrainingDraw(rng: Rng, layers: readonly number[], n: number): FixedBnNoise[] {
  return layers.slice(1, -1).map((units) => {
    const [mu, sigma] = [new Float64Array(units), new Float64Array(units)];
    const [scale, shift] = [new Float32Array(n * units), new Float32Array(n * units)];
    drawUnitNoise(rng, units, SANTURKAR_BN_NOISE, mu, sigma);
    drawExampleNoise(rng, n, units, SANTURKAR_BN_NOISE, mu, sigma, scale, shift);
    return { scale, shift };
  });
}

/** Largest |a - b| over every gradient, relative to the largest oracle gradient of the network. */
function worstScaledError(mine: Record<string, Float32Array>, oracle: Record<string, Float32Array>): number {
  const scale = Math.max(...Object.values(oracle).map(maxAbs));
  let worst = 0;
  for (const [name, expected] of Object.entries(oracle)) {
    expected.forEach((value, i) => {
      worst = Math.max(worst, Math.abs(mine[name][i] - value) / scale);
    });
  }
  return worst;
}

const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];

describe.each(KERNEL_BACKENDS)('noisy BN on the %s kernels', (kernel) => {
  describe.each(ACTIVATIONS)('with %s', (activation) => {
    it.each([[[7, 5, 3, 4], 3], [[13, 9, 9, 9, 6], 17], [[13, 9, 9, 9, 6], 60]] as const)(
      'matches TF.js autodiff of the same computation with the same noise draw, layers %j, batch %i',
      (layers, n) => {
        const config: NetworkConfig = { layers: [...layers], activation, batchNorm: true, init: { scheme: 'xavier' }, seed: 7, bnNoise: SANTURKAR_BN_NOISE };
        const net = createNetwork(config, kernel);
        perturbParameters(net, 11);
        const batch = randomBatch(createRng(100 + n), n, layers[0], layers[layers.length - 1], 0.5, 1.5);
        const noise = replayTrainingDraw(createRng(bnNoiseSeed(7)), layers, n);

        const mine = net.lossAndGradients(batch);
        const oracle = tfLossAndGradients(net.config, net.parameters(), batch, noise);
        const noiseFree = tfLossAndGradients(net.config, net.parameters(), batch);

        expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
        // Same bar as gradients.test.ts: 1e-6 of the network's gradient scale is float32 round-off.
        expect(worstScaledError(mine.gradients, oracle.gradients)).toBeLessThan(1e-5);
        // And the noise matters: without it the gradients are far off (so the test can fail).
        expect(worstScaledError(mine.gradients, noiseFree.gradients)).toBeGreaterThan(1e-2);
      },
    );
  });

  it.each(['sigmoid', 'tanh'] as const)('with ghost batches and residual connections (%s), matches TF.js autodiff with the same noise draw', (activation) => {
    const layers = [9, 9, 9, 4];
    const net = createNetwork({
      layers, activation, normalization: 'batch', ghostBatchSize: 4, residual: true, init: { scheme: 'xavier' }, seed: 7, bnNoise: SANTURKAR_BN_NOISE,
    }, kernel);
    perturbParameters(net, 11);
    const batch = randomBatch(createRng(5), 12, layers[0], 4, 0.5, 1.5);
    const noise = replayTrainingDraw(createRng(bnNoiseSeed(7)), layers, 12);
    const mine = net.lossAndGradients(batch);
    const oracle = tfLossAndGradients(net.config, net.parameters(), batch, noise);
    expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
    expect(worstScaledError(mine.gradients, oracle.gradients)).toBeLessThan(1e-5);
    expect(worstScaledError(mine.gradients, tfLossAndGradients(net.config, net.parameters(), batch).gradients)).toBeGreaterThan(1e-2);
  });

  it('draws a fresh noise at every training step (the second step\'s gradients match the second draw)', () => {
    const layers = [6, 5, 4, 3];
    const config: NetworkConfig = { layers, activation: 'sigmoid', batchNorm: true, init: { scheme: 'xavier' }, seed: 3, bnNoise: SANTURKAR_BN_NOISE };
    const net = createNetwork(config, kernel);
    const batch = randomBatch(createRng(1), 8, 6, 3);
    const rng = createRng(bnNoiseSeed(3));
    replayTrainingDraw(rng, layers, 8);
    const second = replayTrainingDraw(rng, layers, 8);
    net.lossAndGradients(batch);
    const mine = net.lossAndGradients(batch);
    const oracle = tfLossAndGradients(net.config, net.parameters(), batch, second);
    expect(worstScaledError(mine.gradients, oracle.gradients)).toBeLessThan(1e-5);
  });
});

describe('a noisy BN network', () => {
  const layers = [20, 12, 10, 4];
  const base: NetworkConfig = { layers, activation: 'sigmoid', batchNorm: true, init: { scheme: 'gaussian', std: 0.3 }, seed: 5 };
  const noisy: NetworkConfig = { ...base, bnNoise: SANTURKAR_BN_NOISE };
  const batches = Array.from({ length: 4 }, (_, i) => randomBatch(createRng(40 + i), 16, 20, 4));

  it('starts from the same weights as the BN and plain networks of the same seed', () => {
    const [bn, withNoise, plain] = [createNetwork(base), createNetwork(noisy), createNetwork({ ...base, batchNorm: false })];
    for (const [name, values] of Object.entries(bn.parameters())) expect(withNoise.parameters()[name], name).toEqual(values);
    for (const name of ['dense0.weight', 'dense1.weight', 'dense2.weight']) expect(withNoise.parameters()[name]).toEqual(plain.parameters()[name]);
  });

  it('defaults to no noise and refuses noise without BN', () => {
    expect(createNetwork(base).config.bnNoise).toBeNull();
    expect(createNetwork(noisy).config.bnNoise).toEqual(SANTURKAR_BN_NOISE);
    expect(() => createNetwork({ ...noisy, batchNorm: false })).toThrow(/needs batchNorm/);
    expect(() => createNetwork({ ...noisy, bnNoise: { ...SANTURKAR_BN_NOISE, nSigma: 0.5 } })).toThrow(/nSigma/);
  });

  it('trains bit for bit the same on the same seed, and differently from plain BN', () => {
    const [a, b, bn] = [createNetwork(noisy), createNetwork(noisy), createNetwork(base)];
    const losses = [a, b, bn].map((net) => batches.map((batch) => net.trainStep(batch, { learningRate: 0.5 }).loss));
    expect(losses[1]).toEqual(losses[0]);
    expect(losses[2]).not.toEqual(losses[0]);
  });

  it('trains like the JS path on the wasm-simd kernels, within float32 round-off, over 20 steps', () => {
    const [js, wasm] = [createNetwork(noisy, 'js'), createNetwork(noisy, 'wasm-simd')];
    for (let step = 0; step < 20; step++) {
      const options = { learningRate: 0.5, momentum: 0.5 };
      const [lossJs, lossWasm] = [js.trainStep(batches[step % 4], options).loss, wasm.trainStep(batches[step % 4], options).loss];
      expect(Math.abs(lossWasm - lossJs)).toBeLessThan(1e-5 * lossJs);
    }
    const wasmParameters = wasm.parameters();
    for (const [name, values] of Object.entries(js.parameters())) {
      const scale = Math.max(...values.map(Math.abs));
      values.forEach((value, i) => expect(Math.abs(wasmParameters[name][i] - value), name).toBeLessThan(1e-5 * scale));
    }
  });

  it('is noise-free in inference mode: evaluate and probe equal a BN network\'s with the same parameters', () => {
    const [withNoise, bn] = [createNetwork(noisy), createNetwork(base)];
    for (const batch of batches) withNoise.trainStep(batch, { learningRate: 0.5 });
    const target = bn.parameters();
    for (const [name, values] of Object.entries(withNoise.parameters())) target[name].set(values);
    const probeSet = randomBatch(createRng(77), 300, 20, 4);
    expect(withNoise.evaluate(probeSet)).toEqual(bn.evaluate(probeSet));
    expect(withNoise.probe(probeSet)).toEqual(bn.probe(probeSet));
  });

  it('adds a fresh noise to the probe on request, from a stream that leaves training unchanged', () => {
    const [probed, untouched] = [createNetwork(noisy), createNetwork(noisy)];
    const probeSet = randomBatch(createRng(78), 50, 20, 4);
    const clean = probed.probe(probeSet);
    const first = probed.probe(probeSet, { bnNoise: true });
    const second = probed.probe(probeSet, { bnNoise: true });
    // Layer 0 is exactly s * u + m of the clean values, with the probe stream's first draw.
    const rng = createRng(bnProbeNoiseSeed(5));
    const unitDraws = [12, 10].map((units) => {
      const [mu, sigma] = [new Float64Array(units), new Float64Array(units)];
      drawUnitNoise(rng, units, SANTURKAR_BN_NOISE, mu, sigma);
      return { mu, sigma };
    });
    const [scale, shift] = [new Float32Array(50 * 12), new Float32Array(50 * 12)];
    drawExampleNoise(rng, 50, 12, SANTURKAR_BN_NOISE, unitDraws[0].mu, unitDraws[0].sigma, scale, shift);
    expect(first[0]).toEqual(clean[0].map((u, i) => scale[i] * u + shift[i]));
    expect(second[0]).not.toEqual(first[0]);
    expect(first[1]).not.toEqual(clean[1]);
    // Probing with noise did not touch the training stream or the parameters.
    for (const batch of batches) expect(probed.trainStep(batch, { learningRate: 0.5 })).toEqual(untouched.trainStep(batch, { learningRate: 0.5 }));
  });

  it('draws a probe\'s noise from noiseSeed alone when given, whatever probes came before', () => {
    const [a, b] = [createNetwork(noisy), createNetwork(noisy)];
    const probeSet = randomBatch(createRng(80), 40, 20, 4);
    a.probe(probeSet, { bnNoise: true });
    a.probe(probeSet, { bnNoise: true });
    const seeded = a.probe(probeSet, { bnNoise: true, noiseSeed: 1234 });
    expect(b.probe(probeSet, { bnNoise: true, noiseSeed: 1234 })).toEqual(seeded);
    expect(b.probe(probeSet, { bnNoise: true, noiseSeed: 1235 })[0]).not.toEqual(seeded[0]);
    // Layer 0 is s * u + m with the seeded stream's first draws (per-unit for every layer, then per-example).
    const clean = a.probe(probeSet);
    const rng = createRng(1234);
    const [mu, sigma] = [new Float64Array(12), new Float64Array(12)];
    drawUnitNoise(rng, 12, SANTURKAR_BN_NOISE, mu, sigma);
    drawUnitNoise(rng, 10, SANTURKAR_BN_NOISE, new Float64Array(10), new Float64Array(10));
    const [scale, shift] = [new Float32Array(40 * 12), new Float32Array(40 * 12)];
    drawExampleNoise(rng, 40, 12, SANTURKAR_BN_NOISE, mu, sigma, scale, shift);
    expect(seeded[0]).toEqual(clean[0].map((u, i) => scale[i] * u + shift[i]));
  });

  it('ignores a probe noise request on a network without noise', () => {
    const bn = createNetwork(base);
    const probeSet = randomBatch(createRng(79), 30, 20, 4);
    expect(bn.probe(probeSet, { bnNoise: true })).toEqual(bn.probe(probeSet));
  });
});
