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

/** The shape of a value: keys and types, recursively (array element shapes from the first element). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

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

  it('agrees with the CLI at every shared step when the page snapshots at its own pace', () => {
    // Snapshots at 30, 50, 105, 150, 200, 217, 250, 300, 349, 400; tests at every multiple of evalEvery (50).
    const chunks = [30, 20, 55, 45, 50, 17, 33, 50, 49, 51];
    const history = sessionHistory(SMALL_CONFIG, chunks);
    const file = historyToRunFile(history, SMALL_CONFIG);
    expect(shape(file)).toEqual(shape(cli));
    for (const id of ['plain', 'bn'] as const) {
      const app = file[id]!;
      const reference = cli[id]!;
      // Tests fall on the grid of evalEvery whatever the snapshots' timing; a point of the file needs a
      // snapshot at its step too (here 100 and 350 had none, so the file leaves them out).
      expect(app.steps).toEqual([50, 150, 200, 250, 300, 400]);
      for (const step of app.steps) expect(pointAt(app, step)).toEqual(pointAt(reference, step));
      // The comparison can fail: a point at another step differs.
      expect(pointAt(app, 150)).not.toEqual(pointAt(reference, 100));
      expect(app.trackedUnit.layer).toBe(1);
      expect(app.trackedUnit.unit).toBe(2);
    }
  });

  it('skips a test evaluation whose snapshot column was thinned away, never pairing numbers of two steps', () => {
    const history = sessionHistory(SMALL_CONFIG, [10, 40, 10, 40, 10, 40, 10, 40], { snapshots: 4, tests: 64 });
    const plain = history.networks[0];
    expect(plain.testSteps).toEqual([0, 50, 100, 150, 200]);
    const run = historyToRun(plain, history.tracked);
    // Every point's step is a kept snapshot step and a test step.
    for (const step of run.steps) {
      expect(plain.steps).toContain(step);
      expect(plain.testSteps).toContain(step);
    }
    expect(run.steps.length).toBeLessThan(4);
    const reference = cli.plain!;
    for (const step of run.steps) expect(pointAt(run, step)).toEqual(pointAt(reference, step));
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
    expect(file.plain).toEqual({ steps: [], trainLoss: [], testAccuracy: [], testLoss: [], trackedUnit: { layer: 1, unit: 2, p15: [], p50: [], p85: [] }, saturation: [], drift: [] });
  });
});
