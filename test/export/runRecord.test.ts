import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/cli/runner.ts';
import type { RunRecord } from '../../src/cli/runner.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import type { Run } from '../../src/experiment/types.ts';
import { historyToRun, historyToRunFile, networksOf } from '../../src/export/runRecord.ts';
import type { RunFile } from '../../src/export/runRecord.ts';
import { sessionHistory, SMALL_CONFIG } from './sessionHistory.ts';

const STEPS = 400;
const cli = runExperiment(SMALL_CONFIG, STEPS, { data: makeSynthetic('spiral', SMALL_CONFIG.seed) }).record;

/** The values of `run` at `step` (undefined when it has no point there). */
function pointAt(run: Run, step: number) {
  const i = run.steps.indexOf(step);
  if (i < 0) return undefined;
  return {
    testAccuracy: run.testAccuracy[i], testLoss: run.testLoss[i],
    p15: run.trackedUnit.p15[i], p50: run.trackedUnit.p50[i], p85: run.trackedUnit.p85[i],
    saturation: run.saturation.map((layer) => layer[i]),
  };
}

describe('the JSON export has the headless CLI\'s schema and numbers', () => {
  it('types as the CLI\'s RunRecord', () => {
    const file: RunFile = cli;
    const record: RunRecord = historyToRunFile(sessionHistory(SMALL_CONFIG, [50]), SMALL_CONFIG);
    expect(networksOf(file)).toEqual(['plain', 'bn']);
    expect(networksOf(record)).toEqual(['plain', 'bn']);
  });

  it('equals the CLI\'s file byte for byte when the page snapshots at the CLI\'s evaluation points', () => {
    const history = sessionHistory(SMALL_CONFIG, Array.from({ length: STEPS / 50 }, () => 50));
    const file = historyToRunFile(history, SMALL_CONFIG);
    expect(cli.plain?.steps).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
    expect(JSON.stringify(file)).toBe(JSON.stringify(cli));
  });

  it('equals the CLI\'s file byte for byte whatever the page\'s snapshot pace, so a link exports the same file on every load', () => {
    // Snapshots at 30, 50, 105, 150, 200, 217, 250, 300, 349, 400 (none at 100 or 350); tests on the grid of evalEvery (50).
    for (const chunks of [[30, 20, 55, 45, 50, 17, 33, 50, 49, 51], [400], [7, 393], Array.from({ length: 40 }, () => 10)]) {
      const file = historyToRunFile(sessionHistory(SMALL_CONFIG, chunks), SMALL_CONFIG);
      expect(JSON.stringify(file)).toBe(JSON.stringify(cli));
    }
    // The comparison can fail: a point at another step differs.
    expect(pointAt(cli.plain!, 150)).not.toEqual(pointAt(cli.plain!, 100));
  });

  it('exports the same file for the BN + noise network, whose probe draws noise, whatever the pace', () => {
    const config = { ...SMALL_CONFIG, noisyBn: true };
    const files = [[50, 50, 50, 50], [13, 87, 100], [200]].map((chunks) => JSON.stringify(historyToRunFile(sessionHistory(config, chunks), config)));
    expect(files[1]).toBe(files[0]);
    expect(files[2]).toBe(files[0]);
    expect(JSON.parse(files[0]).noisy.steps).toEqual([50, 100, 150, 200]);
  });

  it('keeps the points of the test evaluations the history kept, each with its own step\'s numbers', () => {
    const history = sessionHistory(SMALL_CONFIG, [10, 40, 10, 40, 10, 40, 10, 40], { snapshots: 4, tests: 4 });
    const plain = history.networks[0];
    expect(plain.testSteps).toEqual([0, 100, 150, 200]);
    const run = historyToRun(plain, history.tracked);
    expect(run.steps).toEqual([100, 150, 200]);
    for (const step of run.steps) expect(pointAt(run, step)).toEqual(pointAt(cli.plain!, step));
  });

  it('leaves out the points of a unit tracked before the current one', () => {
    const history = sessionHistory(SMALL_CONFIG, [100]);
    expect(historyToRun(history.networks[0], { layer: 1, unit: 2 }).steps).toEqual([50, 100]);
    expect(historyToRun(history.networks[0], { layer: 1, unit: 5 }).steps).toEqual([]);
  });

  it('marks a diverged network with the step, as the CLI does', () => {
    const history = sessionHistory(SMALL_CONFIG, [50]);
    history.networks[0].status = { type: 'diverged', step: 37, reason: 'test' };
    const file = historyToRunFile(history, SMALL_CONFIG);
    expect(file.plain?.diverged).toEqual({ step: 37 });
    expect(file.bn?.diverged).toBeUndefined();
  });

  it('has no points and no layer arrays before the first training step, like an empty CLI run', () => {
    const file = historyToRunFile(sessionHistory(SMALL_CONFIG, []), SMALL_CONFIG);
    expect(file.plain).toEqual({ steps: [], trainLoss: [], testAccuracy: [], testLoss: [], trackedUnit: { layer: 1, unit: 2, p15: [], p50: [], p85: [] }, saturation: [], drift: [], weightNorm: [], effectiveStep: [] });
  });

  it('carries each hidden layer\'s weight norm and, for BN\'s layers, eta / ||W||^2, byte for byte the CLI\'s with weight decay', () => {
    const config = { ...SMALL_CONFIG, weightDecay: 5e-3 };
    const cliFile = runExperiment(config, 200, { data: makeSynthetic('spiral', config.seed) }).record;
    for (const chunks of [[50, 50, 50, 50], [13, 87, 100], [200]]) {
      expect(JSON.stringify(historyToRunFile(sessionHistory(config, chunks), config))).toBe(JSON.stringify(cliFile));
    }
    const depth = config.depth;
    expect(cliFile.bn?.weightNorm).toHaveLength(depth);
    expect(cliFile.bn?.weightNorm?.[0]).toHaveLength(4);
    // The plain network has no BN after any layer; BN's layers are each followed by BN.
    expect(cliFile.plain?.effectiveStep).toEqual(Array.from({ length: depth }, () => null));
    cliFile.bn?.effectiveStep?.forEach((layer, l) => {
      layer?.forEach((value, i) => expect(value).toBeCloseTo(config.learningRate / cliFile.bn!.weightNorm![l][i] ** 2, 12));
    });
    expect(cliFile.bn?.effectiveStep?.every((layer) => layer?.length === 4)).toBe(true);
  });
});
