import { describe, expect, it } from 'vitest';
import { emptyRun, recordFrame, summarizeRun } from '../../src/experiment/run.ts';
import type { LayerStats, NetworkFrame, RunPoint, Snapshot } from '../../src/experiment/types.ts';

const layer = (drift: number, saturation: number): LayerStats =>
  ({ counts: new Uint32Array(4), under: 0, over: 0, mean: 0, std: 1, drift, driftRaw: 3 * drift, saturation });

/** A frame at `step` whose one evaluation there carries a run point with figures of the step. */
function frame(step: number, overrides: Partial<NetworkFrame> = {}): NetworkFrame {
  const point: RunPoint = {
    trainLoss: 1 / (step + 1),
    trackedUnit: { layer: 1, unit: 3 },
    tracked: { p15: -1 - step / 100, p50: step / 100, p85: 1 + step / 100 },
    saturation: [0.1, 0.2],
    drift: [step / 100, (2 * step) / 100],
    weightNorm: [1 + step / 100, 2],
    effectiveStep: [0.5 / (1 + step / 100) ** 2, null],
  };
  const test = { step, loss: 0.5, accuracy: step / 1000 };
  return {
    id: 'plain', step, trainLoss: 1 / (step + 1), trainAccuracy: 0.5, test,
    tests: [{ ...test, point }],
    layers: [layer(0, 0.1), layer(0, 0.2)],
    tracked: point.tracked,
    status: { type: 'training' },
    ...overrides,
  };
}

const snap = (f: NetworkFrame): Snapshot => ({ step: f.step, stepsPerSecond: 10, tracked: { layer: 1, unit: 3 }, frames: [f] });

describe('recordFrame', () => {
  it('appends one point per evaluation, with per-layer saturation and drift', () => {
    const run = emptyRun();
    recordFrame(run, snap(frame(100)), 'plain');
    recordFrame(run, snap(frame(200)), 'plain');
    expect(run.trainLoss).toEqual([1 / 101, 1 / 201]);
    expect(run.steps).toEqual([100, 200]);
    expect(run.testAccuracy).toEqual([0.1, 0.2]);
    expect(run.trackedUnit).toEqual({ layer: 1, unit: 3, p15: [-2, -3], p50: [1, 2], p85: [2, 3] });
    expect(run.drift).toEqual([[1, 2], [2, 4]]);
    expect(run.saturation).toEqual([[0.1, 0.1], [0.2, 0.2]]);
    expect(run.weightNorm).toEqual([[2, 3], [2, 2]]);
    // A layer no BN follows is null for the whole run, not a list of nulls.
    expect(run.effectiveStep).toEqual([[0.5 / 4, 0.5 / 9], null]);
    expect(run.diverged).toBeUndefined();
  });

  it('skips evaluations without a run point (before the first step), frames without evaluations, repeats, and other networks', () => {
    const run = emptyRun();
    recordFrame(run, snap(frame(0, { tests: [{ step: 0, loss: 1, accuracy: 0.1 }] })), 'plain');
    recordFrame(run, snap(frame(150, { tests: [] })), 'plain');
    recordFrame(run, snap(frame(200)), 'bn');
    expect(run.steps).toEqual([]);
    recordFrame(run, snap(frame(100)), 'plain');
    recordFrame(run, snap(frame(100)), 'plain');
    expect(run.steps).toEqual([100]);
  });

  it('takes every evaluation a frame carries, not only one at the frame\'s own step', () => {
    const run = emptyRun();
    const [a, b] = [frame(100).tests?.[0], frame(200).tests?.[0]];
    recordFrame(run, snap(frame(250, { tests: [a!, b!] })), 'plain');
    expect(run.steps).toEqual([100, 200]);
    expect(run.trackedUnit.p50).toEqual([1, 2]);
  });

  it('marks the step of divergence once and adds no point after it', () => {
    const run = emptyRun();
    recordFrame(run, snap(frame(100)), 'plain');
    const diverged = frame(200, { status: { type: 'diverged', step: 137, reason: 'loss NaN' }, tests: [], layers: [], tracked: null });
    recordFrame(run, snap(diverged), 'plain');
    recordFrame(run, snap({ ...diverged, step: 300, status: { type: 'diverged', step: 999, reason: 'x' } }), 'plain');
    expect(run.diverged).toEqual({ step: 137 });
    expect(run.steps).toEqual([100]);
  });
});

describe('summarizeRun', () => {
  it('gives the final accuracy, the ranges of the median and of the spread, and the mean shift of the last layer', () => {
    const run = emptyRun();
    for (const step of [100, 200, 400]) recordFrame(run, snap(frame(step)), 'plain');
    const summary = summarizeRun(run);
    expect(summary.finalAccuracy).toBe(0.4);
    expect(summary.p50Range).toBeCloseTo(3, 12);
    expect(summary.spreadRange).toBeCloseTo(10 - 4, 12);
    // No point is a full 1,000-step window into the run: the mean of all of the last layer's [2, 4, 8].
    expect(summary.meanShiftLastLayer).toBeCloseTo(14 / 3, 12);
    expect(summarizeRun(emptyRun()).finalAccuracy).toBe(0);
  });

  it('averages the shift only over points a full window into the run, once the run has any', () => {
    const run = emptyRun();
    // frame(step) gives the last layer a drift of step / 50: 2, 20, 40, 60 at these steps.
    for (const step of [100, 1000, 2000, 3000]) recordFrame(run, snap(frame(step)), 'plain');
    expect(run.drift[run.drift.length - 1]).toEqual([2, 20, 40, 60]);
    expect(summarizeRun(run).meanShiftLastLayer).toBeCloseTo(40, 12);
  });
});
