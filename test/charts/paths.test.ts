import { describe, expect, it } from 'vitest';
import { bandPath, linePath } from '../../src/charts/paths.ts';

const id = (v: number): number => v;

describe('linePath', () => {
  it('draws through every finite point at the scaled positions', () => {
    expect(linePath([0, 1, 2], [5, 6, 7], (v) => v * 10, (v) => 100 - v)).toBe('M0,95L10,94L20,93');
  });

  it('breaks the line at null, NaN and infinite values instead of writing NaN', () => {
    const d = linePath([0, 1, 2, 3, 4], [1, null, Number.NaN, Infinity, 2], id, id);
    expect(d).toBe('M0,1ZM4,2Z');
    expect(d).not.toMatch(/NaN|Infinity/);
  });

  it('skips points whose scaled position is not finite (log scale of zero)', () => {
    const d = linePath([1, 2, 3], [0, 1, 10], id, Math.log10);
    expect(d).toBe('M2,0L3,1');
  });

  it('returns an empty string when nothing is drawable', () => {
    expect(linePath([], [], id, id)).toBe('');
    expect(linePath([0, 1], [null, null], id, id)).toBe('');
  });
});

describe('bandPath', () => {
  it('fills between the low and the high values', () => {
    expect(bandPath([0, 1], [0, 1], [2, 3], id, id)).toBe('M0,2L1,3L1,1L0,0Z');
  });

  it('leaves a gap where either bound is missing', () => {
    const d = bandPath([0, 1, 2, 3], [0, null, 0, 0], [1, 1, 1, 1], id, id);
    expect(d).not.toMatch(/NaN/);
    expect(d.match(/M/g)).toHaveLength(2);
  });
});
