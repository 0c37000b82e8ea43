import { describe, expect, it } from 'vitest';
import { shownStep } from '../../src/store/shownStep.ts';
import type { NetworkHistory, RunHistory } from '../../src/store/types.ts';

const network = (id: NetworkHistory['id'], steps: number[], diverged = false): NetworkHistory => ({
  id, steps, trainLoss: [], testSteps: [], testLoss: [], testAccuracy: [], layers: [], tracked: [],
  status: diverged ? { type: 'diverged', step: steps[steps.length - 1] ?? 0, reason: 'x' } : { type: 'training' },
});
const history = (networks: NetworkHistory[]): RunHistory => ({ runId: 1, bins: { min: -1, max: 1, count: 2 }, hiddenUnits: [4], tracked: { layer: 0, unit: 0 }, networks, version: 1 });

describe('shownStep', () => {
  it('is the latest step every training network has drawn, so the counter never runs ahead of a chart', () => {
    expect(shownStep(history([network('plain', [0, 2373]), network('bn', [0, 2396])]))).toBe(2373);
  });

  it('leaves out a diverged network, and is the furthest step when every network diverged', () => {
    expect(shownStep(history([network('plain', [0, 50], true), network('bn', [0, 900])]))).toBe(900);
    expect(shownStep(history([network('plain', [0, 50], true), network('bn', [0, 80], true)]))).toBe(80);
  });

  it('falls back before any snapshot', () => {
    expect(shownStep(null, 7)).toBe(7);
    expect(shownStep(history([network('plain', []), network('bn', [])]), 3)).toBe(3);
  });
});
