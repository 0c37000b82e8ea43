/**
 * Accumulates Snapshots into the CLI's Run records (DESIGN.md "Headless CLI"): one point per
 * evaluation that follows at least one training step, arrays parallel to `steps`, no NaN.
 */
import type { NetworkFrame, NetworkId, Run, Snapshot } from './types.ts';
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
  };
}

/** True when `frame` carries a fresh evaluation and everything a Run point needs. */
function isRunPoint(frame: NetworkFrame): boolean {
  return frame.status.type === 'training' && frame.test !== null && frame.test.step === frame.step
    && frame.trainLoss !== null && frame.tracked !== null && frame.layers.length > 0;
}

/**
 * Append `snapshot`'s frame of network `id` to `run` (in place) when it is an evaluation
 * point; mark the run diverged when the frame says so. Returns the run.
 */
export function recordFrame(run: Run, snapshot: Snapshot, id: NetworkId): Run {
  const frame = snapshot.frames.find((f) => f.id === id);
  if (!frame) return run;
  if (frame.status.type === 'diverged') {
    run.diverged ??= { step: frame.status.step };
    return run;
  }
  if (!isRunPoint(frame) || frame.test === null || frame.tracked === null || frame.trainLoss === null) return run;
  if (run.steps.length > 0 && run.steps[run.steps.length - 1] === frame.step) return run;
  run.steps.push(frame.step);
  run.trainLoss.push(frame.trainLoss);
  run.testAccuracy.push(frame.test.accuracy);
  run.testLoss.push(frame.test.loss);
  run.trackedUnit.layer = snapshot.tracked.layer;
  run.trackedUnit.unit = snapshot.tracked.unit;
  run.trackedUnit.p15.push(frame.tracked.p15);
  run.trackedUnit.p50.push(frame.tracked.p50);
  run.trackedUnit.p85.push(frame.tracked.p85);
  frame.layers.forEach((layer, layerIdx) => {
    (run.saturation[layerIdx] ??= []).push(layer.saturation);
    (run.drift[layerIdx] ??= []).push(layer.drift);
  });
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
