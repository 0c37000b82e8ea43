import { describe, expect, it } from 'vitest';
import { createBatchSampler, takeFirst } from '../../src/data/batches.ts';
import type { Batch } from '../../src/engine/types.ts';

/** 12 examples of 3 features; example i is [i, 10 i, 100 i] with label i % 4. */
function numbered(n = 12): Batch {
  const x = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x.set([i, 10 * i, 100 * i], i * 3);
    y[i] = i % 4;
  }
  return { x, y, n };
}

const ids = (batch: Batch): number[] => Array.from({ length: batch.n }, (_, i) => batch.x[i * 3]);

describe('createBatchSampler', () => {
  it('visits every example exactly once per epoch', () => {
    const sampler = createBatchSampler(numbered(), 4, 1);
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = [0, 1, 2].flatMap(() => ids(sampler.next()));
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
    expect(sampler.epoch).toBe(2);
  });

  it('keeps each example whole: features and label move together', () => {
    const batch = createBatchSampler(numbered(), 5, 9).next();
    for (let i = 0; i < batch.n; i++) {
      const id = batch.x[i * 3];
      expect([batch.x[i * 3 + 1], batch.x[i * 3 + 2], batch.y[i]]).toEqual([10 * id, 100 * id, id % 4]);
    }
  });

  it('does not repeat an example within an epoch when batches straddle epochs', () => {
    const sampler = createBatchSampler(numbered(), 5, 2);
    const stream = Array.from({ length: 12 }, () => ids(sampler.next())).flat();
    for (let start = 0; start + 12 <= stream.length; start += 12) {
      expect(new Set(stream.slice(start, start + 12)).size).toBe(12);
    }
  });

  it('gives the same batches for the same seed and a different order for another', () => {
    const a = createBatchSampler(numbered(), 4, 3);
    const b = createBatchSampler(numbered(), 4, 3);
    const c = createBatchSampler(numbered(), 4, 4);
    const take = (s: ReturnType<typeof createBatchSampler>): number[] => [0, 1, 2, 3, 4].flatMap(() => ids(s.next()));
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
  });

  it('reuses one buffer and caps the batch size at the set size', () => {
    const sampler = createBatchSampler(numbered(), 50, 1);
    const first = sampler.next();
    expect(sampler.next()).toBe(first);
    expect(first.n).toBe(12);
    expect(sampler.batchSize).toBe(12);
  });
});

describe('takeFirst', () => {
  it('copies the first n examples', () => {
    const data = numbered();
    const probe = takeFirst(data, 5);
    expect(ids(probe)).toEqual([0, 1, 2, 3, 4]);
    probe.x[0] = 99;
    expect(data.x[0]).toBe(0);
  });
});
