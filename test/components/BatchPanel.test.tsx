// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { BatchPanel, batchAbsence } from '../../src/components/BatchPanel.tsx';
import type { BatchPanelState } from '../../src/components/BatchPanel.tsx';
import type { BatchSample } from '../../src/experiment/batchSample.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { NetworkId, NetworkStatus } from '../../src/experiment/types.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { NetworkHistory, RunHistory } from '../../src/store/types.ts';
import { attributesFreeOfNaN } from '../charts/fixtures.ts';
import { setStore } from './storeSpies.ts';

/** 60 inputs spread around -0.4, as the engine would report them with their own statistics. */
function sample(step: number, m = 60): BatchSample {
  const x = Float32Array.from({ length: m }, (_, i) => -0.4 + 1.9 * Math.sin(i * 1.7));
  const mean = x.reduce((a, b) => a + b, 0) / m;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / m;
  return { network: 'bn', step, layer: 2, unit: 0, x, mean, variance, gamma: 1.2, beta: 0.3, runningMean: -0.35, runningVar: 3.4, epsilon: 1e-5 };
}

const network = (id: NetworkId, status: NetworkStatus = { type: 'training' }): NetworkHistory => ({
  id, steps: [1234], trainLoss: [1], testSteps: [], testLoss: [], testAccuracy: [], layers: [], tracked: [], status,
});

const history = (batch: BatchSample | undefined, networks = [network('plain'), network('bn')]): RunHistory => ({
  runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [100, 100, 100], tracked: { layer: 2, unit: 0 }, version: 3, networks,
  ...(batch ? { batch } : {}),
});

const initial = useExperimentStore.getState();
beforeEach(() => setStore({ config: DEFAULT_CONFIG, history: history(sample(1234)), scrubStep: null }));
afterEach(() => {
  cleanup();
  act(() => useExperimentStore.setState(initial, true));
});

describe('BatchPanel', () => {
  it('draws the batch as a picture named after the unit, the mini-batch and its step', () => {
    const { container } = render(<BatchPanel />);
    const picture = screen.getByRole('img', { name: /^Batch normalisation of unit 0, layer 3, on the mini-batch of step 1,234: 60 examples, mean -0\.\d+, std 1\.\d+/ });
    // One dot per example on each of the three lines, and a link per example between lines.
    for (const stage of ['x', 'xHat', 'y']) expect(picture.querySelectorAll(`[data-stage="${stage}"] circle`)).toHaveLength(60);
    expect(picture.querySelectorAll('.batch-links line')).toHaveLength(120);
    expect(attributesFreeOfNaN(container)).toBe(true);
    const text = container.textContent ?? '';
    expect(text).toContain('γ = 1.2, β = 0.3');
    expect(text).toContain('E[x] = -0.35');
    expect(text).toContain('Now mean 0.00, std 1.00');
    expect(text).toContain('y goes into the sigmoid');
  });

  it('draws at most 64 dots of a big batch and says so', () => {
    setStore({ history: history(sample(10, 500)) });
    const { container } = render(<BatchPanel />);
    const picture = screen.getByRole('img', { name: /500 examples/ });
    expect(picture.querySelectorAll('[data-stage="x"] circle')).toHaveLength(64);
    expect(container.textContent).toContain('64 of the 500 examples are drawn');
  });

  it('says the batch is the latest while the scrubber looks at an earlier step', () => {
    setStore({ scrubStep: 800 });
    render(<BatchPanel />);
    expect(screen.getByText(/The time scrubber is at step 800; this is the latest mini-batch \(step 1,234\)/)).toBeInTheDocument();
  });

  it('says why there is no picture: no BN network, a diverged one, or no step yet', () => {
    setStore({ history: history(undefined, [network('plain')]) });
    render(<BatchPanel />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/no network with BN/)).toBeInTheDocument();
    cleanup();
    setStore({ history: history(sample(5), [network('plain'), network('bn', { type: 'diverged', step: 5, reason: 'training loss became NaN at step 5' })]) });
    render(<BatchPanel />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/diverged \(training loss became NaN at step 5\)/)).toBeInTheDocument();
  });

  it('explains each absence in one sentence', () => {
    const base: BatchPanelState = { loaded: true, hasBn: true, diverged: null, batch: sample(3), tracked: { layer: 2, unit: 0 } };
    expect(batchAbsence(base)).toBeNull();
    expect(batchAbsence({ ...base, loaded: false })).toMatch(/once the run starts/);
    expect(batchAbsence({ ...base, batch: null })).toMatch(/after the first training step/);
    expect(batchAbsence({ ...base, tracked: { layer: 0, unit: 7 } })).toMatch(/Now following unit 7 of layer 1/);
  });
});
