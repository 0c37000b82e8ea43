/**
 * What the worker pool (./pool.ts) knows of each of its workers, and the pure pieces of its
 * merging: a new member's starting fields, their readies as one run's, the recompute answers
 * combined, the crash text.
 */
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId } from '../experiment/types.ts';
import type { RecomputedStatistics } from '../experiment/preciseStatistics.ts';
import type { ReadyEvent, RunState, WorkerClient, WorkerEvent } from './protocol.ts';
import type { Paced } from './progress.ts';
import { unwatched } from './silence.ts';
import type { Watched } from './silence.ts';

/** What the pool knows of one worker (its silence watch's fields, and its pacing's: step, diverged, merged, ceiling). */
export interface Member extends Watched, Paced {
  client: WorkerClient;
  networks: NetworkId[];
  offs: (() => void)[];
  /** The latest 'ready' of this worker (Paced.merged: whether the pool's current run includes it). */
  ready: ReadyEvent | null;
  state: RunState;
  stepsPerSecond: number;
}

/**
 * The readies of `members`, when every member has one that the pool's current run lacks and all
 * were built by one command (the same `seq`); otherwise null, and the pool waits. A worker a
 * rebuild behind the others is so waited for, never paired with their newer run.
 */
export function readiesToMerge(members: readonly Member[]): ReadyEvent[] | null {
  const first = members[0]?.ready;
  if (!first || members.some((m) => !m.ready || m.merged || m.ready.seq !== first.seq)) return null;
  return members.map((m) => m.ready as ReadyEvent);
}

/** The one 'ready' the page gets for the workers' `readies` (readiesToMerge): run `runId`, every worker's networks in display order, their kernels. */
export function mergedReady(readies: readonly ReadyEvent[], runId: number): ReadyEvent {
  const latest = readies[readies.length - 1];
  const kernels = [...new Set(readies.map((r) => r.kernel))];
  return {
    ...latest,
    runId,
    networks: ALL_NETWORK_IDS.filter((id) => readies.some((r) => r.networks.includes(id))),
    kernel: kernels.join(' + '),
  };
}

/**
 * `event` as the page gets it, judged when it is passed on, `latestSeq` being the pool's last
 * numbered command then (a batch may hold an event while the page sends newer settings): a run
 * built by an older command is marked `overtaken`, and an older command's configApplied is
 * dropped (null), so neither puts back settings the page has changed since. Unnumbered events
 * pass as they are.
 */
export function asDelivered(event: WorkerEvent, latestSeq: number): WorkerEvent | null {
  if (event.type !== 'ready' && event.type !== 'configApplied') return event;
  if (event.seq === undefined || event.seq === latestSeq) return event;
  return event.type === 'ready' ? { ...event, overtaken: true } : null;
}

/** The text the store shows when a worker stops. */
export function crashText(message: string): string {
  return `${message.replace(/\.$/, '')}. Reset restarts it with the same settings.`;
}

/**
 * The networks recomputed so far with one worker's `answer` added, in display order. A network
 * answered twice (pressed again before every worker answered) keeps its latest figures.
 */
export function withAnswer(networks: readonly RecomputedStatistics[], answer: readonly RecomputedStatistics[]): RecomputedStatistics[] {
  const merged = [...networks.filter((n) => !answer.some((e) => e.id === n.id)), ...answer];
  return merged.sort((a, b) => ALL_NETWORK_IDS.indexOf(a.id) - ALL_NETWORK_IDS.indexOf(b.id));
}

/** A member for a worker just spawned, training `networks`, not yet heard from (`now`: the silence watch's clock). */
export function newMember(client: WorkerClient, networks: readonly NetworkId[], now: number): Member {
  return { client, networks: [...networks], offs: [], ready: null, merged: false, state: 'loading', step: 0, diverged: false, stepsPerSecond: 0, ceiling: undefined, ...unwatched(now) };
}
