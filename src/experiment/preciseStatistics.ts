/**
 * "Recompute precise statistics" on the live networks: every BN layer's running mean and variance
 * replaced by the population statistics of its inputs over the training set at the current weights
 * ("precise BN", Wu & Johnson 2021; Network.recomputeBatchNormStatistics), with the test accuracy
 * before and after. Training mode never reads the running statistics, so the weights and the rest
 * of the training are unchanged; the test evaluations and the layer inputs measured in inference
 * mode (the charts) use the new statistics from the next snapshot on. Pure.
 */
import { takeFirst } from '../data/batches.ts';
import type { Batch, Network } from '../engine/types.ts';
import type { NetworkId } from './types.ts';

/** Training examples the live networks' statistics are recomputed over (the whole set when smaller: MNIST's is 8,000). */
export const PRECISE_EXAMPLES = 8000;

/** What recomputing one network's statistics did. */
export interface RecomputedStatistics {
  id: NetworkId;
  /** The step the network was at. */
  step: number;
  /** Training examples the statistics are over. */
  examples: number;
  /** BN layers recomputed. */
  layers: number;
  /** Test accuracy (inference mode) with the running statistics before, and with the recomputed ones. */
  accuracyBefore: number | null;
  accuracyAfter: number | null;
}

/** True for a network with BN (any placement, ghost or noisy): one with running statistics. */
export function hasRunningStatistics(network: Network): boolean {
  return network.config.normalization === 'batch';
}

/** The sample the statistics are computed over: the first PRECISE_EXAMPLES training examples. */
export function preciseSample(train: Batch): Batch {
  return takeFirst(train, PRECISE_EXAMPLES);
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Recompute `network`'s BN statistics over `sample` and measure it on `test` before and after. */
export function recomputeNetworkStatistics(id: NetworkId, step: number, network: Network, sample: Batch, test: Batch): RecomputedStatistics {
  const before = network.evaluate(test);
  const layers = network.recomputeBatchNormStatistics(sample).filter((stats) => stats !== null).length;
  const after = network.evaluate(test);
  return { id, step, examples: sample.n, layers, accuracyBefore: finite(before.accuracy), accuracyAfter: finite(after.accuracy) };
}
