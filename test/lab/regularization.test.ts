import { describe, expect, it } from 'vitest';
import { regularizationJob } from '../../src/lab/regularization.ts';
import type { RegularizationResult } from '../../src/lab/regularization.ts';
import { allNumbersFinite, mnist, smallMnistConfig } from './ioffeFixtures.ts';
import { recordingContext } from './recordingContext.ts';

const params = { steps: 40, batches: 12, batchSize: 10, example: 3, unit: 1, trainExamples: 500 };

describe('the regularization job (section 3.4)', () => {
  let result: RegularizationResult;

  it('gives the network without BN the same output, bit for bit, whatever the batch-mates', async () => {
    result = await regularizationJob.run(params, smallMnistConfig, recordingContext(mnist()));
    const plain = result.networks.find((n) => n.id === 'plain');
    expect(plain?.logits).toHaveLength(12);
    for (const value of plain?.logits ?? []) expect(Object.is(value, plain?.inferenceLogit)).toBe(true);
    for (const value of plain?.unitInputs ?? []) expect(Object.is(value, plain?.inferenceUnitInput)).toBe(true);
    expect(plain?.logitSpread).toBe(0);
    expect(plain?.unitSpread).toBe(0);
  });

  it('gives the BN network a different output with different batch-mates', () => {
    const bn = result.networks.find((n) => n.id === 'bn');
    expect(new Set(bn?.logits).size).toBeGreaterThan(6);
    expect(new Set(bn?.unitInputs).size).toBeGreaterThan(6);
    expect(bn?.logitSpread).toBeGreaterThan(1e-3);
    expect(bn?.unitSpread).toBeGreaterThan(1e-3);
  });

  it('reports the example, its label, the layer and the train/test figures of both networks, with no NaN', () => {
    expect(result.label).toBe(mnist().test.y[3]);
    expect([result.layer, result.unit, result.batchSize]).toEqual([2, 1, 10]);
    for (const network of result.networks) {
      expect(network.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(network.testAccuracy).toBeLessThanOrEqual(1);
    }
    expect(allNumbersFinite(result)).toBe(true);
  });

  it('gives the same result twice', async () => {
    expect(await regularizationJob.run(params, smallMnistConfig, recordingContext(mnist()))).toEqual(result);
  });
});
