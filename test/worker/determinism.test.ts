import { describe, expect, it } from 'vitest';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { createSession } from '../../src/experiment/session.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import type { Snapshot } from '../../src/experiment/types.ts';
import { weightsOutputs } from '../experiment/snapshotBits.ts';
import { harness, TINY } from './harness.ts';
import type { Harness } from './harness.ts';

const N = 300;
// Evaluate at every snapshot, so every pattern's snapshot at a step carries that step's test loss.
const config: ExperimentConfig = { ...TINY, maxSteps: N, evalEvery: 1, momentum: 0.5 };

/**
 * A handler on the fake clock. Unpaced by default (snapshots by time only, not every
 * maxSteps / 200 steps), so each way of playing snapshots at steps of its own.
 */
async function started(msPerStep = 1, paced = false): Promise<Harness> {
  const h = harness(paced ? {} : { timing: { snapshotsPerRun: 1 } }, msPerStep);
  await h.handler.handle({ type: 'init', config, play: false });
  return h;
}

/** Play until the run finishes at maxSteps. */
async function playThrough(msPerStep = 1, paced = false): Promise<Harness> {
  const h = await started(msPerStep, paced);
  await h.handler.handle({ type: 'play' });
  h.drain();
  return h;
}

/** step(N/3) three times. */
async function stepThirds(): Promise<Harness> {
  const h = await started();
  for (let i = 0; i < 3; i++) {
    await h.handler.handle({ type: 'step', count: N / 3 });
    h.drain();
  }
  return h;
}

/** Play, pause after a few snapshots, play again, pause again, play to the end. */
async function playPausePlay(): Promise<Harness> {
  const h = await started();
  for (const snapshotsBeforePause of [3, 5]) {
    await h.handler.handle({ type: 'play' });
    h.runUntil(() => h.snapshots().length >= snapshotsBeforePause);
    await h.handler.handle({ type: 'pause' });
    h.drain();
  }
  await h.handler.handle({ type: 'play' });
  h.drain();
  return h;
}

/** What the same config gives on a session driven directly: advance(N), one snapshot. */
function direct(): Snapshot {
  const session = createSession(config, makeSynthetic('xor', config.seed));
  session.advance(N);
  return session.snapshot(0);
}

const last = (h: Harness): Snapshot => h.snapshots().at(-1)!;

describe('the worker is deterministic', () => {
  it('posts the same events, bit for bit, in two runs of the same config', async () => {
    const [a, b] = [await playThrough(1, true), await playThrough(1, true)];
    expect(b.posted.map((p) => p.event)).toEqual(a.posted.map((p) => p.event));
    expect(last(a).step).toBe(N);
    expect(a.states().at(-1)).toBe('finished');
  });

  it('reaches the same weights at step N however it is played: through, in thirds, with pauses, fast or slow', async () => {
    const expected = weightsOutputs(direct());
    const runs = { through: await playThrough(), thirds: await stepThirds(), pauses: await playPausePlay(), slowClock: await playThrough(7), fastClock: await playThrough(0.05), paced: await playThrough(1, true) };
    for (const [name, h] of Object.entries(runs)) {
      expect(last(h).step, name).toBe(N);
      expect(weightsOutputs(last(h)), name).toEqual(expected);
    }
    // The patterns really differed: they snapshotted at different steps.
    const stepsOf = (h: Harness) => h.snapshots().map((s) => s.step).join();
    expect(new Set(Object.values(runs).map(stepsOf)).size).toBeGreaterThanOrEqual(5);
  });

  it('agrees at every step two patterns both snapshotted', async () => {
    const runs = [await playThrough(), await stepThirds(), await playPausePlay(), await playThrough(3)];
    const byStep = new Map<number, unknown>();
    let shared = 0;
    for (const h of runs) {
      for (const snapshot of h.snapshots()) {
        const outputs = weightsOutputs(snapshot);
        if (byStep.has(snapshot.step)) {
          shared += 1;
          expect(outputs, `step ${snapshot.step}`).toEqual(byStep.get(snapshot.step));
        } else {
          byStep.set(snapshot.step, outputs);
        }
      }
    }
    expect(shared).toBeGreaterThanOrEqual(runs.length * 2);
  });

  it('tells a different seed apart at step N (the comparison can fail)', async () => {
    const h = harness();
    await h.handler.handle({ type: 'init', config: { ...config, seed: 2 }, play: true });
    h.drain();
    expect(last(h).step).toBe(N);
    expect(weightsOutputs(last(h))).not.toEqual(weightsOutputs(direct()));
  });
});
