import { describe, expect, it } from 'vitest';
import { QUIET_CHECKS } from '../../src/worker/silence.ts';
import { LOADING_HEARTBEAT_MS } from '../../src/worker/handler.ts';
import type { RunState, WorkerEvent } from '../../src/worker/protocol.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { readyEvent } from '../store/fixtures.ts';
import { fakePool } from './inProcessWorkers.ts';
import type { FakeWorker } from './inProcessWorkers.ts';
import { TINY } from './harness.ts';

const SILENCE_MS = 8_000;
const GROUPS: NetworkId[][] = [['plain'], ['bn']];

/** A pool of fake workers watched for silence, on a fake clock and fake timers. */
function watchedPool() {
  let time = 0;
  let timers: { at: number; task: () => void }[] = [];
  const crashes: string[] = [];
  const { pool, spawned } = fakePool(GROUPS.length, { silenceMs: SILENCE_MS, now: () => time, setTimer: (task, ms) => void timers.push({ at: time + ms, task }) });
  pool.onCrash((message) => crashes.push(message));
  /** Move the clock by `ms`, firing due timers in order (each may arm the next). */
  const advance = (ms: number): void => {
    const end = time + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      time = Math.max(time, due.at);
      due.task();
    }
    time = end;
  };
  /** A frozen page: the clock moves `ms` with no timer firing; when it wakes, overdue timers fire once. */
  const freeze = (ms: number): void => {
    time += ms;
    advance(0);
  };
  const state = (worker: FakeWorker, s: RunState, step: number): void => worker.emit({ type: 'state', runId: 1, state: s, step } satisfies WorkerEvent);
  const start = (): void => {
    pool.send({ type: 'init', config: TINY, play: false });
    spawned.forEach((w, i) => {
      w.emit({ ...readyEvent(1), networks: GROUPS[i] });
      state(w, 'paused', 0);
    });
  };
  return { pool, spawned, crashes, advance, freeze, state, start, pending: () => timers.length };
}

describe('a pool that watches its workers for silence', () => {
  it('takes a training worker that falls silent for stopped, as after an error, and Reset restarts new workers', () => {
    const w = watchedPool();
    w.start();
    w.pool.send({ type: 'play' });
    w.spawned.forEach((worker) => w.state(worker, 'running', 0));
    // Both report every 100 ms for a minute: nothing is wrong.
    for (let t = 0; t < 60_000; t += 100) {
      w.advance(100);
      w.spawned.forEach((worker) => w.state(worker, 'running', t / 10));
    }
    expect(w.crashes).toEqual([]);
    // Then the second worker goes quiet (closed or killed: no 'error' event) while the first goes on.
    for (let t = 0; t < SILENCE_MS - 100; t += 100) {
      w.advance(100);
      w.state(w.spawned[0], 'running', 6_000 + t / 10);
    }
    expect(w.crashes).toEqual([]);
    w.advance(2 * SILENCE_MS / QUIET_CHECKS);
    expect(w.crashes).toEqual([`The training worker stopped: it sent nothing for ${SILENCE_MS / 1000} s. Reset restarts it with the same settings.`]);
    expect(w.spawned.slice(0, 2).every((worker) => worker.terminated)).toBe(true);
    w.pool.send({ type: 'reset' });
    expect(w.spawned).toHaveLength(4);
    expect(w.spawned[2].sent[0]).toMatchObject({ type: 'init', play: true, variants: ['plain'] });
  });

  it('takes a paused worker that does not answer a command for stopped, but not one that answers', () => {
    const w = watchedPool();
    w.start();
    w.pool.send({ type: 'step', count: 10 });
    // The first answers at once and pauses again; the second never answers.
    w.state(w.spawned[0], 'running', 0);
    w.state(w.spawned[0], 'paused', 10);
    w.advance(SILENCE_MS + SILENCE_MS / QUIET_CHECKS);
    expect(w.crashes).toHaveLength(1);
    expect(w.crashes[0]).toMatch(/^The training worker stopped: it sent nothing for 8 s\./);
  });

  it('does not count silence while paused, loading (saying so) or stopped by an error, nor when the page wakes from a freeze', () => {
    const w = watchedPool();
    w.start();
    w.advance(10 * SILENCE_MS);
    expect(w.pending()).toBe(0); // paused and answered: nothing armed
    // A slow MNIST download: commands queue behind it unanswered, and that is fine while the workers say they are loading.
    w.pool.send({ type: 'init', config: { ...TINY, dataset: 'mnist' }, play: true });
    w.spawned.forEach((worker) => w.state(worker, 'loading', 0));
    w.pool.send({ type: 'setConfig', patch: { learningRate: 0.1 } });
    for (let t = 0; t < 10 * SILENCE_MS; t += LOADING_HEARTBEAT_MS) {
      w.advance(LOADING_HEARTBEAT_MS);
      w.spawned.forEach((worker) => w.state(worker, 'loading', 0));
    }
    expect(w.crashes).toEqual([]);
    // Running, then the page freezes for a minute: its next timer fires late, once; the workers' news lands after it.
    w.spawned.forEach((worker) => w.state(worker, 'running', 0));
    w.freeze(60_000);
    expect(w.crashes).toEqual([]);
    w.spawned.forEach((worker) => w.state(worker, 'running', 500));
    w.advance(SILENCE_MS / 2);
    w.spawned.forEach((worker) => w.state(worker, 'error', 500));
    w.pool.send({ type: 'pause' });
    w.advance(10 * SILENCE_MS);
    expect(w.crashes).toEqual([]);
  });

  it('takes a worker that never answers its first init, or stops saying it is loading, for stopped', () => {
    // Never started (its script did not run, or it hangs before a word): the run would read "loading…" forever.
    const never = watchedPool();
    never.pool.send({ type: 'init', config: TINY, play: true });
    never.state(never.spawned[0], 'loading', 0);
    for (let t = 0; t < 2 * SILENCE_MS; t += LOADING_HEARTBEAT_MS) {
      never.advance(LOADING_HEARTBEAT_MS);
      never.state(never.spawned[0], 'loading', 0);
    }
    expect(never.crashes).toHaveLength(1);
    expect(never.crashes[0]).toMatch(/^The training worker stopped: it sent nothing for 8 s\./);

    // Said 'loading', then fell silent (killed mid-download): reported too, though it owes no answer.
    const hung = watchedPool();
    hung.start();
    hung.pool.send({ type: 'reset' });
    hung.spawned.forEach((worker) => hung.state(worker, 'loading', 0));
    hung.advance(SILENCE_MS - LOADING_HEARTBEAT_MS);
    hung.state(hung.spawned[0], 'loading', 0);
    hung.state(hung.spawned[1], 'loading', 0);
    expect(hung.crashes).toEqual([]);
    hung.advance(SILENCE_MS + SILENCE_MS / QUIET_CHECKS);
    expect(hung.crashes).toHaveLength(1);
  });
});
