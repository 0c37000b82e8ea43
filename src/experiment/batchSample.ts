/**
 * The BN transform on a real batch: the tracked unit of the live BN network over the mini-batch
 * of its latest training step (Algorithm 1's inputs and statistics, Algorithm 2's running
 * estimates), as snapshots carry it to the page's batch panel. One unit, one batch: m numbers.
 */
import type { BatchNormUnitBatch, Network } from '../engine/types.ts';
import type { NetworkId } from './types.ts';

/** One BN unit over one training mini-batch, plain data (Network.batchNormInputs, tagged with where it comes from). */
export interface BatchSample extends BatchNormUnitBatch {
  /** The network it was read from (the BN one). */
  network: NetworkId;
  /** The training step that used this mini-batch (steps count from 1). */
  step: number;
  /** Hidden layer (0-based) and unit of the tracked unit. */
  layer: number;
  unit: number;
}

/**
 * The tracked unit of `network` (named `id`) on the batch of its latest training step `step`, or null:
 * before the first step, without BN, when the engine no longer holds that batch, or when any value is
 * not finite (the network is diverging). Read it before any evaluation or probe of the same batch size.
 */
export function batchSampleOf(
  network: Network, id: NetworkId, step: number, tracked: { layer: number; unit: number },
): BatchSample | null {
  if (step === 0 || !network.config.batchNorm) return null;
  const unitBatch = network.batchNormInputs(tracked.layer, tracked.unit);
  if (unitBatch === null) return null;
  const { x, mean, variance, gamma, beta, runningMean, runningVar } = unitBatch;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * 0;
  if (sum !== 0 || ![mean, variance, gamma, beta, runningMean, runningVar].every(Number.isFinite)) return null;
  return { network: id, step, layer: tracked.layer, unit: tracked.unit, ...unitBatch };
}
