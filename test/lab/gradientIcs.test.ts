import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import type { Batch, Network, NetworkConfig, ParameterMap } from '../../src/engine/types.ts';
import { batchSeedFor, createSession } from '../../src/experiment/session.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { ALL_VARIANTS, networkConfigFor } from '../../src/experiment/variants.ts';
import { gradientIcsJob, runGradientIcs } from '../../src/lab/gradientIcs.ts';
import { createLabTrainer, drawKeyFor } from '../../src/lab/santurkarTraining.ts';
import { dataFor, explicitCopy, hasNonFinite, smallConfig } from './santurkarFixtures.ts';
import { recordingContext } from './recordingContext.ts';

/** A network of `config` whose every array is set, value by value, from `parameters`. */
function networkAt(config: NetworkConfig, parameters: ParameterMap): Network {
  const network = createNetwork(config);
  const live = network.parameters();
  for (const name of Object.keys(live)) for (let i = 0; i < live[name].length; i++) live[name][i] = parameters[name][i];
  return network;
}

/** Naive ||a - b|| and cos(a, b) by plain loops. */
function compare(a: Float32Array, b: Float32Array): { distance: number; cosine: number } {
  let dd = 0, ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    dd += (a[i] - b[i]) * (a[i] - b[i]);
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return { distance: Math.sqrt(dd), cosine: ab / (Math.sqrt(aa) * Math.sqrt(bb)) };
}

/**
 * Gradient ICS recomputed step by step: the networks trained alone on the session's batches, and at
 * each measured step fresh networks for G (all parameters before the step) and for G' of layer i
 * (dense/bn 0..i-1 after the step, the rest before), built with the same noise seed.
 */
function naiveIcs(config: ExperimentConfig, steps: number, measured: number[]) {
  const data = dataFor(config);
  const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
  const nets = ALL_VARIANTS.map((variant) => networkConfigFor(config, data.inputs, data.classes, variant));
  const trained = nets.map((c) => createNetwork(c));
  const out = nets.map(() => [] as { distance: number; cosine: number }[][]);
  for (let step = 1; step <= steps; step++) {
    const batch: Batch = sampler.next();
    const before = trained.map((net) => explicitCopy(net.parameters()));
    trained.forEach((net) => net.trainStep(batch, { learningRate: config.learningRate, momentum: config.momentum }));
    if (!measured.includes(step)) continue;
    trained.forEach((net, v) => {
      const after = explicitCopy(net.parameters());
      const scratchConfig = nets[v].bnNoise ? { ...nets[v], seed: drawKeyFor(config.seed, step) } : nets[v];
      const g = networkAt(scratchConfig, before[v]).lossAndGradients(batch).gradients;
      out[v].push(Array.from({ length: config.depth + 1 }, (_, layerIdx) => {
        const mixed: ParameterMap = {};
        for (const name of Object.keys(before[v])) {
          const owner = Number(/\d+/.exec(name)?.[0]);
          mixed[name] = owner < layerIdx ? after[name] : before[v][name];
        }
        const gPrime = networkAt(scratchConfig, mixed).lossAndGradients(batch).gradients;
        return compare(g[`dense${layerIdx}.weight`], gPrime[`dense${layerIdx}.weight`]);
      }));
    });
  }
  return out;
}

describe('gradient ICS (Santurkar et al. Definition 2.1)', () => {
  it('equals a naive recomputation on separate networks, for plain, BN and noisy BN, bit for bit', async () => {
    const params = { steps: 30, every: 10, networks: ['plain', 'bn', 'noisy'] as const };
    const result = await runGradientIcs({ ...params, networks: [...params.networks] }, smallConfig, recordingContext(dataFor(smallConfig)));
    expect(result.steps).toEqual([1, 10, 20, 30]);
    const naive = naiveIcs(smallConfig, 30, result.steps);
    expect(result.networks.map((n) => n.id)).toEqual(['plain', 'bn', 'noisy']);
    result.networks.forEach((network, v) => {
      expect(network.layers.map((l) => l.name)).toEqual(['dense0.weight', 'dense1.weight', 'dense2.weight']);
      network.layers.forEach((layer, layerIdx) => {
        expect(layer.distance).toEqual(naive[v].map((m) => m[layerIdx].distance));
        expect(layer.cosine).toEqual(naive[v].map((m) => Math.max(-1, Math.min(1, m[layerIdx].cosine))));
      });
    });
  });

  it('finds no shift at the first layer, which no layer precedes: ||G - G\'|| = 0 and cos = 1', async () => {
    const config = { ...smallConfig, depth: 1 };
    const result = await runGradientIcs({ steps: 20, every: 5, networks: ['plain', 'bn', 'noisy'] }, config, recordingContext(dataFor(config)));
    for (const network of result.networks) {
      const [first, output] = network.layers;
      expect(first.distance.every((d) => d === 0)).toBe(true);
      for (const c of first.cosine) expect(c).toBeCloseTo(1, 12);
      // The output layer follows an updated layer: its gradient moved, but still points the same way.
      expect(output.distance.every((d) => d !== null && d > 0)).toBe(true);
      expect(output.cosine.every((c) => c !== null && c > 0.5 && c < 1)).toBe(true);
    }
  });

  it('finds no shift anywhere when the learning rate is 0 (no layer moves)', async () => {
    const config = { ...smallConfig, learningRate: 0 };
    const result = await runGradientIcs({ steps: 3, every: 1, networks: ['plain', 'bn', 'noisy'] }, config, recordingContext(dataFor(config)));
    for (const network of result.networks) {
      for (const layer of network.layers) {
        expect(layer.distance).toEqual([0, 0, 0]);
        expect(layer.gradientNorm.every((n) => n !== null && n > 0)).toBe(true);
      }
    }
  });

  it('trains exactly as the live session does: same batches, weights, losses and test results', async () => {
    const config = { ...smallConfig, evalEvery: 1 };
    const data = dataFor(config);
    const session = createSession(config, data, { variants: ALL_VARIANTS.slice(0, 3) });
    const trainer = createLabTrainer(config, data, ['plain', 'bn', 'noisy']);
    const sums = [0, 0, 0];
    for (let step = 1; step <= 25; step++) trainer.train(trainer.nextBatch()).forEach((loss, i) => (sums[i] += loss ?? NaN));
    session.advance(25);
    const snapshot = session.snapshot(0);
    snapshot.frames.forEach((frame, i) => {
      expect(frame.id).toBe(trainer.members[i].id);
      expect(frame.trainLoss).toBe(sums[i] / 25);
      const test = trainer.members[i].network.evaluate(data.test);
      expect(frame.test).toEqual({ step: 25, loss: test.loss, accuracy: test.accuracy });
    });
  });

  it('is deterministic and reports a diverged network as null, never NaN', async () => {
    const config: ExperimentConfig = { ...smallConfig, activation: 'relu', initScale: 100, learningRate: 1000 };
    const params = { steps: 20, every: 5, networks: ['plain', 'bn'] as ('plain' | 'bn')[] };
    const first = await runGradientIcs(params, config, recordingContext(dataFor(config)));
    const second = await runGradientIcs(params, config, recordingContext(dataFor(config)));
    expect(second).toEqual(first);
    expect(hasNonFinite(first)).toBe(false);
    const plain = first.networks[0];
    expect(plain.divergedAt).not.toBeNull();
    expect(plain.layers[0].distance.at(-1)).toBeNull();
    expect(plain.layers[0].distance[0]).toBe(0);
  });

  it('counts its cost honestly: the job\'s estimate equals what the run spent', async () => {
    const params = { steps: 30, every: 10, networks: ['plain', 'noisy'] as ('plain' | 'noisy')[] };
    const context = recordingContext(dataFor(smallConfig));
    const result = await runGradientIcs(params, smallConfig, context);
    // 4 measurements x (G + G' of 3 layers) passes per network; noisy builds a network per pass, plain one in all.
    expect(result.cost).toEqual({ trainingSteps: 60, extraPasses: 32, networkBuilds: 17 });
    expect(gradientIcsJob.cost(params, smallConfig)).toBe(60 + 32 + 3 * 17);
    const [done, total] = context.reports.at(-1) ?? [0, 0];
    expect(done).toBe(total);
  });

  it('parses its parameters, naming each invalid value and keeping its default', () => {
    const parsed = gradientIcsJob.parse({ steps: '500', every: '0', networks: 'bn,plain', color: 'red' }, smallConfig);
    expect(parsed.params).toEqual({ steps: 500, every: 100, networks: ['plain', 'bn'] });
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors[0]).toMatch(/every: "0" is not a whole number in \[1, 100000\]/);
    expect(parsed.errors[1]).toMatch(/unknown parameter "color"/);
    expect(gradientIcsJob.parse({ networks: 'bn,resnet' }, smallConfig).errors[0]).toMatch(/networks/);
    expect(gradientIcsJob.encode(parsed.params, smallConfig)).toEqual({ steps: '500', networks: 'plain,bn' });
  });
});
