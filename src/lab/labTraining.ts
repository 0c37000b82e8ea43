/**
 * Small pieces the lab jobs of the original paper's claims share: networks built as the live
 * experiment builds them, training for N steps with progress (the cancel point), and batches
 * made of chosen rows.
 */
import { createNetwork } from '../engine/index.ts';
import type { Batch, Network } from '../engine/types.ts';
import type { Dataset } from '../data/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { networkConfigFor } from '../experiment/variants.ts';
import type { LabTrainer } from './santurkarTraining.ts';
import type { LabContext } from './types.ts';

/** Steps between progress reports (each one a cancel point). */
export const PROGRESS_EVERY = 20;

/** The network of `config` on `data`, with or without BN, from the experiment's seed (the live twins' weights). */
export function buildNetwork(config: ExperimentConfig, data: Dataset, batchNorm: boolean): Network {
  return createNetwork(networkConfigFor(config, data.inputs, data.classes, { id: batchNorm ? 'bn' : 'plain', batchNorm }));
}

/**
 * Take `steps` steps of `trainer` (its networks in lockstep on the session's batches; a network
 * whose loss stops being finite stops, its member's divergedAt says when). Reports progress as
 * `done + steps so far` of `total`.
 */
export async function trainInLockstep(trainer: LabTrainer, steps: number, context: LabContext, done: number, total: number): Promise<void> {
  for (let step = 1; step <= steps; step++) {
    trainer.train(trainer.nextBatch());
    if (step % PROGRESS_EVERY === 0) await context.progress(done + step, total);
  }
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

