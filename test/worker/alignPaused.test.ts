import { describe, expect, it } from 'vitest';
import { alignPaused } from '../../src/worker/progress.ts';
import type { Paced } from '../../src/worker/progress.ts';

const worker = (step: number, state: Paced['state'] = 'paused', diverged = false): Pick<Paced, 'state' | 'step' | 'diverged' | 'merged'> => ({ step, state, diverged, merged: true });

describe('alignPaused', () => {
  it('sends every worker behind the furthest the steps it misses', () => {
    const [a, b, c] = [worker(1175), worker(1134), worker(1170)];
    expect(alignPaused([a, b, c], null)).toEqual({ target: 1175, steps: [{ member: b, count: 41 }, { member: c, count: 5 }] });
  });

  it('waits while a worker still runs, and is done once they stopped after the steps were sent', () => {
    expect(alignPaused([worker(10), worker(8, 'running')], null)).toBe('wait');
    expect(alignPaused([worker(10), worker(10)], 10)).toBeNull();
    expect(alignPaused([worker(10), worker(10)], null)).toBeNull();
  });

  it('leaves out a diverged worker, and does nothing for a single worker', () => {
    expect(alignPaused([worker(10), worker(3, 'paused', true)], null)).toBeNull();
    expect(alignPaused([worker(10)], null)).toBeNull();
  });
});
