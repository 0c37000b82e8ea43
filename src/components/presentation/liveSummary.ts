/**
 * What the screen-reader summary says, and when it has something new to say: the step, the run
 * state, and per network its latest test accuracy and whether it diverged. The step alone is not
 * news; a new run, a new run state, a divergence or a test accuracy that moved a whole point is.
 */
import type { RunState } from '../../worker/protocol.ts';
import type { RunHistory } from '../../store/types.ts';
import { networkLabels } from '../../theme.ts';
import { formatStep } from '../runStatus.ts';

/** Shortest time between two announcements, ms. */
export const SUMMARY_MIN_INTERVAL_MS = 10_000;

/** The summary's text, and the key that changes only when something meaningful changed. */
export interface LiveSummaryFacts {
  text: string;
  key: string;
}

/** The parts of the experiment state the summary reads. */
export interface SummaryInput {
  runState: RunState;
  step: number;
  history: RunHistory | null;
}

const STATE_WORDS: Record<RunState, string> = {
  loading: 'loading',
  running: 'training',
  paused: 'paused',
  finished: 'finished',
  error: 'stopped by an error',
};

/** The summary of `input`. */
export function summarize(input: SummaryInput): LiveSummaryFacts {
  const { runState, step, history } = input;
  const keyParts: string[] = [runState, String(history?.runId ?? -1)];
  const parts: string[] = [`Step ${formatStep(step)}, ${STATE_WORDS[runState]}.`];
  for (const net of history?.networks ?? []) {
    const accuracy = net.testAccuracy[net.testAccuracy.length - 1];
    const percent = accuracy !== undefined && Number.isFinite(accuracy) ? Math.round(accuracy * 100) : null;
    const diverged = net.status.type === 'diverged' ? net.status.step : null;
    const health = diverged !== null ? `diverged at step ${formatStep(diverged)}` : 'not diverged';
    parts.push(`${networkLabels[net.id]}: ${percent !== null ? `test accuracy ${percent}%` : 'no test accuracy yet'}, ${health}.`);
    keyParts.push(`${net.id}:${percent ?? '-'}:${diverged ?? '-'}`);
  }
  return { text: parts.join(' '), key: keyParts.join('|') };
}
