import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { batchSeedFor } from '../../src/experiment/session.ts';
import { networkConfigFor } from '../../src/experiment/variants.ts';
import { inferenceJob } from '../../src/lab/inference.ts';
import { referenceForward } from '../engine/helpers/reference64.ts';
import { allNumbersFinite, mnist, smallMnistConfig } from './ioffeFixtures.ts';
import { recordingContext } from './recordingContext.ts';

const params = { steps: 60, batchSizes: [2, 8], layer: 2, units: 3, statBatches: 4 };

/** Index of the largest value (first on ties). */
const argmax = (row: number[]): number => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

describe('the inference job (Algorithm 2)', () => {
  it('matches an explicit float64 recomputation: batch statistics per test batch, and Algorithm 2\'s affine map from the running mean and variance', async () => {
    const data = mnist();
    const result = await inferenceJob.run(params, smallMnistConfig, recordingContext(data));
    for (const row of result.rows) {
      const m = row.batchSize;
      const network = createNetwork(networkConfigFor(smallMnistConfig, data.inputs, data.classes, { id: 'bn', batchNorm: true }));
      const sampler = createBatchSampler(data.train, m, batchSeedFor(smallMnistConfig.seed));
      for (let step = 0; step < params.steps; step++) network.trainStep(sampler.next(), { learningRate: smallMnistConfig.learningRate });
      const parameters = network.parameters();
      expect(row.examples).toBe(Math.floor(data.test.n / m) * m);
      const inference = referenceForward(network.config, parameters, data.test.x, row.examples, 'inference');
      let inferenceCorrect = 0;
      inference.logits.forEach((logits, i) => { if (argmax(logits) === data.test.y[i]) inferenceCorrect++; });
      let trainCorrect = 0;
      for (let k = 0; k < row.examples / m; k++) {
        const pass = referenceForward(network.config, parameters, data.test.x.subarray(k * m * data.inputs), m, 'train');
        pass.logits.forEach((logits, i) => { if (argmax(logits) === data.test.y[k * m + i]) trainCorrect++; });
        if (k < params.statBatches) {
          row.units.forEach((unit, u) => {
            expect(unit.batchMeans[k]).toBeCloseTo(pass.batchMean[1][u], 5);
            expect(unit.batchVariances[k]).toBeCloseTo(pass.batchVariance[1][u], 5);
          });
        }
      }
      // float32 against float64: an argmax may flip on a near-tie, at most one example in a thousand.
      expect(Math.abs((row.inferenceAccuracy as number) - inferenceCorrect / row.examples)).toBeLessThanOrEqual(0.001);
      expect(Math.abs((row.trainModeAccuracy as number) - trainCorrect / row.examples)).toBeLessThanOrEqual(0.001);
      row.units.forEach((unit, u) => {
        expect(unit.runningMean).toBe(parameters['bn1.runningMean'][u]);
        expect(unit.runningVariance).toBe(parameters['bn1.runningVar'][u]);
        expect(unit.batchMeans).toHaveLength(params.statBatches);
      });
      expect(row.inferenceAccuracy).toBe(network.evaluate({ x: data.test.x, y: data.test.y.subarray(0, row.examples), n: row.examples }).accuracy);
    }
  });

  it('gives the same result twice, with no NaN, and reports progress up to its cost', async () => {
    const small = { ...params, steps: 20, batchSizes: [4] };
    const context = recordingContext(mnist());
    const first = await inferenceJob.run(small, smallMnistConfig, context);
    expect(await inferenceJob.run(small, smallMnistConfig, recordingContext(mnist()))).toEqual(first);
    expect(allNumbersFinite(first)).toBe(true);
    expect(context.reports.at(-1)).toEqual([inferenceJob.cost(small, smallMnistConfig), inferenceJob.cost(small, smallMnistConfig)]);
  });

  it('parses batch sizes as a list of whole numbers from 2', () => {
    expect(inferenceJob.parse({ batchSizes: '2,16', steps: '500' }, smallMnistConfig)).toEqual({
      params: { ...inferenceJob.defaults(smallMnistConfig), batchSizes: [2, 16], steps: 500 }, errors: [],
    });
    expect(inferenceJob.parse({ batchSizes: '1,16' }, smallMnistConfig).errors[0]).toMatch(/batchSizes .*from 2 to 1000; got "1,16"/);
  });
});
