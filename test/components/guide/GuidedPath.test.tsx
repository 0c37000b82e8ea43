// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GuidedPath } from '../../../src/components/guide/GuidedPath.tsx';
import { readGuideStep } from '../../../src/components/guide/guideUrl.ts';
import { GUIDE_STEPS } from '../../../src/components/guide/steps.ts';
import { PASS_THROUGH_PARAMS } from '../../../src/url/codec.ts';
import { useExperimentStore } from '../../../src/store/index.ts';
import { useLabStore } from '../../../src/store/lab.ts';
import { configForPreset } from '../../../src/experiment/presets.ts';
import { setStore } from '../storeSpies.ts';
import type { NetworkId } from '../../../src/experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../../../src/store/types.ts';

/** A run whose networks were tested at `steps` with the given accuracies. */
function run(steps: number[], accuracy: Record<'plain' | 'bn', number[]>): RunHistory {
  const network = (id: NetworkId): NetworkHistory => ({
    id, steps, trainLoss: steps.map(() => 1), testSteps: steps, testLoss: steps.map(() => 1), testAccuracy: accuracy[id as 'plain' | 'bn'],
    layers: [], tracked: [], status: { type: 'training' },
  });
  return { runId: 1, bins: { min: -8, max: 8, count: 64 }, hiddenUnits: [100, 100, 100], tracked: { layer: 2, unit: 0 }, version: steps.length, networks: [network('plain'), network('bn')] };
}

/** A page element the tour can point at. */
function target(name: string): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute('data-tour-target', name);
  document.body.append(element);
  return element;
}

beforeEach(() => {
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  useLabStore.setState(useLabStore.getInitialState(), true);
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  for (const element of document.querySelectorAll('[data-tour-target]')) element.remove();
});

describe('the guide\'s place in the link', () => {
  it('reads guide=N as step N (1-based), and nothing else', () => {
    expect(readGuideStep('?guide=3', 8)).toBe(2);
    expect(readGuideStep('?preset=spiral&guide=1', 8)).toBe(0);
    for (const bad of ['', '?guide=0', '?guide=9', '?guide=-1', '?guide=2.5', '?guide=abc', '?guide=']) expect(readGuideStep(bad, 8), bad).toBeNull();
    expect(PASS_THROUGH_PARAMS).toContain('guide');
  });
});

describe('GuidedPath', () => {
  it('names a guide value that is not a step in the link\'s notice, stays closed, and takes it out of the link with commas kept', () => {
    setStore({ presetId: 'spiral' });
    window.history.replaceState(null, '', '/?embed=0&controls=play,reset&guide=999');
    render(<GuidedPath />);
    expect(screen.getByRole('button', { name: 'Start the tour' })).toBeTruthy();
    expect(useExperimentStore.getState().notices.flatMap((n) => n.items ?? [])).toEqual([`guide must be a tour step from 1 to ${GUIDE_STEPS.length} (got "999"); the tour is not opened`]);
    expect(window.location.search).toBe('?embed=0&controls=play,reset');
  });

  it('starts closed; Start sets up step 1, Next sets up each next step\'s preset and keeps the step in the link', () => {
    const actions = setStore({ presetId: 'spiral' });
    render(<GuidedPath />);
    expect(screen.queryByText(/Step 1 of/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start the tour' }));
    expect(screen.getByText(`Step 1 of ${GUIDE_STEPS.length}`)).toBeTruthy();
    expect(screen.getByRole('heading', { name: GUIDE_STEPS[0].title })).toBeTruthy();
    expect(actions.applyPreset).toHaveBeenLastCalledWith(GUIDE_STEPS[0].preset);
    expect(new URL(window.location.href).searchParams.get('guide')).toBe('1');
    for (let i = 1; i < GUIDE_STEPS.length; i++) {
      // The store follows the preset applied (the spy does not), so a step that reuses the run keeps it.
      useExperimentStore.setState({ presetId: GUIDE_STEPS[i - 1].preset });
      const before = vi.mocked(actions.applyPreset).mock.calls.length;
      fireEvent.click(screen.getByRole('button', { name: 'Next' }));
      expect(screen.getByRole('heading', { name: GUIDE_STEPS[i].title })).toBeTruthy();
      const applied = vi.mocked(actions.applyPreset).mock.calls.length - before;
      expect(applied, GUIDE_STEPS[i].title).toBe(GUIDE_STEPS[i].preset === GUIDE_STEPS[i - 1].preset ? 0 : 1);
      expect(new URL(window.location.href).searchParams.get('guide')).toBe(String(i + 1));
    }
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Restart it' }));
    expect(actions.applyPreset).toHaveBeenLastCalledWith(GUIDE_STEPS.at(-1)!.preset);
    // A step with a lab job opened it in the lab.
    expect(useLabStore.getState().jobId).toBe(GUIDE_STEPS.at(-1)!.lab!.job);
    expect(useLabStore.getState().open).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Close tour' }));
    expect(new URL(window.location.href).searchParams.has('guide')).toBe(false);
    expect(screen.getByRole('button', { name: 'Start the tour' })).toBeTruthy();
  });

  it('opens at the step a link names, without restarting the run the link describes', () => {
    const actions = setStore({ presetId: 'noisy-bn' });
    window.history.replaceState(null, '', '/?preset=noisy-bn&guide=7');
    render(<GuidedPath />);
    expect(screen.getByRole('heading', { name: GUIDE_STEPS[6].title })).toBeTruthy();
    expect(actions.applyPreset).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('heading', { name: GUIDE_STEPS[5].title })).toBeTruthy();
    expect(actions.applyPreset).toHaveBeenCalledWith(GUIDE_STEPS[5].preset);
  });

  it('points at the step\'s chart, veils it until the student predicts, then lets the run answer', async () => {
    const chart = target('fig1-accuracy');
    setStore({ presetId: 'paper-fig1', history: run([0, 500], { plain: [0.1, 0.1], bn: [0.1, 0.8] }) });
    window.history.replaceState(null, '', '/?guide=2');
    render(<GuidedPath />);
    await waitFor(() => expect(chart.getAttribute('data-tour-focus')).toBe('true'));
    expect(chart.getAttribute('data-tour-veil')).toBe('true');
    expect(screen.queryByText('Look at:')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Without BN' }));
    await waitFor(() => expect(chart.hasAttribute('data-tour-veil')).toBe(false));
    expect(screen.getByRole('button', { name: 'Without BN' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByRole('button', { name: 'With BN, by 50 points or more' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Look at:')).toBeTruthy();
    expect(screen.getByTestId('guide-reveal').textContent).toBe('The run answers at step 1,000; it is at step 500.');
    // The run reaches step 1,000: it answers from its own figures.
    act(() => useExperimentStore.setState({ history: run([0, 500, 1000], { plain: [0.1, 0.1, 0.12], bn: [0.1, 0.8, 0.9] }) }));
    await waitFor(() => expect(screen.getByTestId('guide-reveal').getAttribute('data-reveal')).toBe('disagrees'));
    expect(screen.getByTestId('guide-reveal').textContent).toContain('In this run, the BN network\'s lead over the plain one at step 1,000 is +78 points: "With BN, by 50 points or more".');
    expect(screen.getByTestId('guide-reveal').textContent).toContain('You predicted "Without BN": the run disagrees.');
    fireEvent.click(screen.getByRole('button', { name: 'Close tour' }));
    expect(chart.hasAttribute('data-tour-focus')).toBe(false);
  });

  it('runs the step\'s lab job from Run this and points at the result when it arrives', async () => {
    const saturation = target('saturation-last');
    const result = target('lab-result');
    setStore({ presetId: 'bad-init' });
    const run = vi.fn();
    useLabStore.setState({ actions: { ...useLabStore.getState().actions, run } });
    window.history.replaceState(null, '', '/?preset=bad-init&guide=5');
    render(<GuidedPath />);
    await waitFor(() => expect(saturation.getAttribute('data-tour-focus')).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: 'Run this' }));
    // The jobs' code loads on demand (a dynamic import), so this can take a moment.
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(run.mock.calls[0][0]).toMatchObject({ jobId: 'scale-invariance' });
    act(() => useLabStore.setState({ status: { type: 'done' }, outcome: { jobId: 'scale-invariance', params: {}, encoded: {}, config: useExperimentStore.getState().config, result: {} } }));
    await waitFor(() => expect(result.getAttribute('data-tour-focus')).toBe('true'));
    expect(saturation.hasAttribute('data-tour-focus')).toBe(false);
  });

  it('says when the student changed a setting the prediction\'s claim was written without', async () => {
    target('fig1-accuracy');
    setStore({ presetId: 'paper-fig1', config: { ...configForPreset('paper-fig1'), learningRate: 2 }, history: run([0, 1000], { plain: [0.1, 0.5], bn: [0.1, 0.9] }) });
    window.history.replaceState(null, '', '/?guide=2');
    render(<GuidedPath />);
    fireEvent.click(screen.getByRole('button', { name: 'With BN, by 50 points or more' }));
    await waitFor(() => expect(screen.getByTestId('guide-reveal').getAttribute('data-reveal')).toBe('disagrees'));
    const text = screen.getByTestId('guide-reveal').textContent;
    expect(text).toContain('is +40 points: "With BN, by less than 50 points"');
    expect(text).toContain('The 2015 paper expects "With BN, by 50 points or more": this run disagrees.');
    expect(text).toContain('You changed Learning rate: the claim was written for the preset as it is');
  });
});
