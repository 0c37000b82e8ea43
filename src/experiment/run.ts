/**
 * Accumulates Snapshots into the CLI's Run records (DESIGN.md "Headless CLI"): one point per
 * evaluation that follows at least one training step (RunPoint, measured at the evaluation's own
 * step whatever the snapshots' timing, so the app's export and the CLI write the same points),
 * arrays parallel to `steps`, no NaN.
 */
import type { NetworkId, Run, Snapshot, TestEvaluation } from './types.ts';
import { SHIFT_WINDOW_STEPS } from './shift.ts';

/** An empty Run. */
export function emptyRun(): Run {
  return {
    steps: [],
    trainLoss: [],
    testAccuracy: [],
    testLoss: [],
    trackedUnit: { layer: 0, unit: 0, p15: [], p50: [], p85: [] },
    saturation: [],
    drift: [],
    weightNorm: [],
    effectiveStep: [],
  };
}

/**
 * Append the evaluation `test` to `run` (in place) when it carries a run point (a step that
 * follows training, on a healthy network) at a step after the run's last one.
 */
export function appendRunPoint(run: Run, test: TestEvaluation): void {
  const { point } = test;
  if (!point || (run.steps.length > 0 && run.steps[run.steps.length - 1] >= test.step)) return;
  run.steps.push(test.step);
  run.trainLoss.push(point.trainLoss);
  run.testAccuracy.push(test.accuracy);
  run.testLoss.push(test.loss);
  run.trackedUnit.layer = point.trackedUnit.layer;
  run.trackedUnit.unit = point.trackedUnit.unit;
  run.trackedUnit.p15.push(point.tracked.p15);
  run.trackedUnit.p50.push(point.tracked.p50);
  run.trackedUnit.p85.push(point.tracked.p85);
  point.saturation.forEach((share, layerIdx) => (run.saturation[layerIdx] ??= []).push(share));
  point.drift.forEach((shift, layerIdx) => (run.drift[layerIdx] ??= []).push(shift));
  const weightNorm = (run.weightNorm ??= []);
  point.weightNorm.forEach((norm, layerIdx) => (weightNorm[layerIdx] ??= []).push(norm));
  const effectiveStep = (run.effectiveStep ??= []);
  point.effectiveStep.forEach((value, layerIdx) => {
    // A layer no BN follows is null for the whole run (its layout is fixed when the network is built).
    if (value === null) effectiveStep[layerIdx] = null;
    else if (effectiveStep[layerIdx] === undefined) effectiveStep[layerIdx] = [value];
    else effectiveStep[layerIdx]?.push(value);
  });
}

/**
 * Append the run points of `snapshot`'s frame of network `id` (every evaluation since its previous
 * frame: RunPoint) to `run`, in place; mark the run diverged when the frame says so. Returns the run.
 */
export function recordFrame(run: Run, snapshot: Snapshot, id: NetworkId): Run {
  const frame = snapshot.frames.find((f) => f.id === id);
  if (!frame) return run;
  for (const test of frame.tests ?? []) appendRunPoint(run, test);
  if (frame.status.type === 'diverged') run.diverged ??= { step: frame.status.step };
  return run;
}

/** Summary figures of a run for a one-line report. */
export interface RunSummary {
  /** Last test accuracy (0 when there is no point). */
  finalAccuracy: number;
  /** max - min of the tracked unit's median over the run. */
  p50Range: number;
  /** max - min of the tracked unit's 15-85 spread (p85 - p15) over the run: how much its width changed. */
  spreadRange: number;
  /**
   * The last hidden layer's shift over 1,000 steps (LayerStats.drift, in its own standard deviations),
   * averaged over the evaluation points a full window into the run (over all of them in a shorter run).
   */
  meanShiftLastLayer: number;
}

/** The figures the CLI prints and the tuning of presets compares. */
export function summarizeRun(run: Run): RunSummary {
  const n = run.steps.length;
  if (n === 0) return { finalAccuracy: 0, p50Range: 0, spreadRange: 0, meanShiftLastLayer: 0 };
  const { p15, p50, p85 } = run.trackedUnit;
  const last = run.drift[run.drift.length - 1] ?? [];
  const fullWindows = run.steps[n - 1] >= SHIFT_WINDOW_STEPS;
  let shiftSum = 0;
  let shiftCount = 0;
  for (let i = 0; i < n; i++) {
    if (fullWindows && run.steps[i] < SHIFT_WINDOW_STEPS) continue;
    shiftSum += last[i] ?? 0;
    shiftCount++;
  }
  return {
    finalAccuracy: run.testAccuracy[n - 1],
    p50Range: rangeOf(p50.length, (i) => p50[i]),
    spreadRange: rangeOf(p85.length, (i) => p85[i] - p15[i]),
    meanShiftLastLayer: shiftCount > 0 ? shiftSum / shiftCount : 0,
  };
}

/**
 * max - min of value(0 .. n-1), in one loop: a run can hold millions of points, more than
 * Math.max(...values) can take as arguments. 0 when n is 0.
 */
function rangeOf(n: number, value: (i: number) => number): number {
  if (n === 0) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}
