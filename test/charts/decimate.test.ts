import { describe, expect, it } from 'vitest';
import { GAP, decimateBand, decimateIndices } from '../../src/charts/decimate.ts';
import { createRng } from '../../src/engine/rng.ts';

const id = (v: number): number => v;

/** A noisy series of n points over [0, width) px, from a seeded generator. */
function noisy(n: number, width: number, seed: number): { xs: number[]; ys: number[]; x: (v: number) => number } {
  const rng = createRng(seed);
  const xs = Array.from({ length: n }, (_, i) => i * 10);
  const ys = xs.map(() => rng.next() * 100 - 50);
  return { xs, ys, x: (v) => (v / (n * 10)) * width };
}

describe('decimateIndices', () => {
  it('keeps a series no longer than the plot is wide whole, marking undrawable points as gaps', () => {
    expect(decimateIndices([0, 1, 2, 3], [1, null, Number.NaN, 2], id, id, 10)).toEqual([0, GAP, GAP, 3]);
  });

  it('keeps at most about one point per pixel, in step order', () => {
    const { xs, ys, x } = noisy(1024, 300, 7);
    const kept = decimateIndices(xs, ys, x, id, 300);
    expect(kept.length).toBeLessThanOrEqual(300 + 2);
    expect(kept.length).toBeGreaterThan(100);
    for (let k = 1; k < kept.length; k++) expect(kept[k]).toBeGreaterThan(kept[k - 1]);
  });

  it('keeps the lowest and the highest point of every two-pixel bucket (an independent scan)', () => {
    const { xs, ys, x } = noisy(1000, 200, 11);
    const kept = new Set(decimateIndices(xs, ys, x, id, 200));
    const buckets = new Map<number, number[]>();
    xs.forEach((v, i) => {
      const b = Math.floor(x(v) / 2);
      buckets.set(b, [...(buckets.get(b) ?? []), i]);
    });
    for (const members of buckets.values()) {
      const lo = members.reduce((a, b) => (ys[b] < ys[a] ? b : a));
      const hi = members.reduce((a, b) => (ys[b] > ys[a] ? b : a));
      expect(kept.has(lo)).toBe(true);
      expect(kept.has(hi)).toBe(true);
    }
  });

  it('still breaks a long line where values are missing or off a log scale', () => {
    const { xs, ys, x } = noisy(1000, 100, 3);
    const withGaps: (number | null)[] = ys.map((v, i) => (i === 500 ? null : i === 700 ? 0 : Math.abs(v) + 1));
    const kept = decimateIndices(xs, withGaps, x, Math.log10, 100);
    expect(kept.filter((k) => k === GAP)).toHaveLength(2);
    expect(kept).not.toContain(500);
    expect(kept).not.toContain(700);
  });
});

describe('decimateBand', () => {
  it('returns a short band unchanged', () => {
    expect(decimateBand([0, 1], [0, null], [1, 2], id, 10)).toEqual({ xs: [0, 1], lo: [0, null], hi: [1, 2] });
  });

  it('covers every original point with its bucket envelope, in far fewer points', () => {
    const { xs, ys, x } = noisy(1000, 150, 5);
    const lo = ys.map((v) => v - 5);
    const hi = ys.map((v) => v + 5);
    const thin = decimateBand(xs, lo, hi, x, 150);
    expect(thin.xs.length).toBeLessThanOrEqual(152);
    // Every original point lies inside the thin band at the nearest kept step at or before it.
    xs.forEach((s, i) => {
      let k = 0;
      while (k + 1 < thin.xs.length && thin.xs[k + 1] <= s) k++;
      expect(thin.lo[k]).not.toBeNull();
      expect(thin.lo[k] as number).toBeLessThanOrEqual(lo[i]);
      expect(thin.hi[k] as number).toBeGreaterThanOrEqual(hi[i]);
    });
  });

  it('keeps a break where a bound is missing', () => {
    const { xs, ys, x } = noisy(1000, 100, 9);
    const lo: (number | null)[] = ys.map((v, i) => (i === 400 ? null : v - 1));
    const thin = decimateBand(xs, lo, ys, x, 100);
    expect(thin.lo.filter((v) => v === null)).toHaveLength(1);
  });
});
