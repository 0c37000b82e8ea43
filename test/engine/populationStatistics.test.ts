import { describe, expect, it } from 'vitest';
import { createNetwork, createRng, INFERENCE_CHUNK, MomentAccumulator } from '../../src/engine/index.ts';
import type { Batch, NetworkConfig } from '../../src/engine/types.ts';
import { referenceForward } from './helpers/reference64.ts';

/** A random batch: `n` examples of `inputs` values in [-1, 1], labels in [0, classes). */
function randomBatch(n: number, inputs: number, classes: number, seed: number): Batch {
  const rng = createRng(seed);
  const x = new Float32Array(n * inputs);
  for (let i = 0; i < x.length; i++) x[i] = 2 * rng.next() - 1;
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.floor(rng.next() * classes);
  return { x, y, n };
}

/** Softmax cross-entropy averaged over the rows of float64 logits. */
function meanLoss(logits: number[][], labels: Uint8Array): number {
  let sum = 0;
  logits.forEach((row, r) => {
    const max = Math.max(...row);
    const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    sum += logSum - row[labels[r]];
  });
  return sum / logits.length;
}

const base: NetworkConfig = { layers: [6, 5, 4, 3], activation: 'sigmoid', batchNorm: true, init: { scheme: 'gaussian', std: 0.8 }, seed: 3 };
// More rows than one inference chunk, so the moments of several chunks are merged.
const SAMPLE = INFERENCE_CHUNK * 2 + 37;

describe('precise BN: Network.recomputeBatchNormStatistics', () => {
  const layouts: [string, Partial<NetworkConfig>][] = [
    ['BN before the nonlinearity', {}],
    ['BN after the nonlinearity', { normPlacement: 'after' }],
    ['residual BN', { layers: [4, 4, 4, 3], residual: true }],
    ['ghost BN', { ghostBatchSize: 4 }],
  ];
  for (const kernel of ['js', 'wasm-simd'] as const) {
    for (const [name, extra] of layouts) {
      it(`${name} (${kernel}): each layer's statistics are the mean and variance of its BN inputs over the whole sample, the layers below normalised with theirs`, () => {
        const config = { ...base, ...extra };
        const network = createNetwork(config, kernel);
        const inputs = config.layers[0];
        const train = randomBatch(16, inputs, 3, 11);
        for (let step = 0; step < 5; step++) network.trainStep(train, { learningRate: 0.3 });
        const sample = randomBatch(SAMPLE, inputs, 3, 12);
        // The direct computation: a float64 training-mode pass with the whole sample as one batch.
        const reference = referenceForward(network.config, network.parameters(), sample.x, SAMPLE, 'train');
        const statistics = network.recomputeBatchNormStatistics(sample);
        const parameters = network.parameters();
        expect(statistics).toHaveLength(config.layers.length - 2);
        statistics.forEach((stats, l) => {
          expect(stats).not.toBeNull();
          if (stats === null) return;
          expect(stats.count).toBe(SAMPLE);
          for (let u = 0; u < stats.mean.length; u++) {
            const scale = Math.sqrt(reference.batchVariance[l][u]) + 1e-3;
            expect(Math.abs(stats.mean[u] - reference.batchMean[l][u]) / scale).toBeLessThan(1e-5);
            expect(stats.variance[u] / reference.batchVariance[l][u]).toBeCloseTo(1, 4);
            expect(parameters[`bn${l}.runningMean`][u]).toBe(Math.fround(stats.mean[u]));
            expect(parameters[`bn${l}.runningVar`][u]).toBe(Math.fround(stats.variance[u]));
          }
        });
        // Inference with the precise statistics is the whole sample's training-mode pass.
        expect(network.evaluate(sample).loss).toBeCloseTo(meanLoss(reference.logits, sample.y), 4);
        // Idempotent: the weights did not move, so recomputing gives the same statistics.
        const again = network.recomputeBatchNormStatistics(sample);
        again.forEach((stats, l) => {
          for (let u = 0; u < (stats?.mean.length ?? 0); u++) expect(stats?.mean[u]).toBeCloseTo(statistics[l]?.mean[u] ?? NaN, 6);
        });
      });
    }
  }

  it('one layer per call, from the first, gives the statistics of one call for all layers; other layers stay as they were', () => {
    const sample = randomBatch(SAMPLE, 6, 3, 51);
    const all = createNetwork(base, 'js');
    const byLayer = createNetwork(base, 'js');
    const train = randomBatch(16, 6, 3, 52);
    for (const network of [all, byLayer]) for (let step = 0; step < 4; step++) network.trainStep(train, { learningRate: 0.3 });
    const expected = all.recomputeBatchNormStatistics(sample);
    const untouched = byLayer.parameters()['bn1.runningMean'].slice();
    const first = byLayer.recomputeBatchNormStatistics(sample, [0]);
    expect(first[1]).toBeNull();
    expect(byLayer.parameters()['bn1.runningMean']).toEqual(untouched);
    const second = byLayer.recomputeBatchNormStatistics(sample, [1]);
    expect(second[0]).toBeNull();
    expect([first[0], second[1]]).toEqual(expected);
    expect(byLayer.parameters()).toEqual(all.parameters());
  });

  it('PyTorch momentum 1 with the whole sample as the batch and learning rate 0: the running averages ARE the precise statistics (variance x n/(n-1))', () => {
    const network = createNetwork({ ...base, bnMomentum: 1 }, 'js');
    const sample = randomBatch(300, 6, 3, 21);
    network.trainStep(sample, { learningRate: 0 });
    const running = Object.fromEntries(Object.entries(network.parameters()).map(([key, values]) => [key, values.slice()]));
    const statistics = network.recomputeBatchNormStatistics(sample);
    statistics.forEach((stats, l) => {
      for (let u = 0; u < (stats?.mean.length ?? 0); u++) {
        expect(running[`bn${l}.runningMean`][u]).toBeCloseTo(stats?.mean[u] ?? NaN, 5);
        expect(running[`bn${l}.runningVar`][u] / ((stats?.variance[u] ?? NaN) * 300 / 299)).toBeCloseTo(1, 5);
      }
    });
  });

  it('PyTorch momentum 1 on ordinary batches keeps only the last batch: its means stray from the population by about 0.8 / sqrt(m) standard deviations', () => {
    const m = 16;
    const network = createNetwork({ ...base, bnMomentum: 1 }, 'js');
    const population = randomBatch(4096, 6, 3, 31);
    const last = { x: population.x.subarray(0, m * 6), y: population.y.subarray(0, m), n: m };
    network.trainStep(last, { learningRate: 0 });
    const runningMean = network.parameters()['bn0.runningMean'].slice();
    const [first] = network.recomputeBatchNormStatistics(population);
    if (first === null) throw new Error('layer 0 has BN');
    const gaps = Array.from(runningMean, (value, u) => Math.abs(value - first.mean[u]) / Math.sqrt(first.variance[u]));
    const meanGap = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(meanGap).toBeGreaterThan(0.2 / Math.sqrt(m));
    expect(meanGap).toBeLessThan(2.5 / Math.sqrt(m));
  });

  it('a network without BN has nothing to recompute and is unchanged', () => {
    const network = createNetwork({ ...base, batchNorm: false }, 'js');
    const sample = randomBatch(50, 6, 3, 41);
    const before = network.evaluate(sample);
    expect(network.recomputeBatchNormStatistics(sample)).toEqual([null, null]);
    expect(network.evaluate(sample)).toEqual(before);
  });

  it('the moment accumulator merges chunks exactly as one two-pass computation, even far from zero', () => {
    const rng = createRng(5);
    const n = 1000;
    const values = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      values[2 * i] = 1e4 + rng.next();
      values[2 * i + 1] = rng.next() - 0.5;
    }
    const accumulator = new MomentAccumulator(2);
    for (let start = 0; start < n; start += 97) {
      const count = Math.min(97, n - start);
      accumulator.add(values.subarray(start * 2, (start + count) * 2), count);
    }
    const stats = accumulator.statistics();
    for (let u = 0; u < 2; u++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[2 * i + u];
      mean /= n;
      let variance = 0;
      for (let i = 0; i < n; i++) variance += (values[2 * i + u] - mean) ** 2;
      variance /= n;
      expect(stats.mean[u]).toBeCloseTo(mean, 9);
      expect(stats.variance[u] / variance).toBeCloseTo(1, 9);
    }
  });
});
