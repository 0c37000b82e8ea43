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
  it('rewinds a run that is further on, then replays it from step 0 in chunks, one caption per snapshot', () => {
    const actions = setStore({ runState: 'running', step: 100, history: history([0, 100]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.pause).toHaveBeenCalledOnce();
    expect(actions.reset).toHaveBeenCalledOnce();
    expect(actions.step).not.toHaveBeenCalled();
    expect(usePresentationStore.getState().caption).toBeNull();

    // The reset run arrives (a new runId at step 0): narration starts it.
    act(() => useExperimentStore.setState({ runState: 'paused', step: 0, history: { ...history([0]), runId: 2 } }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledTimes(1);
    expect(actions.step).toHaveBeenLastCalledWith(NARRATION_CHUNK);
    expect(usePresentationStore.getState().caption?.heading).toBe('Step 0 (replaying this run from step 0): Figure 1 (b, c) follows unit 0 of hidden layer 2 (the last).');

    // The chunk's snapshot: the caption follows it at once, as the charts do; the next beat asks for the next chunk.
    act(() => useExperimentStore.setState({ runState: 'paused', step: 20, history: { ...history([0, 20]), runId: 2 } }));
    expect(usePresentationStore.getState().caption?.step).toBe(20);
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenCalledTimes(2);
    expect(actions.play).not.toHaveBeenCalled();
  });

  it('narrates a run at step 0 at once, without rewinding it', () => {
    const actions = setStore({ runState: 'paused', step: 0, history: history([0]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.reset).not.toHaveBeenCalled();
    expect(actions.step).toHaveBeenCalledOnce();
    expect(usePresentationStore.getState().caption?.heading).toMatch(/^Step 0: Figure 1/);
  });

  it('takes larger chunks later in the run', () => {
    const actions = setStore({ runState: 'paused', step: 0, history: history([0]) });
    act(() => usePresentationStore.getState().actions.startNarration());
    act(() => useExperimentStore.setState({ runState: 'paused', step: 2000, history: history([0, 2000]) }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.step).toHaveBeenLastCalledWith(100);
    expect(usePresentationStore.getState().chunk).toBe(100);
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

    act(() => useExperimentStore.setState({ runState: 'paused', step: 0, history: history([0]) }));
    act(() => usePresentationStore.getState().actions.startNarration());
    act(() => useExperimentStore.setState({ runState: 'finished' }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(usePresentationStore.getState().narrating).toBe(false);
  });

  it('waits while the run is loading, then replays it from step 0 if it got further', () => {
    const actions = setStore({ runState: 'loading', step: 0, history: null });
    act(() => usePresentationStore.getState().actions.startNarration());
    expect(actions.step).not.toHaveBeenCalled();
    act(() => useExperimentStore.setState({ runState: 'running', step: 40, history: { ...history([0, 40]), runId: 7 } }));
    act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
    expect(actions.pause).toHaveBeenCalledOnce();
    expect(actions.reset).toHaveBeenCalledOnce();
    expect(usePresentationStore.getState().narrating).toBe(true);
  });
});
