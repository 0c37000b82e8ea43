import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedByUnit } from '../../src/experiment/metrics.ts';
import { createRng } from '../../src/engine/rng.ts';
import { layerShift, SHIFT_REFERENCE_SPACING, SHIFT_WARMUP_STEPS, SHIFT_WINDOW_STEPS, ShiftWindow, summarizeSorted } from '../../src/experiment/shift.ts';

/** A [n x units] row-major matrix as the probe returns it, summarised as the session does. */
const summary = (values: number[], units: number) => summarizeSorted(sortedByUnit(Float32Array.from(values), units), units);

/** n standard normal draws. */
function normals(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.normal());
}

/** The exact 1-D Wasserstein-1 distance between two equal-size samples. */
function exactW1(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.reduce((sum, v, i) => sum + Math.abs(v - y[i]), 0) / x.length;
}

describe('layerShift', () => {
  it('is 0 between a snapshot and itself', () => {
    const s = summary(normals(512, 1), 2);
    expect(layerShift(s, s)).toEqual({ scaled: 0, raw: 0 });
  });

  it('reads a translation by c as |c| raw, and as c over the spread scale-free, whatever the scale', () => {
    fc.assert(fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(0.01, 1, 40), (c, a) => {
      const base = normals(256, 7).map((x) => a * x);
      const before = summary(base, 1);
      const after = summary(base.map((x) => x + a * c), 1);
      const shift = layerShift(before, after);
      const std = Math.sqrt(before.variance[0]);
      expect(shift.raw).toBeCloseTo(Math.abs(a * c), 3);
      expect(shift.scaled).toBeCloseTo(Math.abs(a * c) / std, 3);
    }));
  });

  it('estimates the exact Wasserstein-1 distance of 256 values from 64 quantiles within 5%', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = normals(256, seed);
      const b = normals(256, seed + 100).map((x) => 1.5 * x + 0.3 * (seed % 5));
      const estimate = layerShift(summary(a, 1), summary(b, 1)).raw;
      expect(Math.abs(estimate - exactW1(a, b)) / exactW1(a, b)).toBeLessThan(0.05);
    }
  });

  it('averages over units and refuses summaries of different layers', () => {
    // Unit 0 moves by 2, unit 1 not at all: the raw mean is 1.
    const base = normals(128, 3);
    const rows = (shift: number) => base.flatMap((x) => [x + shift, x]);
    expect(layerShift(summary(rows(0), 2), summary(rows(2), 2)).raw).toBeCloseTo(1, 5);
    expect(() => layerShift(summary(rows(0), 2), summary(base, 1))).toThrow(/2 x 64 quantiles before, 1 x 64 after/);
  });
});

describe('ShiftWindow', () => {
  /** Feeds snapshots every `gap` steps up to `until` of a unit whose mean is drift(step) plus fresh noise of std `jitter`; returns the last measurement and the window. */
  function run(gap: number, until: number, drift: (step: number) => number, jitter: number, seed = 5) {
    const window = new ShiftWindow();
    const shape = normals(256, 99);
    const rng = createRng(seed);
    let last = { scaled: 0, raw: 0 };
    for (let step = 0; step <= until; step += gap) {
      const offset = drift(step) + jitter * rng.normal();
      [last] = window.measure(step, [summary(shape.map((x) => x + offset), 1)]);
    }
    return { last, window };
  }

  it('reads 0 before SHIFT_WARMUP_STEPS, then the shift since the first snapshot after it until a window has passed', () => {
    const window = new ShiftWindow();
    const base = normals(256, 4);
    const at = (offset: number) => [summary(base.map((x) => x + offset), 1)];
    // BN's running averages warm up over the first steps: no reference there, and a shift of 0.
    expect(window.measure(0, at(5))[0]).toEqual({ scaled: 0, raw: 0 });
    expect(window.measure(SHIFT_WARMUP_STEPS - 1, at(3))[0]).toEqual({ scaled: 0, raw: 0 });
    expect(window.measure(SHIFT_WARMUP_STEPS, at(0))[0]).toEqual({ scaled: 0, raw: 0 });
    expect(window.measure(400, at(0.5))[0].raw).toBeCloseTo(0.5, 5);
    expect(window.measure(800, at(0.8))[0].raw).toBeCloseTo(0.8, 5);
    expect(window.referenceStep(800)).toBe(SHIFT_WARMUP_STEPS);
  });

  it('measures a steady drift over the same window whatever the snapshots\' spacing', () => {
    // The mean moves by 1 per 1,000 steps: over the window, by 1 (plus at most the reference spacing and a gap), in units of the sample's spread.
    const rate = (step: number) => step / 1000;
    const spread = Math.sqrt(summary(normals(256, 99), 1).variance[0]);
    for (const gap of [7, 20, 50, 130]) {
      const { last } = run(gap, 5_000, rate, 0);
      expect(last.raw).toBeGreaterThanOrEqual(1 - 1e-5);
      expect(last.raw).toBeLessThanOrEqual(1 + (SHIFT_REFERENCE_SPACING + gap) / SHIFT_WINDOW_STEPS + 1e-5);
      expect(last.scaled).toBeCloseTo(last.raw / spread, 5);
    }
  });

  it('does not read noise as a faster shift when snapshots come more often (a per-gap rate would, by 20x here)', () => {
    const still = () => 0;
    const dense = run(10, 6_000, still, 0.2).last.scaled;
    const sparse = run(200, 6_000, still, 0.2).last.scaled;
    expect(dense).toBeGreaterThan(0);
    expect(sparse).toBeGreaterThan(0);
    // Each is |jitter now - jitter then| for one draw: compare their averages over seeds.
    const mean = (gap: number) => Array.from({ length: 30 }, (_, s) => run(gap, 3_000, still, 0.2, s + 1).last.scaled).reduce((a, b) => a + b) / 30;
    const ratio = mean(10) / mean(200);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('keeps about one window of references, SHIFT_REFERENCE_SPACING apart, and the newest one a window old', () => {
    const { window } = run(3, 20_000, (step) => step / 1000, 0);
    expect(window.referenceCount).toBeLessThanOrEqual(SHIFT_WINDOW_STEPS / SHIFT_REFERENCE_SPACING + 2);
    const reference = window.referenceStep(20_001) ?? -1;
    expect(20_001 - reference).toBeGreaterThanOrEqual(SHIFT_WINDOW_STEPS);
    expect(20_001 - reference).toBeLessThanOrEqual(SHIFT_WINDOW_STEPS + SHIFT_REFERENCE_SPACING + 3);
  });

  it('forgets its references when cleared', () => {
    const { window } = run(50, 2_000, () => 0, 0);
    window.clear();
    expect(window.referenceCount).toBe(0);
    expect(window.referenceStep(3_000)).toBeNull();
  });
});
