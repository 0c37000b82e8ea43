/** The seeded generator: reproducible, in range, with the right moments. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => rng.next() + rng.normal() + rng.int(7));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const values = Array.from({ length: 100_000 }, () => rng.next());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals with mean 0, variance 1 and 68% within one sigma', () => {
    const rng = createRng(2);
    const values = Array.from({ length: 100_000 }, () => rng.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(values.every(Number.isFinite)).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(values.filter((v) => Math.abs(v) < 1).length / values.length - 0.6827)).toBeLessThan(0.01);
  });

  it('draws integers in [0, n) that hit every value about equally', () => {
    const rng = createRng(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) counts[rng.int(10)]++;
    expect(counts.every((count) => Math.abs(count - 5000) < 300)).toBe(true);
  });
});
