/**
 * "Recompute precise statistics" on the live run: the command to the training workers, and the
 * notice their answer becomes (test accuracy before and after, per network with BN).
 */
import { create } from 'zustand';
import type { RecomputedStatistics } from '../experiment/preciseStatistics.ts';
import { sendCommand } from './outbox.ts';

/** The latest answer, shown beside the button too (the notices sit at the top of the page). */
export interface RecomputeState {
  /** A press is waiting for the workers' answer. */
  pending: boolean;
  /** The latest answer's notice, or null before one. */
  last: (RecomputedWords & { networks: RecomputedStatistics[] }) | null;
}

export const useRecomputeStore = create<RecomputeState>()(() => ({ pending: false, last: null }));

/** Network names as the notice says them. */
const NAMES: Record<RecomputedStatistics['id'], string> = {
  plain: 'without BN', bn: 'with BN', noisy: 'BN + noise', 'bn-after': 'BN after activation', ghost: 'ghost BN', ln: 'LayerNorm', gn: 'GroupNorm',
};

/** Ask every training worker to recompute its BN networks' running statistics over the training set. */
export function recomputePreciseStatistics(): void {
  useRecomputeStore.setState({ pending: true });
  sendCommand({ type: 'recomputeStatistics' });
  // A worker that stops before it answers (the page then says so) leaves the button usable again.
  setTimeout(() => useRecomputeStore.setState({ pending: false }), PENDING_MS);
}

/** Longest the button waits for an answer: the statistics take well under a second on the paper network. */
const PENDING_MS = 10_000;

/** Take in the workers' answer: the latest result beside the button; returns its notice. */
export function takeRecomputed(networks: readonly RecomputedStatistics[]): RecomputedWords {
  const notice = recomputedNotice(networks);
  useRecomputeStore.setState({ pending: false, last: { ...notice, networks: [...networks] } });
  return notice;
}

const percent = (value: number | null): string => (value === null ? 'not a number' : `${(100 * value).toFixed(1)}%`);

/** What an answer says: `text` in the notice (short: the notices sit above Figure 1), `detail` too under the button. */
export interface RecomputedWords {
  kind: 'info' | 'error';
  text: string;
  detail: string;
}

/** The notice for the workers' answer: what changed, and what it does to the run. */
export function recomputedNotice(networks: readonly RecomputedStatistics[]): RecomputedWords {
  if (networks.length === 0) {
    return { kind: 'error', text: 'There are no BN running statistics to recompute: no network with BN is training in this run.', detail: '' };
  }
  const { examples } = networks[0];
  const steps = [...new Set(networks.map((n) => n.step))];
  const at = steps.length === 1 ? `at step ${steps[0].toLocaleString('en-US')}` : `at steps ${steps.map((s) => s.toLocaleString('en-US')).join(', ')}`;
  const figures = networks.map((n) => `${NAMES[n.id]} ${percent(n.accuracyBefore)} → ${percent(n.accuracyAfter)}`).join('; ');
  return {
    kind: 'info',
    text: `Recomputed the BN running mean and variance over ${examples.toLocaleString('en-US')} training examples ${at} (precise BN). `
      + `Test accuracy, running → recomputed statistics: ${figures}. Training is unchanged.`,
    detail: 'Training uses each batch\'s own statistics. Test accuracy and the layer charts use the new ones from the next evaluation on, '
      + 'and the running averages go on from them, so this run no longer replays bit for bit from its link.',
  };
}
