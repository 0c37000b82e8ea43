/**
 * RunPoint.weightNorm and RunPoint.effectiveStep: each hidden layer's ||W_l|| and, where BN directly
 * follows the layer, eta / ||W_l||^2, checked against a direct computation on a network trained the
 * same way outside the session (same weights, same batches, same step options).
 */
import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { trainRuns } from '../../src/experiment/trainRuns.ts';
import { batchSeedFor, createSession } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { networkConfigFor, variantsByIds } from '../../src/experiment/variants.ts';

const CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 3, width: 10, activation: 'tanh', initScheme: 'xavier',
  batchSize: 16, learningRate: 0.2, weightDecay: 0.01, evalEvery: 40, seed: 5,
};

/** The Frobenius norm in float64, written out. */
function frobenius(weight: Float32Array): number {
  let sum = 0;
  for (const w of weight) sum += Number(w) * Number(w);
  return Math.sqrt(sum);
}

describe('the weight norm and effective step a run point records', () => {
  it('equal ||W_l|| and eta / ||W_l||^2 computed directly on the same network after the same steps', () => {
    const data = makeSynthetic('spiral', CONFIG.seed);
    const variants = variantsByIds(['plain', 'bn', 'bn-after', 'ln']);
    const session = createSession(CONFIG, data, { variants });
    session.advance(80);
    const snapshot = session.snapshot(0);
    for (const variant of variants) {
      const network = createNetwork(networkConfigFor(CONFIG, data.inputs, data.classes, variant));
      const sampler = createBatchSampler(data.train, CONFIG.batchSize, batchSeedFor(CONFIG.seed));
      for (let k = 0; k < 80; k++) network.trainStep(sampler.next(), { learningRate: CONFIG.learningRate, momentum: CONFIG.momentum, weightDecay: CONFIG.weightDecay });
      const frame = snapshot.frames.find((f) => f.id === variant.id);
      const point = frame?.tests?.find((test) => test.step === 80)?.point;
      expect(point, variant.id).toBeDefined();
      const parameters = network.parameters();
      const norms = Array.from({ length: CONFIG.depth }, (_, l) => frobenius(parameters[`dense${l}.weight`] as Float32Array));
      expect(point!.weightNorm).toHaveLength(CONFIG.depth);
      point!.weightNorm.forEach((norm, l) => expect(norm).toBeCloseTo(norms[l], 10));
      // Only BN directly after the dense layer (before the nonlinearity) makes the layer scale-invariant.
      const expected = norms.map((norm) => (variant.id === 'bn' ? CONFIG.learningRate / norm ** 2 : null));
      point!.effectiveStep.forEach((value, l) => {
        if (expected[l] === null) expect(value).toBeNull();
        else expect(value).toBeCloseTo(expected[l]!, 12);
      });
    }
  });

  it('shrinks with weight decay and follows the live learning rate', () => {
    const data = makeSynthetic('spiral', CONFIG.seed);
    const without = trainRuns({ ...CONFIG, weightDecay: 0 }, 400, data, ['bn']).runs.bn;
    const withDecay = trainRuns({ ...CONFIG, weightDecay: 0.05 }, 400, data, ['bn']).runs.bn;
    const last = (values: number[]) => values[values.length - 1];
    expect(last(withDecay.weightNorm![1])).toBeLessThan(last(without.weightNorm![1]));
    expect(last(withDecay.effectiveStep![1]!)).toBeGreaterThan(last(without.effectiveStep![1]!));

    const session = createSession(CONFIG, data, { variants: variantsByIds(['bn']) });
    session.advance(40);
    session.applyLive({ learningRate: 0.05 });
    session.advance(40);
    const point = session.snapshot(0).frames[0].tests?.find((test) => test.step === 80)?.point;
    expect(point!.effectiveStep[0]).toBeCloseTo(0.05 / point!.weightNorm[0] ** 2, 12);
  });
});
