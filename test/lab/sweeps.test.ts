import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import type { Dataset } from '../../src/data/types.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { batchSeedFor, createSession } from '../../src/experiment/session.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { DEFAULT_VARIANTS, networkConfigFor } from '../../src/experiment/variants.ts';
import { labJobById, LAB_JOBS } from '../../src/lab/jobs.ts';
import { PROGRESS_EVERY_STEPS, trainLossWindow } from '../../src/lab/runShort.ts';
import { initSweepJob, lrSweepJob, reluTwin } from '../../src/lab/sweeps.ts';
import type { SweepResult } from '../../src/lab/sweeps.ts';
import { LabCancelled } from '../../src/lab/types.ts';
import type { LabContext } from '../../src/lab/types.ts';

const config: ExperimentConfig = configForPreset('spiral');
const data: Dataset = makeSynthetic('spiral', config.seed);

/** A context on `data` that records every progress report. */
function recordingContext(reports: [number, number][] = []): LabContext {
  return {
    dataset: async () => data,
    progress: async (done, total) => {
      reports.push([done, total]);
    },
  };
}

/** The session's own numbers after `steps` steps of `runConfig`: test accuracy and status per network. */
function directSession(runConfig: ExperimentConfig, steps: number) {
  const session = createSession({ ...runConfig, evalEvery: 1 }, data, { variants: DEFAULT_VARIANTS });
  session.advance(steps);
  return session.snapshot(0).frames;
}

/** The engine alone: train the network of `variant` step by step, mean loss of the last `window` steps, first non-finite step. */
function directEngine(runConfig: ExperimentConfig, batchNorm: boolean, steps: number, window: number) {
  const network = createNetwork(networkConfigFor(runConfig, data.inputs, data.classes, { id: batchNorm ? 'bn' : 'plain', batchNorm }));
  const sampler = createBatchSampler(data.train, runConfig.batchSize, batchSeedFor(runConfig.seed));
  let sum = 0;
  for (let step = 1; step <= steps; step++) {
    const { loss } = network.trainStep(sampler.next(), { learningRate: runConfig.learningRate, momentum: runConfig.momentum });
    if (!Number.isFinite(loss)) return { divergedAt: step, meanLoss: null };
    if (step > steps - window) sum += loss;
  }
  return { divergedAt: null, meanLoss: sum / window, accuracy: network.evaluate(data.test).accuracy };
}

describe('the learning-rate sweep', () => {
  it('is registered in LAB_JOBS under lr-sweep and init-sweep', () => {
    expect(labJobById('lr-sweep')).toBe(lrSweepJob);
    expect(labJobById('init-sweep')).toBe(initSweepJob);
    expect(new Set(LAB_JOBS.map((job) => job.id)).size).toBe(LAB_JOBS.length);
  });

  it('gives each point exactly the numbers of a direct session and of the bare engine run at that rate', async () => {
    const steps = 60;
    const result: SweepResult = await lrSweepJob.run({ steps, factors: [0.3, 3], units: 'experiment' as const }, config, recordingContext());
    expect(result.points.map((p) => p.value)).toEqual([0.3 * config.learningRate, 3 * config.learningRate]);
    for (const point of result.points) {
      const runConfig = { ...config, learningRate: point.value };
      const frames = directSession(runConfig, steps);
      for (const frame of frames) {
        const outcome = point.networks[frame.id];
        expect(outcome?.divergedAt).toBe(null);
        expect(outcome?.testAccuracy).toBe(frame.test?.accuracy);
        const engine = directEngine(runConfig, frame.id === 'bn', steps, trainLossWindow(steps));
        expect(outcome?.testAccuracy).toBe(engine.accuracy);
        // The session sums in float64 in the same order: the same mean, to the last bit.
        expect(outcome?.trainLoss).toBe(engine.meanLoss);
      }
    }
  });

  it('records divergence at the step the loss stops being finite, with a huge rate, and no NaN in the result', async () => {
    const steps = 40;
    const factor = 1e4;
    const result = await lrSweepJob.run({ steps, factors: [factor], units: 'experiment' as const }, config, recordingContext());
    const plain = result.points[0].networks.plain;
    const oracle = directEngine({ ...config, learningRate: factor * config.learningRate }, false, steps, trainLossWindow(steps));
    expect(oracle.divergedAt).not.toBe(null);
    expect(plain).toEqual({ testAccuracy: null, trainLoss: null, divergedAt: oracle.divergedAt });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('reports progress often, up to exactly its cost', async () => {
    const reports: [number, number][] = [];
    const params = { steps: 23, factors: [1, 2], units: 'experiment' as const };
    await lrSweepJob.run(params, config, recordingContext(reports));
    const cost = lrSweepJob.cost(params, config);
    expect(cost).toBe(2 * 2 * 23);
    expect(reports.every(([, total]) => total === cost)).toBe(true);
    expect(reports.at(-1)).toEqual([cost, cost]);
    const dones = reports.map(([done]) => done);
    for (let i = 1; i < dones.length; i++) {
      expect(dones[i]).toBeGreaterThanOrEqual(dones[i - 1]);
      expect(dones[i] - dones[i - 1]).toBeLessThanOrEqual(2 * PROGRESS_EVERY_STEPS);
    }
  });

  it('stops at the first progress report after a cancel, with LabCancelled', async () => {
    let calls = 0;
    let cancelled = false;
    const context: LabContext = {
      dataset: async () => data,
      progress: async () => {
        calls++;
        if (cancelled) throw new LabCancelled();
        if (calls === 7) cancelled = true;
      },
    };
    await expect(lrSweepJob.run({ steps: 1000, factors: [1, 2, 3], units: 'experiment' as const }, config, context)).rejects.toBeInstanceOf(LabCancelled);
    expect(calls).toBe(8);
  });

  it('gives the same result twice, bit for bit', async () => {
    const params = { steps: 30, factors: [0.5, 5], units: 'experiment' as const };
    const a = await lrSweepJob.run(params, config, recordingContext());
    const b = await lrSweepJob.run(params, config, recordingContext());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('the learning-rate sweep on the experiment\'s ReLU twin (its default)', () => {
  it('sweeps ReLU units with He init around the paper\'s rate, and says so in its result', async () => {
    expect(lrSweepJob.defaults(config).units).toBe('relu-he');
    const sigmoid = { ...config, activation: 'sigmoid' as const, initScheme: 'gaussian' as const, learningRate: 15 };
    const steps = 30;
    const result = await lrSweepJob.run({ steps, factors: [0.1], units: 'relu-he' }, sigmoid, recordingContext());
    expect(result.units).toBe('relu-he');
    expect(result.base).toBe(0.5);
    const twin = reluTwin(sigmoid);
    expect([twin.activation, twin.initScheme, twin.initScale]).toEqual(['relu', 'he', 1]);
    for (const frame of directSession({ ...twin, learningRate: 0.05 }, steps)) {
      expect(result.points[0].networks[frame.id]?.testAccuracy).toBe(frame.status.type === 'diverged' ? null : frame.test?.accuracy);
    }
  });

  it('keeps an experiment that is already ReLU with He init as it is', () => {
    const relu = { ...config, activation: 'relu' as const, initScheme: 'he' as const, learningRate: 0.1 };
    expect(reluTwin(relu)).toBe(relu);
  });

  it('says it swept the experiment as it is when the experiment already is its ReLU twin', async () => {
    const result = await lrSweepJob.run({ steps: 5, factors: [1], units: 'relu-he' }, config, recordingContext());
    expect(result.units).toBe('experiment');
  });

  it('refuses units it does not know, naming the choices', () => {
    expect(lrSweepJob.parse({ units: 'tanh' }, config).errors[0]).toMatch(/units must be one of experiment, relu-he/);
  });
});

describe('the init-scale sweep', () => {
  it('scales config.initScale and matches a direct session at that scale', async () => {
    const steps = 30;
    const base = { ...config, initScale: 2 };
    const result = await initSweepJob.run({ steps, factors: [10], units: 'experiment' as const }, base, recordingContext());
    expect(result.setting).toBe('initScale');
    expect(result.base).toBe(2);
    expect(result.points[0].value).toBe(20);
    for (const frame of directSession({ ...base, initScale: 20 }, steps)) {
      const outcome = result.points[0].networks[frame.id];
      expect(outcome?.testAccuracy).toBe(frame.status.type === 'diverged' ? null : frame.test?.accuracy);
    }
  });
});

describe('sweep params', () => {
  it('round-trip through encode and parse, and encode only what differs from the defaults', () => {
    const defaults = lrSweepJob.defaults(config);
    expect(lrSweepJob.encode(defaults, config)).toEqual({});
    const params = { steps: 250, factors: [0.001, 0.5, 2e3], units: 'experiment' as const };
    const encoded = lrSweepJob.encode(params, config);
    expect(encoded).toEqual({ steps: '250', factors: '0.001,0.5,2000', units: 'experiment' });
    expect(lrSweepJob.parse(encoded, config)).toEqual({ params, errors: [] });
  });

  it('sorts factors and drops repeats', () => {
    expect(lrSweepJob.parse({ factors: '3, 1,0.1,1' }, config).params.factors).toEqual([0.1, 1, 3]);
  });

  it('keeps the default and names each bad value and unknown name, never throwing', () => {
    const defaults = lrSweepJob.defaults(config);
    const bad = ['', 'x', '-1', '0', '1.5', '1e9', 'NaN', 'Infinity', '0x10'];
    for (const text of bad) {
      const parsed = lrSweepJob.parse({ steps: text }, config);
      expect(parsed.params.steps).toBe(defaults.steps);
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]).toMatch(/^steps must be a whole number from 1 to 100000 \(got ".*"\); using 1000$/);
    }
    for (const text of ['', '1,,2', '0', '-1', 'a', '1e5', Array.from({ length: 17 }, (_, i) => i + 1).join(',')]) {
      const parsed = lrSweepJob.parse({ factors: text }, config);
      expect(parsed.params.factors).toEqual(defaults.factors);
      expect(parsed.errors[0]).toMatch(/^factors must be 1 to 16 comma-separated numbers/);
    }
    const unknown = lrSweepJob.parse({ rate: '1' }, config);
    expect(unknown.errors).toEqual(['unknown parameter "rate" (parameters: steps, factors, units); ignored']);
  });
});
