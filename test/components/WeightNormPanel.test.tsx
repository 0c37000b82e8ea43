// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { WEIGHT_NORM_CAPTION, WeightNormPanel } from '../../src/components/WeightNormPanel.tsx';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { NetworkId, RunPoint } from '../../src/experiment/types.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { LayerHistory, NetworkHistory, RunHistory } from '../../src/store/types.ts';
import { attributesFreeOfNaN } from '../charts/fixtures.ts';
import { setStore } from './storeSpies.ts';

const layer = (): LayerHistory => ({ columns: [], mean: [], std: [], drift: [], driftRaw: [], saturation: [] });
const point = (norms: number[], bn: boolean): RunPoint => ({
  trainLoss: 1, trackedUnit: { layer: 1, unit: 0 }, tracked: { p15: 0, p50: 0, p85: 0 }, saturation: [0, 0], drift: [0, 0],
  weightNorm: norms, effectiveStep: norms.map((n) => (bn ? 0.5 / n ** 2 : null)),
});
const network = (id: NetworkId, norms: number[][], bn: boolean): NetworkHistory => ({
  id, steps: [0, 100, 200], trainLoss: [], testSteps: [100, 200, 300], testLoss: [1, 1, 1], testAccuracy: [0.1, 0.2, 0.3],
  testPoints: norms.map((n) => point(n, bn)), layers: [layer(), layer()], tracked: [], status: { type: 'training' },
});

const history: RunHistory = {
  runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [100, 100], tracked: { layer: 1, unit: 0 }, version: 3,
  networks: [
    network('plain', [[2, 1], [1, 1], [0.5, 1]], false),
    network('bn', [[2, 1], [3, 1.5], [4, 2]], true),
  ],
};

const initial = useExperimentStore.getState();
beforeEach(() => setStore({ config: { ...DEFAULT_CONFIG, depth: 2, weightDecay: 0.005 }, history, scrubStep: null }));
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
});

describe('WeightNormPanel', () => {
  it('draws ||W|| for every network and eta / ||W||^2 for BN only, per layer, with the explanation and notes, when the run has weight decay', () => {
    const { container } = render(<WeightNormPanel />);
    expect(container.textContent).toContain(WEIGHT_NORM_CAPTION);
    const norms = screen.getAllByRole('img', { name: /^Norm of the weights feeding hidden layer \d/ });
    const steps = screen.getAllByRole('img', { name: /^Effective step η \/ ‖W‖² of hidden layer \d/ });
    expect([norms.length, steps.length]).toEqual([2, 2]);
    for (const chart of norms) expect([...chart.querySelectorAll('path[data-network]')].map((p) => p.getAttribute('data-network'))).toEqual(['plain', 'bn']);
    for (const chart of steps) expect([...chart.querySelectorAll('path[data-network]')].map((p) => p.getAttribute('data-network'))).toEqual(['bn']);
    expect(container.textContent).toContain('Without BN shrank to 0.25x since step 100: 0.5 at step 300');
    expect(container.textContent).toContain('With BN shrank to 0.25x since step 100: 0.031 at step 300');
    expect(container.querySelector('details')).toBeNull();
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('folds the charts without weight decay, and draws them when opened', () => {
    setStore({ config: { ...DEFAULT_CONFIG, depth: 2, weightDecay: 0 }, history, scrubStep: null });
    const { container } = render(<WeightNormPanel />);
    expect(screen.queryByRole('img')).toBeNull();
    const details = container.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(screen.getAllByRole('img')).toHaveLength(4);
  });
});
