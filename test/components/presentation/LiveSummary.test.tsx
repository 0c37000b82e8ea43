// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { LiveSummary } from '../../../src/components/presentation/LiveSummary.tsx';
import { summarize, SUMMARY_MIN_INTERVAL_MS } from '../../../src/components/presentation/liveSummary.ts';
import { useExperimentStore } from '../../../src/store/index.ts';
import { makeHistory, makeNetwork } from '../../charts/fixtures.ts';
import { setStore } from '../storeSpies.ts';

/** Both networks at `steps`, the last test accuracies as given. */
function history(plainAccuracy: number, bnAccuracy: number) {
  return makeHistory([
    makeNetwork('plain', [0, 100], { testSteps: [0, 100], testAccuracy: [0.1, plainAccuracy] }),
    makeNetwork('bn', [0, 100], { testSteps: [0, 100], testAccuracy: [0.1, bnAccuracy] }),
  ]);
}

describe('summarize', () => {
  it('says the step, the run state, and each network\'s test accuracy and health', () => {
    const h = history(0.126, 0.886);
    h.networks[0].status = { type: 'diverged', step: 1234, reason: 'loss is NaN' };
    expect(summarize({ runState: 'running', step: 1240, history: h }).text).toBe(
      'Step 1,240, training. Without BN: test accuracy 13%, diverged at step 1,234. With BN: test accuracy 89%, not diverged.',
    );
    expect(summarize({ runState: 'loading', step: 0, history: null }).text).toBe('Step 0, loading.');
  });

  it('changes its key for a new state, run, divergence or whole accuracy point, not for the step alone', () => {
    const base = summarize({ runState: 'running', step: 100, history: history(0.5, 0.9) }).key;
    expect(summarize({ runState: 'running', step: 900, history: history(0.504, 0.9) }).key).toBe(base);
    expect(summarize({ runState: 'paused', step: 100, history: history(0.5, 0.9) }).key).not.toBe(base);
    expect(summarize({ runState: 'running', step: 100, history: history(0.51, 0.9) }).key).not.toBe(base);
    expect(summarize({ runState: 'running', step: 100, history: { ...history(0.5, 0.9), runId: 2 } }).key).not.toBe(base);
    const diverged = history(0.5, 0.9);
    diverged.networks[1].status = { type: 'diverged', step: 50, reason: 'x' };
    expect(summarize({ runState: 'running', step: 100, history: diverged }).key).not.toBe(base);
  });
});

describe('LiveSummary', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('is a polite live region that speaks at once, then at most once per interval, with the latest news', () => {
    setStore({ runState: 'running', step: 100, history: history(0.5, 0.9) });
    render(<LiveSummary />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Step 100, training. Without BN: test accuracy 50%');

    act(() => useExperimentStore.setState({ step: 200, history: history(0.6, 0.9) }));
    act(() => useExperimentStore.setState({ step: 300, history: history(0.7, 0.92) }));
    act(() => vi.advanceTimersByTime(SUMMARY_MIN_INTERVAL_MS - 1));
    expect(region).toHaveTextContent('Step 100,');
    act(() => vi.advanceTimersByTime(1));
    expect(region).toHaveTextContent('Step 300, training. Without BN: test accuracy 70%, not diverged. With BN: test accuracy 92%, not diverged.');
  });

  it('stays silent while only the step moves', () => {
    setStore({ runState: 'running', step: 100, history: history(0.5, 0.9) });
    render(<LiveSummary />);
    const region = screen.getByRole('status');
    for (let step = 200; step <= 2000; step += 100) {
      act(() => useExperimentStore.setState({ step, history: history(0.5, 0.9) }));
      act(() => vi.advanceTimersByTime(SUMMARY_MIN_INTERVAL_MS));
    }
    expect(region).toHaveTextContent('Step 100, training.');
  });

  it('speaks a divergence once the interval allows', () => {
    setStore({ runState: 'running', step: 100, history: history(0.5, 0.9) });
    render(<LiveSummary />);
    act(() => vi.advanceTimersByTime(SUMMARY_MIN_INTERVAL_MS * 2));
    const h = history(0.5, 0.9);
    h.networks[0].status = { type: 'diverged', step: 150, reason: 'loss is NaN' };
    act(() => useExperimentStore.setState({ step: 160, history: h }));
    expect(screen.getByRole('status')).toHaveTextContent('Without BN: test accuracy 50%, diverged at step 150.');
  });
});
