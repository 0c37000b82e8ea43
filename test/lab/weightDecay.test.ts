import { describe, expect, it } from 'vitest';
import { trainRuns } from '../../src/experiment/trainRuns.ts';
import { labJobById } from '../../src/lab/jobs.ts';
import { DEFAULT_DECAYS, weightDecayJob, weightDecayVerdict } from '../../src/lab/weightDecay.ts';
import type { WeightDecayResult } from '../../src/lab/weightDecay.ts';
import { allNumbersFinite, mnist, smallMnistConfig } from './ioffeFixtures.ts';
import { recordingContext } from './recordingContext.ts';

const config = { ...smallMnistConfig, depth: 3 };
const params = { steps: 120, every: 40, decays: [0, 0.02], layer: 2 };

describe('the weight-decay lab job (van Laarhoven 2017)', () => {
  it('is listed, and parses its parameters from text, naming each invalid one and keeping its default', () => {
    expect(labJobById('weight-decay')).toBe(weightDecayJob);
    const defaults = weightDecayJob.defaults(config);
    expect(defaults).toEqual({ steps: 3000, every: 250, decays: [...DEFAULT_DECAYS], layer: 2 });
    expect(weightDecayJob.defaults({ ...config, depth: 1 }).layer).toBe(1);
    const good = weightDecayJob.parse({ steps: '500', decays: '0,1e-3,0.01', layer: '3' }, config);
    expect(good.errors).toEqual([]);
    expect(good.params).toEqual({ steps: 500, every: 250, decays: [0, 0.001, 0.01], layer: 3 });
    const bad = weightDecayJob.parse({ steps: '0', decays: '0,-1', every: 'often', layer: '2.5', colour: 'red' }, config);
    expect(bad.params).toEqual(defaults);
    expect(bad.errors).toHaveLength(5);
    expect(bad.errors.join('\n')).toMatch(/decays \(weight decays lambda, one run each\) takes 1 to 8 comma-separated numbers from 0 to 0\.1; got "0,-1"/);
    expect(bad.errors.join('\n')).toMatch(/unknown parameter "colour"/);
    expect(weightDecayJob.parse({ decays: '0,0,0,0,0,0,0,0,0' }, config).errors).toHaveLength(1);
    // Only what differs from the defaults goes in the link, and it reads back the same.
    const encoded = weightDecayJob.encode(good.params, config);
    expect(encoded).toEqual({ steps: '500', decays: '0,0.001,0.01', layer: '3' });
    expect(weightDecayJob.parse(encoded, config).params).toEqual(good.params);
    expect(weightDecayJob.cost(good.params, config)).toBe(3 * 500 * 2);
  });

  let result: WeightDecayResult;

  it('trains the twins at each decay from the same weights and batches, as the session does, and records ||W|| and eta / ||W||^2', async () => {
    const context = recordingContext(mnist());
    result = await weightDecayJob.run(params, config, context);
    expect(result.runs.map((run) => run.weightDecay)).toEqual([0, 0.02]);
    expect([result.steps, result.every, result.layer, result.depth, result.learningRate]).toEqual([120, 40, 2, 3, config.learningRate]);
    expect(allNumbersFinite(result)).toBe(true);
    for (const run of result.runs) {
      // The same figures as a headless run of the experiment with that decay.
      const direct = trainRuns({ ...config, weightDecay: run.weightDecay, evalEvery: 40, maxSteps: 120 }, 120, mnist(), ['plain', 'bn']).runs;
      for (const network of run.networks) {
        expect(network.steps).toEqual([40, 80, 120]);
        expect(network.weightNorm).toEqual(direct[network.id].weightNorm);
        expect(network.effectiveStep).toEqual(direct[network.id].effectiveStep);
        expect(network.testAccuracy).toEqual(direct[network.id].testAccuracy);
      }
      expect(run.networks.find((n) => n.id === 'plain')?.effectiveStep).toEqual([null, null, null]);
    }
    // Progress ends at the whole cost, never beyond it.
    expect(context.reports.at(-1)).toEqual([weightDecayJob.cost(params, config), weightDecayJob.cost(params, config)]);
    expect(context.reports.every(([done, total]) => done <= total)).toBe(true);
    // With decay, BN's weights end smaller and its effective step larger, on every hidden layer.
    const bnAt = (i: number) => result.runs[i].networks.find((n) => n.id === 'bn')!;
    for (let l = 0; l < 3; l++) {
      expect(bnAt(1).weightNorm[l].at(-1)!).toBeLessThan(bnAt(0).weightNorm[l].at(-1)!);
      expect(bnAt(1).effectiveStep[l]!.at(-1)!).toBeGreaterThan(bnAt(0).effectiveStep[l]!.at(-1)!);
    }
  });

  it('says what this result shows, from its own figures', () => {
    const verdict = weightDecayVerdict(result);
    expect(verdict).toMatch(/^With BN, weight decay 0\.02 against 0 left hidden layer 2's ‖W‖ at [\d.]+ against [\d.]+ after 120 steps, so its effective step η \/ ‖W‖² is [\d.]+ times larger/);
    expect(verdict).toMatch(/Without BN, test accuracy went from \d+% to \d+%/);
    // The sentence follows the numbers: swap the runs' decays and it says smaller.
    const swapped = { ...result, runs: result.runs.map((run, i) => ({ ...run, weightDecay: result.runs[1 - i].weightDecay })) };
    expect(weightDecayVerdict(swapped)).toMatch(/times smaller/);
    expect(weightDecayVerdict({ ...result, runs: [] })).toBe('No weight decay was run.');
  });

  it('gives the same result twice', async () => {
    expect(await weightDecayJob.run(params, config, recordingContext(mnist()))).toEqual(result);
  });
});
