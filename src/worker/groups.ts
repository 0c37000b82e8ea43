/** Which worker trains which networks: the pool's split of an experiment's networks over its workers. */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { networksFor } from '../experiment/variants.ts';

/** Split `networks` over at most `workers` workers, round robin, each group in display order. */
export function networkGroups(networks: readonly NetworkId[], workers: number): NetworkId[][] {
  const count = Math.max(1, Math.min(networks.length, Math.floor(Number.isFinite(workers) ? workers : 1)));
  const groups: NetworkId[][] = Array.from({ length: count }, () => []);
  networks.forEach((id, i) => groups[i % count].push(id));
  return groups;
}

/** True when two splits give every worker the same networks, in the same order. */
export function sameGroups(a: readonly (readonly NetworkId[])[], b: readonly (readonly NetworkId[])[]): boolean {
  return a.length === b.length && a.every((group, i) => group.join() === b[i].join());
}

/** True when `patch` changes which networks `config` trains (variants, noisyBn): the pool then regroups its workers. */
export function changesNetworks(config: ExperimentConfig, patch: Partial<ExperimentConfig>): boolean {
  return (patch.noisyBn !== undefined || patch.variants !== undefined) && networksFor({ ...config, ...patch }).join() !== networksFor(config).join();
}
