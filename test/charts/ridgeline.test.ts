import { describe, expect, it } from 'vitest';
import { labelledRidges, nearestRidge, ridgelineLayout, spreadIndices } from '../../src/charts/ridgeline.ts';
import { stepLabel } from '../../src/charts/RidgelineView.tsx';
import type { Ridge } from '../../src/charts/ridgeline.ts';
import { fittedFromFixed } from '../../src/charts/valueRange.ts';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import { BINS, column as fixedColumn } from './fixtures.ts';

/** A fixed-bin column (4 bins over [-8, 8]) as the charts read it. */
const column = (under: number, counts: number[], over: number): FittedHistogram => fittedFromFixed(fixedColumn(under, counts, over), BINS);
const RANGE: [number, number] = [-8, 8];

/** The (x, y) points of an "M..L..Z" path. */
function points(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('spreadIndices', () => {
  it('keeps everything when few, else spreads evenly keeping first and last', () => {
    expect(spreadIndices(3, 5)).toEqual([0, 1, 2]);
    expect(spreadIndices(9, 3)).toEqual([0, 4, 8]);
    expect(spreadIndices(100, 1)).toEqual([99]);
    expect(spreadIndices(0, 4)).toEqual([]);
  });
});

describe('ridgelineLayout', () => {
  const columns = [column(5, [0, 4, 0, 0], 0), column(0, [1, 1, 1, 1], 0)];
  const ridges = ridgelineLayout(columns, [0, 100], RANGE, { width: 40, height: 35, count: 10, overlap: 2.5, bins: 4 });

  it('stacks the oldest ridge at the top and the newest at the bottom edge', () => {
    expect(ridges.map((r) => r.step)).toEqual([0, 100]);
    // spacing = 35 / (1 + 2.5) = 10; baselines at 25 and 35.
    expect(ridges.map((r) => r.baseline)).toEqual([25, 35]);
  });

  it('draws each in-range bin at its centre, scaled to the fullest bin of its own column', () => {
    // Column 0: under 5 (its fullest, off the drawing), bin 1 holds 4 -> rises 4/5 of the 25 px peak.
    const p0 = points(ridges[0].d);
    expect(p0.map(([x]) => x)).toEqual([0, 5, 15, 25, 35, 40]);
    expect(p0[1][1]).toBe(25);
    expect(p0[2][1]).toBeCloseTo(25 - (4 / 5) * 25, 2);
    // Column 1: 1 in each bin: every bin is the fullest and rises the whole peak.
    const p1 = points(ridges[1].d);
    for (const k of [1, 2, 3, 4]) expect(p1[k][1]).toBeCloseTo(35 - 25, 2);
  });

  it('never writes NaN, even for empty columns', () => {
    const r = ridgelineLayout([column(0, [0, 0, 0, 0], 0)], [0], RANGE, { width: 40, height: 30, count: 5, overlap: 2, bins: 4 });
    expect(r).toHaveLength(1);
    expect(r[0].d).not.toMatch(/NaN|Infinity/);
    expect(ridgelineLayout([], [], RANGE, { width: 40, height: 30, count: 5, overlap: 2, bins: 4 })).toEqual([]);
    expect(ridgelineLayout(columns, [0, 1], RANGE, { width: 0, height: 30, count: 5, overlap: 2, bins: 4 })).toEqual([]);
  });

  it('finds the ridge nearest a step', () => {
    expect(nearestRidge(ridges, 70)).toBe(1);
    expect(nearestRidge([], 70)).toBe(-1);
  });
});

describe('ridgeline on a chosen range', () => {
  it('re-bins a narrow snapshot onto the range: a spread of 0.1 shows as a shape, not a spike', () => {
    const narrow: FittedHistogram = { min: -0.05, lo: -0.05, hi: 0.05, max: 0.05, counts: Uint32Array.from([0, 10, 40, 40, 10, 0]) };
    const [ridge] = ridgelineLayout([narrow], [0], [-0.1, 0.1], { width: 80, height: 30, count: 5, overlap: 2, bins: 8 });
    const risen = points(ridge.d).filter(([, y]) => y < ridge.baseline - 0.01);
    expect(risen.length).toBe(4);
  });
});

describe('labelledRidges', () => {
  const at = (baselines: number[]): Ridge[] => baselines.map((baseline, i) => ({ columnIndex: i, step: i * 100, baseline, d: '' }));

  it('labels the first and the last ridge, and those between that stand clear of both neighbours', () => {
    expect(labelledRidges(at([10, 17, 24, 31, 38, 45]), 13)).toEqual([0, 2, 5]);
    expect(labelledRidges(at([10, 40, 70]), 13)).toEqual([0, 1, 2]);
    expect(labelledRidges(at([10]), 13)).toEqual([0]);
    expect(labelledRidges([], 13)).toEqual([]);
  });
});

describe('stepLabel', () => {
  it('writes a ridge\'s step exactly below 10,000 and in three-digit SI above', () => {
    expect(stepLabel(2087)).toBe('2,087');
    expect(stepLabel(0)).toBe('0');
    expect(stepLabel(12_345)).toBe('12.3k');
    expect(stepLabel(1_234_567)).toBe('1.23M');
  });
});
