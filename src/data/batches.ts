/**
 * Seeded mini-batch sampling: epochs shuffle the training set without replacement, and each
 * batch is copied into one reusable Batch buffer. Every network of an experiment trains on the
 * batch this sampler returns, so they all see the same examples in the same order.
 */
import type { Batch } from '../engine/types.ts';
import { createDataRng, shuffleInPlace } from './random.ts';

/** Draws mini-batches of a fixed size from a training set. */
export interface BatchSampler {
  /** Examples per batch m. */
  readonly batchSize: number;
  /** Completed passes over the training set. */
  readonly epoch: number;
  /**
   * The next mini-batch. The returned Batch is the sampler's own buffer: it is overwritten by
   * the next call, so use it before calling again.
   */
  next(): Batch;
}

/**
 * A sampler over `data` with batches of `batchSize` (capped at the set's size). An epoch is a
 * seeded permutation; a batch that crosses the end of an epoch takes its remainder from the
 * next permutation, so no example repeats within an epoch.
 */
export function createBatchSampler(data: Batch, batchSize: number, seed: number): BatchSampler {
  if (data.n < 1) throw new Error('createBatchSampler: the training set is empty');
  if (!(batchSize >= 1)) throw new Error(`createBatchSampler: batch size must be at least 1 (got ${batchSize})`);
  const size = Math.min(Math.floor(batchSize), data.n);
  const inputs = data.x.length / data.n;
  const rng = createDataRng(seed);
  const order = new Uint32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  let cursor = 0;
  let epoch = 0;
  const batch: Batch = { x: new Float32Array(size * inputs), y: new Uint8Array(size), n: size };
  return {
    batchSize: size,
    get epoch() {
      return epoch;
    },
    next() {
      for (let i = 0; i < size; i++) {
        if (cursor === data.n) {
          shuffleInPlace(order, rng);
          cursor = 0;
          epoch++;
        }
        const source = order[cursor++];
        batch.y[i] = data.y[source];
        batch.x.set(data.x.subarray(source * inputs, (source + 1) * inputs), i * inputs);
      }
      return batch;
    },
  };
}

/** The first `n` examples of `data` (capped at its size), copied into a new Batch. */
export function takeFirst(data: Batch, n: number): Batch {
  const count = Math.min(n, data.n);
  const inputs = data.x.length / data.n;
  return { x: data.x.slice(0, count * inputs), y: data.y.slice(0, count), n: count };
}
