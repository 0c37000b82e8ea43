import { describe, expect, it } from 'vitest';
import { createBatchSampler } from '../../src/data/batches.ts';
import { createNetwork } from '../../src/engine/index.ts';
import { batchSeedFor } from '../../src/experiment/session.ts';
import { networkConfigFor } from '../../src/experiment/variants.ts';
import { scaleInvarianceJob } from '../../src/lab/scaleInvariance.ts';
import { referenceForward } from '../engine/helpers/reference64.ts';
import { allNumbersFinite, mnist, smallMnistConfig } from './ioffeFixtures.ts';
import { recordingContext } from './recordingContext.ts';

const scales = [0.1, 0.5, 2, 10, 100];
/** Xavier init: the layer's BN input has a batch variance of order 0.1-1, so epsilon 0 and 1e-5 both leave clear figures. */
const config = { ...smallMnistConfig, initScheme: 'xavier' as const };

describe('the scale-invariance job (section 3.3)', () => {
  it('finds BN(aWu) = BN(Wu) and a weight gradient of exactly 1/a times the original when epsilon is 0', async () => {
    const result = await scaleInvarianceJob.run({ scales, layer: 2, batchSize: 20 }, { ...config, bnEpsilon: 0 }, recordingContext(mnist()));
    expect(result.layer).toBe(2);
    for (const row of result.rows) {
      expect(row.maxOutputChange).toBeLessThan(2e-5);
      expect(row.maxLogitChange).toBeLessThan(1e-4);
      expect(Math.abs((row.gradientRatio as number) * row.scale - 1)).toBeLessThan(2e-5);
      expect(row.expectedRatio).toBe(1 / row.scale);
      expect(row.maxRatioDeviation).toBeLessThan(1e-4);
      // The Jacobian claim: what reaches the layer below does not change.
      expect(row.belowGradientChange).toBeLessThan(1e-4);
      // Without BN the output scales with a.
      expect(row.plainMaxOutputChange).toBeGreaterThan(0.05 * Math.abs(row.scale - 1));
    }
  });

  it('measures the gap epsilon leaves as a float64 hand computation does, and as epsilon alone predicts', async () => {
    const eps = { ...config, bnEpsilon: 0.01 };
    const data = mnist();
    const result = await scaleInvarianceJob.run({ scales, layer: 1, batchSize: 20 }, eps, recordingContext(data));
    const network = createNetwork(networkConfigFor(eps, data.inputs, data.classes, { id: 'bn', batchNorm: true }));
    const batch = createBatchSampler(data.train, 20, batchSeedFor(eps.seed)).next();
    const parameters = network.parameters();
    const base = referenceForward(network.config, parameters, batch.x, batch.n, 'train').u[0].flat();
    for (const row of result.rows) {
      const scaledWeight = parameters['dense0.weight'].map((w) => w * row.scale);
      const scaled = referenceForward(network.config, { ...parameters, 'dense0.weight': scaledWeight }, batch.x, batch.n, 'train').u[0].flat();
      const byHand = Math.max(...scaled.map((v, i) => Math.abs(v - base[i])));
      expect(row.maxOutputChange).toBeCloseTo(byHand, 4);
      expect(row.epsilonPrediction).toBeCloseTo(row.maxOutputChange as number, 4);
      expect(row.belowGradientChange).toBeNull();
    }
    // A small a magnifies epsilon (eps / a^2): the gap is visible at a = 0.1.
    expect(result.rows[0].maxOutputChange).toBeGreaterThan(0.01);
  });

  it('gives the same result twice, with no NaN, and reports progress per scale', async () => {
    const context = recordingContext(mnist());
    const params = scaleInvarianceJob.defaults(smallMnistConfig);
    const first = await scaleInvarianceJob.run(params, smallMnistConfig, context);
    const second = await scaleInvarianceJob.run(params, smallMnistConfig, recordingContext(mnist()));
    expect(second).toEqual(first);
    expect(allNumbersFinite(first)).toBe(true);
    expect(context.reports.at(-1)).toEqual([5, 5]);
  });

  it('parses its parameters, naming each invalid one and keeping its default', () => {
    const { params, errors } = scaleInvarianceJob.parse({ scales: '0.5,3', layer: '0', batchSize: 'x', colour: 'red' }, smallMnistConfig);
    expect(params).toEqual({ scales: [0.5, 3], layer: 2, batchSize: 20 });
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).toMatch(/layer .*from 1 to 10; got "0", kept 2/);
    expect(errors.join('\n')).toMatch(/unknown parameter "colour"/);
    expect(scaleInvarianceJob.encode(params, smallMnistConfig)).toEqual({ scales: '0.5,3' });
    expect(scaleInvarianceJob.parse({ scales: '0,1' }, smallMnistConfig).errors).toHaveLength(1);
  });
});
