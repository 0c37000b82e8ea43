/**
 * summarizeRun on a Run of 200,000 evaluation points, as the CLI writes for
 * `--steps 200000 --eval-every 1`. Math.max(...p50) threw "Maximum call stack size exceeded"
 * above about 125k points, after the training, and the CLI wrote nothing.
 * (Its own file: test/experiment/run.test.ts is being edited alongside.)
 */
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/cli/runner.ts';
import type { ExperimentResult } from '../../src/cli/runner.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { summarizeRun } from '../../src/experiment/run.ts';
import type { Run } from '../../src/experiment/types.ts';

const POINTS = 200_000;

/** A Run of `n` points: median 0 .. 5 and back, band widening from 2 to 6, drift 0.5 per point. */
function longRun(n: number): Run {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const p50 = steps.map((_, i) => 5 * Math.sin((Math.PI * i) / (n - 1)));
  return {
    steps,
    trainLoss: steps.map(() => 1),
    testAccuracy: steps.map((_, i) => (i === n - 1 ? 0.875 : 0.5)),
    testLoss: steps.map(() => 1),
    trackedUnit: {
      layer: 0, unit: 0,
      p15: p50.map((m, i) => m - 1 - (2 * i) / (n - 1)),
      p50,
      p85: p50.map((m, i) => m + 1 + (2 * i) / (n - 1)),
    },
    saturation: [steps.map(() => 0)],
    drift: [steps.map(() => 0.5)],
  };
}

describe(`summarizeRun on ${POINTS.toLocaleString('en-US')} points`, () => {
  it('summarises without overflowing the stack, with the same figures as on a short run', () => {
    const run = longRun(POINTS);
    const summary = summarizeRun(run);
    expect(summary.finalAccuracy).toBe(0.875);
    expect(summary.p50Range).toBeCloseTo(5, 6);
    expect(summary.spreadRange).toBeCloseTo(4, 6);
    // Every point's shift is 0.5.
    expect(summary.meanShiftLastLayer).toBeCloseTo(0.5, 6);
    const result: ExperimentResult = {
      record: { config: configForPreset('spiral'), plain: run }, summaries: { plain: summary }, networks: ['plain'], stepsPerSecond: 1000,
    };
    expect(summaryLine(result)).toBe('plain: test acc 87.5%, p50 range 5.00, p85-p15 range 4.00, shift 0.50 sd/1k steps | 1000 steps/s');
  });
});
