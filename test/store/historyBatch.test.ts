/** The run history keeps the latest snapshot batch (the batch panel's data) and nothing older. */
import { describe, expect, it } from 'vitest';
import type { BatchSample } from '../../src/experiment/batchSample.ts';
import { appendSnapshot, createHistory } from '../../src/store/history.ts';
import { readyEvent, snapshot } from './fixtures.ts';

const sample = (step: number): BatchSample => ({
  network: 'bn', step, layer: 2, unit: 0, x: Float32Array.from([1, 2, 3]), mean: 2, variance: 2 / 3,
  gamma: 1, beta: 0, runningMean: 0.2, runningVar: 1, epsilon: 1e-5,
});

describe('the history batch', () => {
  it('is absent until a snapshot carries one, then the latest, kept across snapshots without one', () => {
    let history = createHistory(readyEvent());
    expect(history.batch).toBeUndefined();
    history = appendSnapshot(history, snapshot(1));
    expect(history.batch).toBeUndefined();
    history = appendSnapshot(history, { ...snapshot(2), batch: sample(2) });
    expect(history.batch?.step).toBe(2);
    history = appendSnapshot(history, { ...snapshot(3), batch: sample(3) });
    expect(history.batch?.step).toBe(3);
    // A worker training only the plain network sends none: the BN network's batch stays.
    history = appendSnapshot(history, { ...snapshot(4), frames: snapshot(4).frames.filter((f) => f.id === 'plain') });
    expect(history.batch?.step).toBe(3);
  });

  it('starts over with a new run', () => {
    const history = appendSnapshot(createHistory(readyEvent(1)), { ...snapshot(2), batch: sample(2) });
    expect(history.batch).toBeDefined();
    expect(createHistory(readyEvent(2)).batch).toBeUndefined();
  });
});
