// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { NOT_SATURATING, SATURATION_CAPTION, SaturationPanel, saturationSeries } from '../../src/components/SaturationPanel.tsx';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { LayerHistory, NetworkHistory, RunHistory } from '../../src/store/types.ts';
import { attributesFreeOfNaN } from '../charts/fixtures.ts';
import { setStore } from './storeSpies.ts';

const layer = (saturation: number[]): LayerHistory => ({ columns: [], mean: [], std: [], drift: [], driftRaw: [], saturation });
const network = (id: NetworkId, saturation: number[][]): NetworkHistory => ({
  id, steps: [0, 100, 200], trainLoss: [], testSteps: [], testLoss: [], testAccuracy: [], layers: saturation.map(layer), tracked: [], status: { type: 'training' },
});

/** Three hidden layers, three networks; one NaN among the plain network's values. */
const history: RunHistory = {
  runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [100, 100, 100], tracked: { layer: 2, unit: 0 }, version: 3,
  networks: [
    network('plain', [[0, 0.2, 0.5], [0, 0.4, Number.NaN], [0, 0.6, 0.9]]),
    network('bn', [[0, 0, 0.01], [0, 0.01, 0.02], [0, 0.02, 0.03]]),
    network('noisy', [[0, 0.05, 0.05], [0, 0.05, 0.05], [0, 0.05, 0.05]]),
  ],
};

const initial = useExperimentStore.getState();
beforeEach(() => setStore({ config: { ...DEFAULT_CONFIG, depth: 3 }, history, scrubStep: null }));
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
});

describe('SaturationPanel', () => {
  it('draws one chart per hidden layer with a line per network and a caption about the deep sigmoid preset', () => {
    const { container } = render(<SaturationPanel />);
    const charts = screen.getAllByRole('img', { name: /Saturation of hidden layer \d over training/ });
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect([...chart.querySelectorAll('path[data-network]')].map((p) => p.getAttribute('data-network'))).toEqual(['plain', 'bn', 'noisy']);
    expect(screen.getByText(SATURATION_CAPTION)).toBeInTheDocument();
    expect(SATURATION_CAPTION).toMatch(/"Deep sigmoid" the plain network barely leaves chance although its sigmoids are not saturated/);
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toBe('Without BNWith BNBN + noise');
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('turns a non-finite saturation into a gap', () => {
    expect(saturationSeries(history, 1)[0].ys).toEqual([0, 0.4, null]);
    expect(saturationSeries(null, 0)).toEqual([]);
  });

  it('explains instead of drawing for relu and linear', () => {
    for (const activation of ['relu', 'linear'] as const) {
      setStore({ config: { ...DEFAULT_CONFIG, activation }, history });
      render(<SaturationPanel />);
      expect(screen.getByText(NOT_SATURATING)).toBeInTheDocument();
      expect(screen.queryByRole('img')).toBeNull();
      cleanup();
    }
  });

  it('follows new snapshots of the store', async () => {
    setStore({ config: DEFAULT_CONFIG, history: null });
    render(<SaturationPanel />);
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    act(() => useExperimentStore.setState({ history }));
    expect(await screen.findAllByRole('img', { name: /Saturation of hidden layer/ })).toHaveLength(3);
  });

  it('redraws each chart from its own subscription when a snapshot of the same shape arrives', async () => {
    const { container } = render(<SaturationPanel />);
    const line = () => container.querySelector('path[data-network="bn"]')?.getAttribute('d');
    await screen.findAllByRole('img', { name: /Saturation of hidden layer/ });
    const before = line();
    expect(before).toBeTruthy();
    const later: RunHistory = { ...history, version: 4, networks: history.networks.map((n) => n.id === 'bn' ? network('bn', [[0, 0.5, 0.9], [0, 0, 0], [0, 0, 0]]) : n) };
    act(() => useExperimentStore.setState({ history: later }));
    await vi.waitFor(() => expect(line()).not.toBe(before));
    expect(screen.getAllByRole('img', { name: /Saturation of hidden layer/ })).toHaveLength(3);
  });
});

describe('saturationDomain', () => {
  it('shares one range over every layer and network: 110% of the largest finite value, between 5% and 100%', async () => {
    const { saturationDomain } = await import('../../src/components/SaturationPanel.tsx');
    expect(saturationDomain(history)[1]).toBeCloseTo(0.99, 10);
    expect(saturationDomain(null)).toEqual([0, 0.05]);
    const full = { ...history, networks: [network('plain', [[1, 1, 1]])] };
    expect(saturationDomain(full)).toEqual([0, 1]);
  });
});
