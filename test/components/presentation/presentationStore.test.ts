// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from '@testing-library/react';
import {
  hrefWithPresent, NARRATION_CHUNK, NARRATION_INTERVAL_MS, presentFromSearch, usePresentationStore,
} from '../../../src/components/presentation/presentationStore.ts';
import { useExperimentStore } from '../../../src/store/index.ts';
import { makeHistory, makeNetwork } from '../../charts/fixtures.ts';
import { setStore } from '../storeSpies.ts';

function history(steps: number[]) {
  return makeHistory([makeNetwork('plain', steps), makeNetwork('bn', steps)]);
}

beforeEach(() => {
  vi.useFakeTimers();
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  usePresentationStore.setState(usePresentationStore.getInitialState(), true);
});
afterEach(() => {
  act(() => usePresentationStore.getState().actions.stopNarration(false));
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});

describe('the present URL parameter', () => {
  it('reads 1 and true as on, anything else as off', () => {
    expect(presentFromSearch('?present=1')).toBe(true);
    expect(presentFromSearch('?preset=spiral&present=true')).toBe(true);
    expect(presentFromSearch('?present=0')).toBe(false);
    expect(presentFromSearch('?preset=spiral')).toBe(false);
  });

  it('is set and removed with every other parameter kept', () => {
    expect(hrefWithPresent('http://h/app/?preset=lr-x30&batchSize=32#x', true)).toBe('http://h/app/?preset=lr-x30&batchSize=32&present=1#x');
    expect(hrefWithPresent('http://h/app/?present=1&preset=lr-x30', false)).toBe('http://h/app/?preset=lr-x30');
  });

  it('follows presentation mode in the address bar', () => {
    window.history.replaceState(null, '', '/?preset=spiral');
    act(() => usePresentationStore.getState().actions.setPresenting(true));
    expect(window.location.search).toBe('?preset=spiral&present=1');
    act(() => usePresentationStore.getState().actions.setPresenting(false));
    expect(window.location.search).toBe('?preset=spiral');
  });
});

describe('narration', () => {
  it('pauses a running run, then takes one chunk and writes one caption per beat', () => {
    const actions = setStore({ runState: 'running', step: 100, history: history([0, 100]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.pause).toHaveBeenCalledOnce();
    expect(actions.step).toHaveBeenCalledTimes(1);
    expect(actions.step).toHaveBeenLastCalledWith(NARRATION_CHUNK);
    expect(usePresentationStore.getState().caption?.heading).toBe('Step 100: the input of hidden layer 2 (the last), unit 0');

    // The chunk arrives; the next beat describes it against the start and asks for the next chunk.
    act(() => useExperimentStore.setState({ runState: 'paused', step: 120, history: history([0, 100, 120]) }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledTimes(2);
    expect(usePresentationStore.getState().caption?.heading).toBe('Step 120: the input of hidden layer 2 (the last), unit 0');
    expect(usePresentationStore.getState().caption?.lines[0]).toMatch(/^Without BN \(step 100 → 120\): median input moved/);
    expect(actions.play).not.toHaveBeenCalled();
  });

  it('waits for a chunk still running instead of piling up steps', () => {
    const actions = setStore({ runState: 'paused', step: 0, history: history([0]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.pause).not.toHaveBeenCalled();
    act(() => useExperimentStore.setState({ runState: 'running', step: 12 }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledTimes(1);
    expect(usePresentationStore.getState().narrating).toBe(true);
  });

  it('returns to free play when stopped', () => {
    const actions = setStore({ runState: 'paused', step: 0, history: history([0]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    act(() => usePresentationStore.getState().actions.stopNarration());
    expect(actions.play).toHaveBeenCalledOnce();
    expect(usePresentationStore.getState()).toMatchObject({ narrating: false, caption: null });
    act(() => vi.advanceTimersByTime(10 * NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledTimes(1);
  });

  it('gives way when someone presses Play, and ends when the run is finished', () => {
    const actions = setStore({ runState: 'paused', step: 0, history: history([0]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    act(() => useExperimentStore.setState({ runState: 'running', step: 500 }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(usePresentationStore.getState().narrating).toBe(false);
    expect(actions.play).not.toHaveBeenCalled();

    act(() => useExperimentStore.setState({ runState: 'paused' }));
    act(() => usePresentationStore.getState().actions.startNarration());
    act(() => useExperimentStore.setState({ runState: 'finished' }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(usePresentationStore.getState().narrating).toBe(false);
  });

  it('waits while the run is loading and starts its comparison over on a new run', () => {
    const actions = setStore({ runState: 'loading', step: 0, history: null });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.step).not.toHaveBeenCalled();
    const h = { ...history([0, 40]), runId: 7 };
    act(() => useExperimentStore.setState({ runState: 'paused', step: 40, history: h }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledOnce();
    expect(usePresentationStore.getState().caption?.heading).toBe('Step 40: the input of hidden layer 2 (the last), unit 0');
  });
});
