/**
 * The run-state line of the header, in words.
 */
import type { RunState } from '../worker/protocol.ts';
import type { RunHistory } from '../store/types.ts';
import { networkLabels } from '../theme.ts';

/** "running", "paused", "finished", "error: ...", plus "Without BN diverged at step 1,234" for each diverged network. */
export function describeRunState(runState: RunState, error: string | null, history: RunHistory | null): string {
  const base: Record<RunState, string> = {
    loading: 'loading…',
    running: 'running',
    paused: 'paused',
    finished: 'finished',
    error: `error${error ? `: ${error}` : ''}`,
  };
  const diverged = (history?.networks ?? [])
    .map((n) => (n.status.type === 'diverged' ? `${networkLabels[n.id]} diverged at step ${formatStep(n.status.step)}` : null))
    .filter((s): s is string => s !== null);
  return [base[runState], ...diverged].join(' · ');
}

/** One formatter for every call: toLocaleString builds a new one each time, and the step counter formats every frame. */
const STEP_FORMAT = new Intl.NumberFormat('en-US');

/** A step count with thousands separators: 12,340. */
export function formatStep(step: number): string {
  return Number.isFinite(step) ? STEP_FORMAT.format(Math.round(step)) : '0';
}
