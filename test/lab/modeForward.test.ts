import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { networkConfigFor } from '../../src/experiment/variants.ts';
import { batchOfRows } from '../../src/lab/labTraining.ts';
import { forwardInMode, lossAndCorrect } from '../../src/lab/modeForward.ts';
import { referenceForward } from '../engine/helpers/reference64.ts';
import { mnist, smallMnistConfig } from './ioffeFixtures.ts';

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

/** A BN or plain network of the small config trained 40 steps, so running statistics are not the initial 0 / 1. */
function trained(batchNorm: boolean, activation: 'sigmoid' | 'tanh' | 'relu' = 'sigmoid') {
  const data = mnist();
  const config = { ...smallMnistConfig, activation };
  const network = createNetwork(networkConfigFor(config, data.inputs, data.classes, { id: batchNorm ? 'bn' : 'plain', batchNorm }));
  const sampler = createBatchSampler(data.train, 20, 5);
  for (let i = 0; i < 40; i++) network.trainStep(sampler.next(), { learningRate: 0.5 });
  return { network, data };
}

describe('forwardInMode', () => {
  it.each(['sigmoid', 'tanh', 'relu'] as const)('matches a float64 hand computation in both BN modes (%s)', (activation) => {
    const { network, data } = trained(true, activation);
    const batch = batchOfRows(data.test, [0, 1, 2, 3, 4, 5, 6, 7]);
    for (const mode of ['train', 'inference'] as const) {
      const ours = forwardInMode(network, batch.x, batch.n, mode);
      const reference = referenceForward(network.config, network.parameters(), batch.x, batch.n, mode);
      expect(maxAbs(ours.logits, reference.logits.flat())).toBeLessThan(1e-4);
      ours.u.forEach((u, layerIdx) => expect(maxAbs(u, reference.u[layerIdx].flat())).toBeLessThan(1e-4));
      if (mode === 'train') {
        ours.zMean.forEach((mean, layerIdx) => expect(maxAbs(mean, reference.batchMean[layerIdx])).toBeLessThan(1e-6));
        ours.zVariance.forEach((variance, layerIdx) => expect(maxAbs(variance, reference.batchVariance[layerIdx])).toBeLessThan(1e-6));
      }
    }
  });

  it('agrees with the engine: inference mode with evaluate and probe, training mode with lossAndGradients', () => {
    const { network, data } = trained(true);
    const test = batchOfRows(data.test, Array.from({ length: 500 }, (_, i) => i));
    const inference = forwardInMode(network, test.x, test.n, 'inference');
    const sums = lossAndCorrect(inference.logits, test.y, test.n, data.classes);
    const engine = network.evaluate(test);
    expect(sums.correct / test.n).toBe(engine.accuracy);
    expect(sums.lossSum / test.n).toBeCloseTo(engine.loss, 5);
    network.probe(test).forEach((u, layerIdx) => expect(maxAbs(u, inference.u[layerIdx])).toBeLessThan(1e-4));
    const batch = batchOfRows(data.test, Array.from({ length: 20 }, (_, i) => 100 + i));
    const train = forwardInMode(network, batch.x, batch.n, 'train');
    expect(lossAndCorrect(train.logits, batch.y, batch.n, data.classes).lossSum / batch.n).toBeCloseTo(network.lossAndGradients(batch).loss, 5);
  });

  it('gives a network without BN the same bits for an example whatever the rest of its batch', () => {
    const { network, data } = trained(false);
    const alone = forwardInMode(network, batchOfRows(data.test, [7]).x, 1, 'train');
    for (const mates of [[1, 2, 3], [400, 17, 9, 1000, 3, 5, 6], [1999]]) {
      const pass = forwardInMode(network, batchOfRows(data.test, [7, ...mates]).x, mates.length + 1, 'train');
      expect(Array.from(pass.logits.subarray(0, data.classes))).toEqual(Array.from(alone.logits));
    }
  });

  it('refuses training mode with BN on a single example, with a clear message', () => {
    const { network, data } = trained(true);
    expect(() => forwardInMode(network, batchOfRows(data.test, [0]).x, 1, 'train')).toThrow(/at least 2 examples/);
  });
});
