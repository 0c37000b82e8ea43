import { describe, expect, it } from 'vitest';
import { createBatchSampler, takeFirst } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { batchSeedFor } from '../../src/experiment/session.ts';
import { networkConfigFor } from '../../src/experiment/variants.ts';
import { labJobById } from '../../src/lab/jobs.ts';
import {
  kerasMomentumOf, layerDiscrepancy, momentumLabel, populationStatsJob, populationVerdict,
} from '../../src/lab/populationStats.ts';
import type { PopulationStatsResult } from '../../src/lab/populationStats.ts';
import { referenceForward } from '../engine/helpers/reference64.ts';
import { allNumbersFinite, mnist, smallMnistConfig } from './ioffeFixtures.ts';
import { recordingContext } from './recordingContext.ts';

const params = { steps: 40, momenta: [0.1, 1], examples: 600 };

describe('the population-stats job (precise BN)', () => {
  it('is listed, with both momentum conventions named', () => {
    expect(labJobById('population-stats')).toBe(populationStatsJob);
    expect(momentumLabel(0.1)).toBe('PyTorch momentum 0.1 = Keras/TF momentum 0.9');
    expect(kerasMomentumOf(0.7)).toBe(0.3);
    expect(kerasMomentumOf(0.001)).toBe(0.999);
    expect(kerasMomentumOf(1)).toBe(0);
  });

  it('validates its parameters in the lab\'s words and keeps the defaults', () => {
    const defaults = populationStatsJob.defaults(smallMnistConfig);
    expect(defaults).toEqual({ steps: 1000, momenta: [0.001, 0.01, 0.1, 1], examples: 8000 });
    const ok = populationStatsJob.parse({ steps: '200', momenta: '0.1,0.9', examples: '2000' }, smallMnistConfig);
    expect(ok).toEqual({ params: { steps: 200, momenta: [0.1, 0.9], examples: 2000 }, errors: [] });
    const bad = populationStatsJob.parse({ momenta: '0.1,1.5', steps: '0', examples: '50', width: '3' }, smallMnistConfig);
    expect(bad.params).toEqual(defaults);
    expect(bad.errors).toEqual([
      'momenta (BN momenta, PyTorch convention: weight of the new batch) takes 1 to 8 comma-separated numbers from 0 to 1; got "0.1,1.5", kept 0.001,0.01,0.1,1',
      'steps (training steps per momentum) takes one of the whole numbers from 1 to 100000; got "0", kept 1000',
      'examples (training examples for the precise statistics) takes one of the whole numbers from 100 to 60000; got "50", kept 8000',
      'unknown parameter "width" (parameters: steps, momenta, examples)',
    ]);
    expect(populationStatsJob.encode({ ...defaults, steps: 300 }, smallMnistConfig)).toEqual({ steps: '300' });
    expect(populationStatsJob.encode(defaults, smallMnistConfig)).toEqual({});
  });

  it('matches a direct computation: the same training, the running statistics, and a float64 whole-sample pass for the population', async () => {
    const data = mnist();
    const result = await populationStatsJob.run(params, smallMnistConfig, recordingContext(data));
    expect(result.examples).toBe(600);
    expect(result.rows.map((row) => [row.momentum, row.kerasMomentum])).toEqual([[0.1, 0.9], [1, 0]]);
    for (const row of result.rows) {
      // Training mode never reads the running statistics: every momentum trains the same weights.
      expect(row.sameWeightsAsFirst).toBe(true);
      expect(row.initialShare).toBeCloseTo((1 - row.momentum) ** params.steps, 12);
      const config = { ...smallMnistConfig, bnMomentum: row.momentum };
      const network = createNetwork(networkConfigFor(config, data.inputs, data.classes, { id: 'bn', batchNorm: true }));
      const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
      for (let step = 0; step < params.steps; step++) network.trainStep(sampler.next(), { learningRate: config.learningRate });
      const parameters = network.parameters();
      expect(row.runningAccuracy).toBe(network.evaluate(data.test).accuracy);
      const sample = takeFirst(data.train, params.examples);
      const population = referenceForward(network.config, parameters, sample.x, sample.n, 'train');
      row.layers.forEach((layer, l) => {
        const direct = layerDiscrepancy(l + 1, { mean: parameters[`bn${l}.runningMean`], variance: parameters[`bn${l}.runningVar`] },
          { mean: population.batchMean[l], variance: population.batchVariance[l] }, network.config.bnEpsilon);
        expect(layer.layer).toBe(l + 1);
        expect(layer.meanGap).toBeCloseTo(direct.meanGap ?? NaN, 4);
        expect(layer.logVarRatio).toBeCloseTo(direct.logVarRatio ?? NaN, 4);
        expect(layer.signedLogVarRatio).toBeCloseTo(direct.signedLogVarRatio ?? NaN, 4);
      });
      network.recomputeBatchNormStatistics(sample);
      expect(row.preciseAccuracy).toBe(network.evaluate(data.test).accuracy);
    }
    // With momentum 1 the running statistics are one batch of 20: further from the population than averages over ~19 batches.
    const [usual, last] = result.rows;
    expect(last.layers[0].meanGap ?? 0).toBeGreaterThan(usual.layers[0].meanGap ?? Infinity);
  });

  it('gives the same result twice, with no NaN, and reports progress up to its cost', async () => {
    const small = { steps: 20, momenta: [0.5], examples: 200 };
    const context = recordingContext(mnist());
    const first = await populationStatsJob.run(small, smallMnistConfig, context);
    expect(await populationStatsJob.run(small, smallMnistConfig, recordingContext(mnist()))).toEqual(first);
    expect(allNumbersFinite(first)).toBe(true);
    const cost = populationStatsJob.cost(small, smallMnistConfig);
    expect(context.reports.at(-1)).toEqual([cost, cost]);
  });

  it('says what the result shows, from its own numbers', () => {
    const layer = (gap: number, ratio: number) => ({ layer: 1, meanGap: gap, worstMeanGap: gap, logVarRatio: ratio, signedLogVarRatio: ratio });
    const row = (momentum: number, running: number, precise: number) => ({
      momentum, kerasMomentum: kerasMomentumOf(momentum), initialShare: 0, divergedAt: null, runningAccuracy: running, preciseAccuracy: precise,
      runningLoss: 0.3, preciseLoss: 0.3, layers: [layer(0.05, 0.04), { ...layer(0.02, 0.1), layer: 2 }], sameWeightsAsFirst: true,
    });
    const result: PopulationStatsResult = { steps: 1000, batchSize: 60, examples: 8000, testExamples: 2000, rows: [row(0.001, 0.7, 0.89), row(0.1, 0.886, 0.8925)] };
    expect(populationVerdict(result)).toBe('At PyTorch momentum 0.1 = Keras/TF momentum 0.9, the running means sit 0.02 to 0.05 population standard deviations '
      + 'from the precise ones (mean over units, per layer) and the variances differ by a factor of about 1.1 at most. '
      + 'Recomputing them changes test accuracy (PyTorch momentum 0.001: +19.0 points, 0.1: +0.6 points); most at 0.001.');
    expect(populationVerdict({ ...result, rows: [row(0.1, 0.886, 0.888)] })).toContain('under half a point at every momentum (0.1: +0.2 points)');
    expect(populationVerdict({ ...result, rows: [{ ...row(0.1, 0.5, 0.5), runningAccuracy: null, preciseAccuracy: null, layers: [], divergedAt: 3 }] }))
      .toBe('Every run diverged: there are no statistics to compare.');
  });
});
