import { describe, expect, it } from 'vitest';
import { columnIndexAt, markedStep, stepDomain } from '../../src/charts/timeAxis.ts';
import { makeHistory, makeNetwork } from './fixtures.ts';

describe('stepDomain', () => {
  it('runs from 0 to the latest step of any network', () => {
    const h = makeHistory([makeNetwork('plain', [0, 100, 200]), makeNetwork('bn', [0, 100, 300])]);
    expect(stepDomain(h)).toEqual([0, 300]);
  });

  it('is never empty, even with no history', () => {
    expect(stepDomain(null)).toEqual([0, 1]);
    expect(stepDomain(makeHistory([makeNetwork('bn', [])]))).toEqual([0, 1]);
  });
});

describe('columnIndexAt', () => {
  const steps = [0, 100, 200, 400];
  it('finds the latest snapshot at or before the step', () => {
    expect(columnIndexAt(steps, 0)).toBe(0);
    expect(columnIndexAt(steps, 199)).toBe(1);
    expect(columnIndexAt(steps, 200)).toBe(2);
    expect(columnIndexAt(steps, 10_000)).toBe(3);
  });

  it('clamps to the first snapshot before the start and answers -1 with none', () => {
    expect(columnIndexAt([50, 60], 10)).toBe(0);
    expect(columnIndexAt([], 10)).toBe(-1);
  });
});

describe('markedStep', () => {
  it('follows the live step unless a step is scrubbed', () => {
    const h = makeHistory([makeNetwork('bn', [0, 500])]);
    expect(markedStep(h, null)).toBe(500);
    expect(markedStep(h, 120)).toBe(120);
  });
});
