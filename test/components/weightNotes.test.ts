import { describe, expect, it } from 'vitest';
import { formatWeightFigure, weightNote, weightSeries } from '../../src/components/weightNotes.ts';
import type { RunPoint } from '../../src/experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../../src/store/types.ts';

/** A run point with the given first-layer weight norm and effective step (null: no BN after the layer). */
const point = (norm: number, step: number | null): RunPoint => ({
  trainLoss: 1, trackedUnit: { layer: 0, unit: 0 }, tracked: { p15: 0, p50: 0, p85: 0 }, saturation: [0], drift: [0],
  weightNorm: [norm], effectiveStep: [step],
});

function network(id: NetworkHistory['id'], points: (RunPoint | null)[]): NetworkHistory {
  return {
    id, steps: [], trainLoss: [], testSteps: points.map((_, i) => (i + 1) * 500), testLoss: points.map(() => 1),
    testAccuracy: points.map(() => 0.5), testPoints: points, layers: [], tracked: [], status: { type: 'training' },
  };
}

const historyOf = (networks: NetworkHistory[]): RunHistory =>
  ({ runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [10], tracked: { layer: 0, unit: 0 }, networks, version: 1 });

describe('the weight-norm charts\' series and notes', () => {
  // BN's norm grows 2 -> 3, plain's shrinks 2 -> 0.4; only BN has an effective step, eta / ||W||^2 with eta 0.5.
  const history = historyOf([
    network('plain', [point(2, null), point(1, null), point(0.4, null)]),
    network('bn', [point(2, 0.125), point(2.5, 0.08), point(3, 0.5 / 9)]),
  ]);

  it('draws each network\'s ||W|| and only the BN network\'s effective step, at the test evaluations', () => {
    expect(weightSeries(history, 0, 'weightNorm').map((s) => [s.id, s.ys])).toEqual([['plain', [2, 1, 0.4]], ['bn', [2, 2.5, 3]]]);
    expect(weightSeries(history, 0, 'effectiveStep').map((s) => s.id)).toEqual(['bn']);
    expect(weightSeries(history, 0, 'weightNorm')[0].xs).toEqual([500, 1000, 1500]);
  });

  it('names the network whose figure moved most since its first evaluation, at the marked step', () => {
    expect(weightNote(history, 0, 'weightNorm', null)).toMatchObject({ text: 'Without BN shrank to 0.2x since step 500: 0.4 at step 1,500', network: 'plain' });
    expect(weightNote(history, 0, 'weightNorm', 1000)).toMatchObject({ text: 'Without BN shrank to 0.5x since step 500: 1 at step 1,000', network: 'plain' });
    expect(weightNote(history, 0, 'weightNorm', null)?.detail).toContain('With BN: ‖W‖ 2 at step 500, 3 at step 1,500 (grew 1.5x)');
    expect(weightNote(history, 0, 'effectiveStep', null)).toMatchObject({ text: 'With BN shrank to 0.44x since step 500: 0.056 at step 1,500', network: 'bn' });
    // Nothing moved: each network's figure, not a change that did not happen.
    const flat = historyOf([network('plain', [point(2, null), point(2.08, null)]), network('bn', [point(1, 0.5), point(1.02, 0.48)])]);
    expect(weightNote(flat, 0, 'weightNorm', null)?.text).toBe('Without BN 2.1, With BN 1 at step 1,000');
  });

  it('says when no network has BN right after the layer, and nothing before the first evaluation', () => {
    const plainOnly = historyOf([network('plain', [point(2, null)])]);
    expect(weightNote(plainOnly, 0, 'effectiveStep', null)?.text).toBe('No BN right after this layer');
    expect(weightNote(historyOf([network('bn', [null])]), 0, 'effectiveStep', null)).toBeNull();
    expect(weightNote(null, 0, 'weightNorm', null)).toBeNull();
  });

  it('writes figures with two significant digits and no exponent', () => {
    expect([0, 0.00005, 0.0403, 8.31, 12.79, 1234].map(formatWeightFigure)).toEqual(['0', '< 0.0001', '0.04', '8.3', '13', '1200']);
  });
});
