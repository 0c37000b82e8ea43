/**
 * A polite ARIA live region (visually hidden) saying how each network is doing: step, run state,
 * test accuracy, diverged or not. It speaks only when something meaningful changed (liveSummary.ts)
 * and at most once every SUMMARY_MIN_INTERVAL_MS, so a screen reader is not flooded by a live run.
 */
import { useEffect, useState } from 'react';
import { useExperimentStore } from '../../store/index.ts';
import { summarize, SUMMARY_MIN_INTERVAL_MS } from './liveSummary.ts';
import './presentation.css';

/** The screen-reader summary. */
export function LiveSummary({ minIntervalMs = SUMMARY_MIN_INTERVAL_MS }: { minIntervalMs?: number }) {
  const [text, setText] = useState('');
  useEffect(() => {
    let lastKey: string | null = null;
    let lastAt = Number.NEGATIVE_INFINITY;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const announce = (): void => {
      pending = null;
      const facts = summarize(useExperimentStore.getState());
      if (facts.key === lastKey) return;
      lastKey = facts.key;
      lastAt = Date.now();
      setText(facts.text);
    };
    // Runs on every store change (many a second): cheap, and it only schedules.
    const consider = (): void => {
      if (pending !== null) return;
      if (summarize(useExperimentStore.getState()).key === lastKey) return;
      const wait = lastAt + minIntervalMs - Date.now();
      if (wait <= 0) announce();
      else pending = setTimeout(announce, wait);
    };
    consider();
    const unsubscribe = useExperimentStore.subscribe(consider);
    return () => {
      unsubscribe();
      if (pending !== null) clearTimeout(pending);
    };
  }, [minIntervalMs]);
  return (
    <div className="live-summary" role="status" aria-live="polite" aria-atomic="true" data-testid="live-summary">
      {text}
    </div>
  );
}
