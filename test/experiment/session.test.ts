import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/index.ts';
import { createBatchSampler, takeFirst } from '../../src/data/batches.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { percentiles, unitColumn } from '../../src/experiment/metrics.ts';
import { batchSeedFor, createSession, PROBE_SIZE, resolveTracked } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import type { Snapshot } from '../../src/experiment/types.ts';
import { networkConfigFor } from '../../src/experiment/variants.ts';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 2, width: 8, activation: 'tanh', batchSize: 16,
  learningRate: 0.1, evalEvery: 10, initScheme: 'xavier', seed: 3,
};
const data = makeSynthetic('spiral', 3);

/** JSON with NaN / Infinity turned into a marker, so a leak is visible in an assertion. */
const hasNonFinite = (snapshot: Snapshot): boolean =>
  JSON.stringify(snapshot, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'NONFINITE' : v)).includes('NONFINITE');

describe('createSession', () => {
  it('reports the bins, hidden widths and one frame per network at step 0', () => {
    const session = createSession(config, data);
    expect(session.hiddenUnits).toEqual([8, 8]);
    expect(session.bins).toEqual({ min: -8, max: 8, count: 64 });
    const snapshot = session.snapshot(0);
    expect(snapshot.step).toBe(0);
    expect(snapshot.frames.map((f) => f.id)).toEqual(['plain', 'bn']);
    for (const frame of snapshot.frames) {
      expect(frame.trainLoss).toBeNull();
      expect(frame.test?.step).toBe(0);
      expect(frame.layers).toHaveLength(2);
      for (const layer of frame.layers) {
        expect(layer.drift).toBe(0);
        expect(layer.counts.reduce((a, b) => a + b, 0) + layer.under + layer.over).toBe(PROBE_SIZE * 8);
      }
    }
  });

  it('gives identical frames to two identical variants: same weights, same batches', () => {
    const twins = createSession(config, data, { variants: [{ id: 'plain', batchNorm: false }, { id: 'bn', batchNorm: false }] });
    twins.advance(25);
    const [a, b] = twins.snapshot(0).frames;
    expect(a.trainLoss).not.toBeNull();
    expect(b.trainLoss).toBe(a.trainLoss);
    expect(b.test).toEqual(a.test);
    expect(b.tracked).toEqual(a.tracked);
  });

  it('matches an independent replay of the plain network with the same seeds', () => {
    const session = createSession(config, data);
    session.snapshot(0);
    const network = createNetwork(networkConfigFor(config, 2, 3, { id: 'plain', batchNorm: false }));
    const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
    const probeSet = takeFirst(data.test, PROBE_SIZE);
    // The first shift reference is the first snapshot at or after SHIFT_WARMUP_STEPS (100).
    for (let i = 0; i < 100; i++) network.trainStep(sampler.next(), { learningRate: 0.1 });
    session.advance(100);
    session.snapshot(0);
    const probesBefore = network.probe(probeSet);
    let lossSum = 0;
    for (let i = 0; i < 30; i++) lossSum += network.trainStep(sampler.next(), { learningRate: 0.1 }).loss;
    session.advance(30);
    const frame = session.snapshot(0).frames[0];
    expect(frame.step).toBe(130);
    expect(frame.trainLoss).toBeCloseTo(lossSum / 30, 10);
    const test = network.evaluate(data.test);
    expect(frame.test).toEqual({ step: 130, loss: test.loss, accuracy: test.accuracy });
    const probesAfter = network.probe(probeSet);
    // Fewer than 1,000 steps have passed: the shift is measured since the first reference (step 100).
    const shift = shiftByHand(probesBefore[0], probesAfter[0], 8);
    expect(shift.raw).toBeGreaterThan(0);
    expect(frame.layers[0].driftRaw).toBeCloseTo(shift.raw, 6);
    expect(frame.layers[0].drift).toBeCloseTo(shift.scaled, 6);
    const [p15, p50, p85] = percentiles(unitColumn(probesAfter[1], 8, 0), [15, 50, 85]);
    expect(frame.tracked).toEqual({ p15, p50, p85 });
    // The first units of the tracked layer (layer 2 of 2, 8 units: all of them), each unit's median.
    expect(frame.unitMedians).toEqual(Array.from({ length: 8 }, (_, unit) => percentiles(unitColumn(probesAfter[1], 8, unit), [50])[0]));
    // The run point of the evaluation at step 130: the training loss since the evaluation at 120, the same probe figures.
    const point = frame.tests?.find((t) => t.step === 130)?.point;
    expect(point?.tracked).toEqual({ p15, p50, p85 });
    expect(point?.trackedUnit).toEqual({ layer: 1, unit: 0 });
  });

  it('evaluates the test set only when evalEvery steps have passed since the last evaluation', () => {
    const session = createSession(config, data);
    session.snapshot(0);
    session.advance(4);
    expect(session.snapshot(0).frames[1].test?.step).toBe(0);
    session.advance(6);
    expect(session.snapshot(0).frames[1].test?.step).toBe(10);
  });

  it('evaluates on the grid of evalEvery whatever the snapshots\' timing, and hands every evaluation to the next frame', () => {
    const session = createSession({ ...config, evalEvery: 10, maxSteps: 37 }, data);
    session.snapshot(0);
    session.advance(25);
    const frame = session.snapshot(0).frames[0];
    expect(frame.tests?.map((t) => t.step)).toEqual([10, 20]);
    expect(frame.test?.step).toBe(20);
    session.advance(12);
    expect(session.snapshot(0).frames[0].tests?.map((t) => t.step)).toEqual([30, 37]);
    expect(session.snapshot(0).frames[0].tests).toEqual([]);
  });

  it('averages the training loss over the steps since the previous frame only', () => {
    const session = createSession(config, data);
    session.advance(5);
    const first = session.snapshot(0).frames[0].trainLoss;
    const again = session.snapshot(0).frames[0].trainLoss;
    expect(first).not.toBeNull();
    expect(again).toBeNull();
  });

  it('applies live settings at once and ignores those that need a rebuild', () => {
    const session = createSession(config, data);
    session.applyLive({ learningRate: 0, depth: 5 });
    expect(session.hiddenUnits).toEqual([8, 8]);
    session.snapshot(0);
    session.advance(10);
    const plain = session.snapshot(0).frames[0];
    // No learning: the plain network's layer inputs on the probe set have not moved.
    expect(plain.layers.map((l) => l.drift)).toEqual([0, 0]);
  });

  it('tracks the last hidden layer for -1 and clamps a unit beyond the layer', () => {
    expect(resolveTracked({ ...config, trackedLayer: -1, trackedUnit: 3 }, [8, 6])).toEqual({ layer: 1, unit: 3 });
    expect(resolveTracked({ ...config, trackedLayer: 0, trackedUnit: 50 }, [8, 6])).toEqual({ layer: 0, unit: 7 });
    const session = createSession(config, data);
    session.applyLive({ trackedLayer: 0, trackedUnit: 5 });
    expect(session.snapshot(0).tracked).toEqual({ layer: 0, unit: 5 });
  });
});

describe('divergence', () => {
  // Linear layers with weights x1000: the plain network overflows float32 within a few steps;
  // BN, blind to the weights' scale, trains on.
  const exploding: ExperimentConfig = { ...config, activation: 'linear', initScheme: 'gaussian', initStd: 1, initScale: 1000, learningRate: 1 };

  it('stops a network whose loss is no longer finite and keeps NaN out of its frames', () => {
    const session = createSession(exploding, data);
    session.advance(20);
    const snapshot = session.snapshot(0);
    const plain = snapshot.frames[0];
    expect(plain.status.type).toBe('diverged');
    if (plain.status.type === 'diverged') {
      expect(plain.status.step).toBeGreaterThan(0);
      expect(plain.status.step).toBeLessThanOrEqual(20);
      expect(plain.status.reason).toMatch(/NaN|Infinity|infinite/);
    }
    expect(plain.layers).toEqual([]);
    expect(plain.tracked).toBeNull();
    expect(hasNonFinite(snapshot)).toBe(false);
  });

  it('keeps stepping the other networks, and stops advancing once all have diverged', () => {
    const session = createSession(exploding, data, { variants: [{ id: 'plain', batchNorm: false }] });
    session.advance(50);
    expect(session.allDiverged).toBe(true);
    const stoppedAt = session.step;
    expect(stoppedAt).toBeLessThan(50);
    session.advance(10);
    expect(session.step).toBe(stoppedAt);
    const mixed = createSession(exploding, data);
    mixed.advance(50);
    expect(mixed.allDiverged).toBe(false);
    expect(mixed.step).toBe(50);
    const [plain, bn] = mixed.snapshot(0).frames;
    expect(plain.status.type).toBe('diverged');
    expect(bn.status.type).toBe('training');
    expect(bn.step).toBe(50);
    expect(bn.trainLoss).toBeGreaterThan(0);
    expect(bn.layers).toHaveLength(2);
  });
});

/**
 * PAPER.md's scale-free drift, computed here from its definition: per unit, the mean gap between the
 * sorted values of the two snapshots (Wasserstein-1 for equal sample sizes) over the pooled standard
 * deviation, averaged over units, per 1,000 steps.
 */
/** The shift of shift.ts by hand: per unit, 64 evenly spaced order statistics of each snapshot, their mean |difference|, raw and over the pooled std. */
function shiftByHand(before: Float32Array, after: Float32Array, units: number): { scaled: number; raw: number } {
  let scaled = 0;
  let raw = 0;
  for (let unit = 0; unit < units; unit++) {
    const a = Array.from(unitColumn(before, units, unit)).sort((x, y) => x - y);
    const b = Array.from(unitColumn(after, units, unit)).sort((x, y) => x - y);
    const levels = Math.min(64, a.length);
    const ranks = Array.from({ length: levels }, (_, k) => Math.floor(((k + 0.5) * a.length) / levels));
    const w1 = ranks.reduce((sum, r) => sum + Math.abs(a[r] - b[r]), 0) / levels;
    const variance = (xs: number[]) => {
      const mean = xs.reduce((sum, x) => sum + x, 0) / xs.length;
      return xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / xs.length;
    };
    raw += w1;
    scaled += w1 / Math.max(Math.sqrt((variance(a) + variance(b)) / 2), 1e-3);
  }
  return { scaled: scaled / units, raw: raw / units };
}
