import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import type { Batch, NetworkConfig, ParameterMap } from '../../src/engine/types.ts';
import { batchSeedFor } from '../../src/experiment/session.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { ALL_VARIANTS, networkConfigFor } from '../../src/experiment/variants.ts';
import { drawKeyFor } from '../../src/lab/santurkarTraining.ts';
import { probeEtas, runSmoothness, smoothnessJob } from '../../src/lab/smoothness.ts';
import type { SmoothnessParams } from '../../src/lab/smoothness.ts';
import { dataFor, explicitCopy, hasNonFinite, smallConfig } from './santurkarFixtures.ts';
import { recordingContext } from './recordingContext.ts';

/** Loss and gradients of a fresh network of `config` set to `parameters`, value by value. */
function lossAndGradientsAt(config: NetworkConfig, parameters: ParameterMap, batch: Batch) {
  const network = createNetwork(config);
  const live = network.parameters();
  for (const name of Object.keys(live)) for (let i = 0; i < live[name].length; i++) live[name][i] = parameters[name][i];
  return network.lossAndGradients(batch);
}

/**
 * Figure 4 recomputed by explicit evaluations: at each measured step, before the update, the loss and
 * gradient at theta and at theta - eta g for each eta, every value computed here by plain loops.
 */
function naiveSmoothness(config: ExperimentConfig, params: SmoothnessParams, measured: number[]) {
  const data = dataFor(config);
  const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
  const nets = ALL_VARIANTS.map((variant) => networkConfigFor(config, data.inputs, data.classes, variant));
  const trained = nets.map((c) => createNetwork(c));
  const etas = probeEtas(config.learningRate, params.probes, params.minFactor, params.maxFactor);
  const out = nets.map(() => [] as { losses: number[]; changes: number[]; ratios: number[] }[]);
  for (let step = 1; step <= params.steps; step++) {
    const batch = sampler.next();
    if (measured.includes(step)) {
      trained.forEach((net, v) => {
        const theta = explicitCopy(net.parameters());
        const scratch = nets[v].bnNoise ? { ...nets[v], seed: drawKeyFor(config.seed, step) } : nets[v];
        const g = lossAndGradientsAt(scratch, theta, batch).gradients;
        const names = Object.keys(g);
        let gSquared = 0;
        for (const name of names) for (const value of g[name]) gSquared += value * value;
        const point = { losses: [] as number[], changes: [] as number[], ratios: [] as number[] };
        for (const eta of etas) {
          const moved = explicitCopy(theta);
          for (const name of names) for (let i = 0; i < moved[name].length; i++) moved[name][i] = theta[name][i] - eta * g[name][i];
          const probe = lossAndGradientsAt(scratch, moved, batch);
          let squared = 0;
          for (const name of names) for (let i = 0; i < g[name].length; i++) squared += (g[name][i] - probe.gradients[name][i]) ** 2;
          point.losses.push(probe.loss);
          point.changes.push(Math.sqrt(squared));
          point.ratios.push(Math.sqrt(squared) / (eta * Math.sqrt(gSquared)));
        }
        out[v].push(point);
      });
    }
    trained.forEach((net) => net.trainStep(batch, { learningRate: config.learningRate, momentum: config.momentum }));
  }
  return out;
}

const params: SmoothnessParams = { steps: 30, every: 10, probes: 4, minFactor: 0.5, maxFactor: 4, networks: ['plain', 'bn', 'noisy'] };

describe('loss landscape along the gradient (Santurkar et al. Figure 4)', () => {
  it('probes from 1/2 to 4 learning rates, geometrically', () => {
    const etas = probeEtas(0.1, 4, 0.5, 4);
    expect(etas[0]).toBeCloseTo(0.05, 15);
    expect(etas[1]).toBeCloseTo(0.1, 15);
    expect(etas[2]).toBeCloseTo(0.2, 15);
    expect(etas[3]).toBeCloseTo(0.4, 15);
    expect(probeEtas(0.1, 1, 0.5, 4)).toEqual([0.05]);
  });

  it('equals explicit loss and gradient evaluations at every probed point, for plain, BN and noisy BN', async () => {
    const result = await runSmoothness(params, smallConfig, recordingContext(dataFor(smallConfig)));
    expect(result.steps).toEqual([1, 10, 20, 30]);
    expect(result.etas).toEqual(probeEtas(0.1, 4, 0.5, 4));
    const naive = naiveSmoothness(smallConfig, params, result.steps);
    result.networks.forEach((network, v) => {
      network.points.forEach((point, m) => {
        const { losses, changes, ratios } = naive[v][m];
        expect(point.lossMin).toBe(Math.min(...losses));
        expect(point.lossMax).toBe(Math.max(...losses));
        expect(point.gradientChangeMin).toBeCloseTo(Math.min(...changes), 12);
        expect(point.gradientChangeMax).toBeCloseTo(Math.max(...changes), 12);
        expect(point.beta).toBeCloseTo(Math.max(...ratios), 10);
        expect(point.lossMax).toBeGreaterThan(point.lossMin ?? Infinity);
      });
    });
  });

  it('measures the gradient the step then takes: its loss is the step\'s training loss', async () => {
    const config = { ...smallConfig, noisyBn: false };
    const data = dataFor(config);
    const result = await runSmoothness({ ...params, networks: ['plain', 'bn'] }, config, recordingContext(data));
    const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
    const plain = createNetwork(networkConfigFor(config, data.inputs, data.classes, ALL_VARIANTS[0]));
    const losses: number[] = [];
    for (let step = 1; step <= 30; step++) losses.push(plain.trainStep(sampler.next(), { learningRate: config.learningRate }).loss);
    expect(result.networks[0].points.map((p) => p.loss)).toEqual([losses[0], losses[9], losses[19], losses[29]]);
  });

  it('is deterministic and reports a diverged network as null, never NaN', async () => {
    const config: ExperimentConfig = { ...smallConfig, activation: 'relu', initScale: 100, learningRate: 1000 };
    const run = () => runSmoothness({ ...params, steps: 20, every: 5, networks: ['plain', 'bn'] }, config, recordingContext(dataFor(config)));
    const first = await run();
    expect(await run()).toEqual(first);
    expect(hasNonFinite(first)).toBe(false);
    expect(first.networks[0].divergedAt).not.toBeNull();
    expect(first.networks[0].points.at(-1)).toEqual({
      loss: null, gradientNorm: null, lossMin: null, lossMax: null, gradientChangeMin: null, gradientChangeMax: null, beta: null,
    });
  });

  it('counts its cost honestly: the job\'s estimate equals what the run spent', async () => {
    const context = recordingContext(dataFor(smallConfig));
    const result = await runSmoothness(params, smallConfig, context);
    // 4 measurements x (g + 4 probes) = 20 passes per network; noisy builds one per pass, the others one each.
    expect(result.cost).toEqual({ trainingSteps: 90, extraPasses: 60, networkBuilds: 22 });
    expect(smoothnessJob.cost(params, smallConfig)).toBe(90 + 60 + 3 * 22);
    const [done, total] = context.reports.at(-1) ?? [0, 0];
    expect(done).toBeLessThanOrEqual(total);
  });

  it('rejects a probe range whose low end is above its high end', () => {
    const parsed = smoothnessJob.parse({ minFactor: '5', maxFactor: '2', probes: '64' }, smallConfig);
    expect(parsed.params).toMatchObject({ minFactor: 0.5, maxFactor: 4, probes: 8 });
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors.join('\n')).toMatch(/probes: "64" is not a whole number in \[1, 32\]/);
    expect(parsed.errors.join('\n')).toMatch(/minFactor \(5\) is above maxFactor \(2\)/);
  });
});
