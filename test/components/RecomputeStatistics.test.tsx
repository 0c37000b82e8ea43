// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BatchPanel } from '../../src/components/BatchPanel.tsx';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { setCommandSink } from '../../src/store/outbox.ts';
import { takeRecomputed, useRecomputeStore } from '../../src/store/recompute.ts';
import type { NetworkHistory, RunHistory } from '../../src/store/types.ts';
import type { Command } from '../../src/worker/protocol.ts';
import { resetPageControls } from '../../src/url/pageControls.ts';
import { setStore } from './storeSpies.ts';

const network = (id: NetworkId): NetworkHistory => ({
  id, steps: [0], trainLoss: [null], testSteps: [], testLoss: [], testAccuracy: [], layers: [], tracked: [], status: { type: 'training' },
});
const history = (ids: NetworkId[]): RunHistory => ({
  runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [100, 100, 100], tracked: { layer: 2, unit: 0 }, version: 1, networks: ids.map(network),
});

const initial = useExperimentStore.getState();
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
  useRecomputeStore.setState({ pending: false, last: null });
  setCommandSink(null);
  window.history.replaceState(null, '', '/');
  resetPageControls();
});

describe('Recompute precise statistics, under the batch panel', () => {
  it('before the first step: sends the command once, waits, then shows the answer', async () => {
    const sent: Command[] = [];
    setCommandSink((command) => sent.push(command));
    setStore({ config: DEFAULT_CONFIG, history: history(['plain', 'bn']), runState: 'paused' });
    render(<BatchPanel />);
    const button = await screen.findByRole('button', { name: 'Recompute precise statistics' });
    fireEvent.click(button);
    expect(sent).toEqual([{ type: 'recomputeStatistics' }]);
    expect(screen.getByRole('button', { name: 'Recomputing…' })).toBeDisabled();
    act(() => {
      takeRecomputed([{ id: 'bn', step: 0, examples: 8000, layers: 3, accuracyBefore: 0.1, accuracyAfter: 0.108 }]);
    });
    expect(screen.getByRole('button', { name: 'Recompute precise statistics' })).toBeEnabled();
    expect(screen.getByRole('status').textContent).toMatch(/^Recomputed the BN running mean and variance over 8,000 training examples at step 0 \(precise BN\)\. .*with BN 10\.0% → 10\.8%/);
  });

  it('is disabled while the run loads, and absent without a BN network or on a classroom link without the lab', async () => {
    setStore({ config: DEFAULT_CONFIG, history: history(['plain', 'bn']), runState: 'loading' });
    const { unmount } = render(<BatchPanel />);
    expect(await screen.findByRole('button', { name: 'Recompute precise statistics' })).toBeDisabled();
    unmount();
    setStore({ history: history(['plain']), runState: 'paused' });
    const plain = render(<BatchPanel />);
    expect(screen.queryByRole('button', { name: /Recompute/ })).toBeNull();
    plain.unmount();
    window.history.replaceState(null, '', '/?controls=play,reset');
    resetPageControls();
    setStore({ history: history(['plain', 'bn']), runState: 'paused' });
    render(<BatchPanel />);
    await act(async () => { await new Promise((resolve) => setTimeout(resolve, 20)); });
    expect(screen.queryByRole('button', { name: /Recompute/ })).toBeNull();
  });
});
