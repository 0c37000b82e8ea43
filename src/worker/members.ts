/**
 * What the worker pool (./pool.ts) knows of each of its workers, and the pure pieces of its
 * merging: a new member's starting fields, the recompute answers combined, the crash text.
 */
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId } from '../experiment/types.ts';
import type { RecomputedStatistics } from '../experiment/preciseStatistics.ts';
import type { ReadyEvent, RunState, WorkerClient } from './protocol.ts';
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
