/**
 * Small pieces the lab jobs of the original paper's claims share: networks built as the live
 * experiment builds them, training for N steps with progress (the cancel point), and batches
 * made of chosen rows.
 */
import { createNetwork } from '../engine/index.ts';
import type { Batch, Network } from '../engine/types.ts';
import type { BatchSampler } from '../data/batches.ts';
import type { Dataset } from '../data/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { networkConfigFor } from '../experiment/variants.ts';
import type { LabContext } from './types.ts';

/** Steps between progress reports (each one a cancel point). */
export const PROGRESS_EVERY = 20;

/** The network of `config` on `data`, with or without BN, from the experiment's seed (the live twins' weights). */
export function buildNetwork(config: ExperimentConfig, data: Dataset, batchNorm: boolean): Network {
  return createNetwork(networkConfigFor(config, data.inputs, data.classes, { id: batchNorm ? 'bn' : 'plain', batchNorm }));
}

/**
 * Train every network of `networks` (in lockstep, on the same batches) for `steps` SGD steps with
 * the config's learning rate and momentum. Reports progress as `done + steps so far` of `total`.
 * Returns, per network, the step at which its loss stopped being finite (it then stops), or null.
 */
export async function trainInLockstep(
  networks: readonly Network[], sampler: BatchSampler, steps: number, config: ExperimentConfig,
  context: LabContext, done: number, total: number,
): Promise<(number | null)[]> {
  const diverged: (number | null)[] = networks.map(() => null);
  const options = { learningRate: config.learningRate, momentum: config.momentum };
  for (let step = 1; step <= steps; step++) {
    const batch = sampler.next();
    networks.forEach((network, i) => {
      if (diverged[i] !== null) return;
      const { loss } = network.trainStep(batch, options);
      if (!Number.isFinite(loss)) diverged[i] = step;
    });
    if (step % PROGRESS_EVERY === 0) await context.progress(done + step, total);
  }
  return diverged;
}

/** A new batch holding rows `indices` of `data`, in that order. */
export function batchOfRows(data: Batch, indices: readonly number[]): Batch {
  const inputs = data.x.length / data.n;
  const x = new Float32Array(indices.length * inputs);
  const y = new Uint8Array(indices.length);
  indices.forEach((source, i) => {
    x.set(data.x.subarray(source * inputs, (source + 1) * inputs), i * inputs);
    y[i] = data.y[source];
  });
  return { x, y, n: indices.length };
}

/** A copy of `batch` (samplers reuse their buffer). */
export function copyBatch(batch: Batch): Batch {
  return { x: batch.x.slice(), y: batch.y.slice(), n: batch.n };
}

/** The number, or null when it is not finite (results are JSON and carry no NaN). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
