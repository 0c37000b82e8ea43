import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/cli/runner.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { historyToRunFile } from '../../src/export/runRecord.ts';
import { makeSavedRun, parseSavedRun, runSettings, runTitle, SAVED_RUN_VERSION } from '../../src/export/savedRun.ts';
import { sessionHistory, SMALL_CONFIG } from './sessionHistory.ts';

const file = historyToRunFile(sessionHistory(SMALL_CONFIG, [50, 50]), SMALL_CONFIG);
const saved = makeSavedRun(file, null);
const text = JSON.stringify(saved);

/** The error text of loading `value` (JSON-encoded unless already text). */
function errorOf(value: unknown): string {
  const parsed = parseSavedRun(typeof value === 'string' ? value : JSON.stringify(value), 'run.json');
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.error;
}

/** `saved` with one change made by `edit` on a deep copy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test pokes arbitrary values into the JSON
type Loose = Record<string, any>;

function edited(edit: (copy: Loose) => void): Record<string, unknown> {
  const copy = JSON.parse(text) as Loose;
  edit(copy);
  return copy;
}

describe('saved runs', () => {
  it('round-trip: what Save run writes loads back equal', () => {
    expect(saved.version).toBe(SAVED_RUN_VERSION);
    const parsed = parseSavedRun(text);
    expect(parsed).toEqual({ ok: true, run: saved });
  });

  it('load CLI output too (no version, no preset)', () => {
    const cli = runExperiment(configForPreset('spiral'), 100, { data: makeSynthetic('spiral', 1) }).record;
    const parsed = parseSavedRun(JSON.stringify(cli));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(runTitle(parsed.run)).toBe('Custom settings, 100 steps');
  });

  it('carry each layer\'s weight norm and effective step, and load files written before them', () => {
    const parsed = parseSavedRun(text);
    expect(parsed.ok && parsed.run.bn?.weightNorm?.[0]).toHaveLength(2);
    expect(parsed.ok && parsed.run.plain?.effectiveStep).toEqual([null, null]);
    const old = edited((copy) => {
      for (const id of ['plain', 'bn']) {
        delete copy[id].weightNorm;
        delete copy[id].effectiveStep;
      }
    });
    expect(parseSavedRun(JSON.stringify(old)).ok).toBe(true);
    expect(errorOf(edited((copy) => { copy.bn.weightNorm[1][0] = null; }))).toBe('run.json cannot be loaded: bn.weightNorm[1][0] is null, not a finite number.');
    expect(errorOf(edited((copy) => { copy.bn.effectiveStep[0].pop(); }))).toBe('run.json cannot be loaded: bn.effectiveStep[0] has 1 values but steps has 2.');
    expect(errorOf(edited((copy) => { copy.bn.effectiveStep = 3; }))).toBe('run.json cannot be loaded: bn.effectiveStep should be a list with one list (or null) per hidden layer, not 3.');
  });

  it('are named by their preset and settings', () => {
    const preset = makeSavedRun({ ...file, config: { ...configForPreset('spiral'), batchSize: 8 } }, 'spiral');
    expect(runTitle(preset)).toBe('Spiral (fast), 100 steps');
    expect(runSettings(preset)).toBe('preset=spiral, batchSize=8');
  });

  it('say clearly why a file cannot be loaded', () => {
    expect(errorOf('not json {')).toBe('run.json is not a JSON file (a saved run is JSON, as "Save run" writes it).');
    expect(errorOf([1, 2])).toMatch(/it holds a list, not a run/);
    expect(errorOf({ plain: saved.plain })).toMatch(/no "config" object/);
    expect(errorOf(edited((c) => { c.config.learningRate = -1; }))).toMatch(/config is not valid: .*learningRate/);
    expect(errorOf(edited((c) => { delete c.plain; delete c.bn; }))).toMatch(/no network runs/);
    expect(errorOf(edited((c) => { c.plain.testAccuracy[1] = null; }))).toMatch(/plain\.testAccuracy\[1\] is null, not a finite number/);
    expect(errorOf(text.replace(/"p50":\[[-\d.e]+/, '"p50":["NaN"'))).toMatch(/plain\.trackedUnit\.p50\[0\] is the text "NaN"/);
    expect(errorOf(edited((c) => { c.bn.trainLoss.pop(); }))).toMatch(/bn\.trainLoss has 1 values but steps has 2/);
    expect(errorOf(edited((c) => { c.bn.steps = [100, 50]; }))).toMatch(/steps must increase/);
    expect(errorOf(edited((c) => { c.bn.testAccuracy[0] = 3; }))).toMatch(/outside 0\.\.1/);
    expect(errorOf(edited((c) => { c.bn.saturation = 'x'; }))).toMatch(/bn\.saturation should be a list/);
    expect(errorOf(edited((c) => { c.bn.trackedUnit.unit = 1.5; }))).toMatch(/trackedUnit\.unit should be a whole number/);
    expect(errorOf(edited((c) => { c.version = 99; }))).toMatch(/newer version/);
    expect(errorOf(edited((c) => { c.extra = 1; }))).toMatch(/unexpected field "extra"/);
    expect(errorOf(edited((c) => { c.presetId = 'nope'; }))).toMatch(/preset the text "nope" is not one this page knows/);
    expect(errorOf('null')).toMatch(/holds null/);
  });

  it('never throw, whatever the JSON', () => {
    const samples = ['1', '"x"', 'true', '{}', '{"config":1}', '{"config":{},"plain":[]}', '{"config":{},"plain":{"steps":[0],"trackedUnit":null}}',
      '{"config":{"__proto__":{"x":1}},"bn":{}}', '{"config":{"depth":"3"},"bn":{"steps":[]}}'];
    for (const sample of samples) expect(() => parseSavedRun(sample)).not.toThrow();
    for (const sample of samples) expect(parseSavedRun(sample).ok).toBe(false);
  });
});
