import { afterEach, describe, expect, it } from 'vitest';
import { networkGroups } from '../../src/worker/groups.ts';
import { paceLead } from '../../src/worker/progress.ts';
import type { WorkerClient } from '../../src/worker/protocol.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import type { RunState, WorkerEvent } from '../../src/worker/protocol.ts';
import { frame, readyEvent } from '../store/fixtures.ts';
import { fakePool } from './inProcessWorkers.ts';
import type { FakeWorker } from './inProcessWorkers.ts';
import { TINY } from './harness.ts';

const GROUPS: NetworkId[][] = [['plain'], ['bn']];

interface Setup {
  pool: WorkerClient;
  /** Every worker spawned, in order (restarts add more). */
  spawned: FakeWorker[];
  events: WorkerEvent[];
  crashes: string[];
  ofType<T extends WorkerEvent['type']>(type: T): Extract<WorkerEvent, { type: T }>[];
}

let setup: Setup | null = null;
afterEach(() => setup?.pool.terminate());

function start(groups: NetworkId[][] = GROUPS): Setup {
  // The pool groups the config's networks over `groups.length` workers: GROUPS is what 2 workers give.
  const { pool, spawned } = fakePool(groups.length);
  const events: WorkerEvent[] = [];
  const crashes: string[] = [];
  pool.onEvent((e) => events.push(e));
  pool.onCrash((m) => crashes.push(m));
  const ofType = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  setup = { pool, spawned, events, crashes, ofType };
  return setup;
}

/** What a worker training `networks` sends for run `runId`. */
const ready = (runId: number, networks: NetworkId[]): WorkerEvent => ({ ...readyEvent(runId), networks });
const snap = (runId: number, id: NetworkId, step: number, diverged = false): WorkerEvent => ({
  type: 'snapshot',
  runId,
  snapshot: {
    step,
    stepsPerSecond: id === 'bn' ? 300 : 500,
    tracked: { layer: 2, unit: 0 },
    frames: [diverged ? { ...frame(id, step), layers: [], tracked: null, status: { type: 'diverged', step: 3, reason: 'NaN' } } : frame(id, step)],
  },
});
const state = (runId: number, s: RunState, step: number): WorkerEvent => ({ type: 'state', runId, state: s, step });

/** Both fake workers answer an init: ready, step-0 snapshot, paused. */
function bothReady(s: Setup, runId = 1): void {
  s.spawned.forEach((w, i) => {
    w.emit(ready(runId, GROUPS[i]));
    w.emit(snap(runId, GROUPS[i][0], 0));
    w.emit(state(runId, 'paused', 0));
  });
}

describe('splitting the networks over workers', () => {
  it('gives each network a worker of its own when there are cores for it, and one worker all of them otherwise', () => {
    expect(networkGroups(['plain', 'bn'], 2)).toEqual([['plain'], ['bn']]);
    expect(networkGroups(['plain', 'bn'], 8)).toEqual([['plain'], ['bn']]);
    expect(networkGroups(['plain', 'bn'], 1)).toEqual([['plain', 'bn']]);
    expect(networkGroups(['plain', 'bn'], 0)).toEqual([['plain', 'bn']]);
    expect(networkGroups(['plain', 'bn'], Number.NaN)).toEqual([['plain', 'bn']]);
  });
});

describe('the worker pool', () => {
  it('sends init to every worker with its networks, and every other command to all', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: true });
    s.pool.send({ type: 'step', count: 7 });
    s.pool.send({ type: 'setConfig', patch: { learningRate: 2 } });
    expect(s.spawned).toHaveLength(2);
    expect(s.spawned[0].sent).toEqual([
      { type: 'init', config: TINY, play: true, variants: ['plain'], paced: true, seq: 1 },
      { type: 'step', count: 7 },
      { type: 'setConfig', patch: { learningRate: 2 }, seq: 2 },
    ]);
    expect(s.spawned[1].sent[0]).toEqual({ type: 'init', config: TINY, play: true, variants: ['bn'], paced: true, seq: 1 });
    expect(s.spawned[1].sent.slice(1)).toEqual(s.spawned[0].sent.slice(1));
  });

  it('regroups its workers when a setting adds or drops the noisy network, and restarts the run from the new settings', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: false });
    bothReady(s);
    s.spawned.forEach((w) => w.emit(state(1, 'running', 40)));
    // The settings the workers said they run with, plus the patch.
    const known = { ...s.ofType('ready')[0].config, noisyBn: true };
    s.pool.send({ type: 'setConfig', patch: { noisyBn: true } });
    expect(s.spawned).toHaveLength(4);
    expect(s.spawned.slice(0, 2).every((w) => w.terminated)).toBe(true);
    expect(s.spawned.slice(2).map((w) => w.sent)).toEqual([
      [{ type: 'init', config: known, play: true, variants: ['plain', 'noisy'], paced: true, seq: 2 }],
      [{ type: 'init', config: known, play: true, variants: ['bn'], paced: true, seq: 2 }],
    ]);
    const [first, second] = s.spawned.slice(2);
    first.emit({ ...readyEvent(1), networks: ['plain', 'noisy'], config: known });
    second.emit({ ...readyEvent(1), networks: ['bn'], config: known });
    expect(s.ofType('ready').at(-1)).toMatchObject({ networks: ['plain', 'bn', 'noisy'] });
    // A setting that keeps the networks goes to the workers as it is.
    s.pool.send({ type: 'setConfig', patch: { noisyBn: true, learningRate: 2 } });
    expect(s.spawned).toHaveLength(4);
    expect(second.sent.at(-1)).toEqual({ type: 'setConfig', patch: { noisyBn: true, learningRate: 2 }, seq: 3 });
    // An init with the twins again goes back to one worker per twin.
    s.pool.send({ type: 'init', config: TINY, play: false });
    expect(s.spawned).toHaveLength(6);
    expect(s.spawned.slice(4).map((w) => w.sent[0])).toEqual([
      { type: 'init', config: TINY, play: false, variants: ['plain'], paced: true, seq: 4 },
      { type: 'init', config: TINY, play: false, variants: ['bn'], paced: true, seq: 4 },
    ]);
  });

  it('keeps the faster worker within two evaluations of the slower one, raising its ceiling as the slower moves', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: true });
    bothReady(s);
    const config = s.ofType('ready')[0].config;
    const lead = paceLead(config);
    expect(lead).toBe(Math.max(100, 2 * config.evalEvery));
    const ceilings = (w: FakeWorker) => w.sent.filter((c) => c.type === 'ceiling').map((c) => (c as { step: number | null }).step);
    const [plain, bn] = s.spawned;
    expect(ceilings(plain)).toEqual([lead]);
    expect(ceilings(bn)).toEqual([lead]);
    // The slower network moves less than half a lead: no new message; half a lead or more: one.
    plain.emit(state(1, 'running', lead));
    bn.emit(state(1, 'running', lead / 2 - 1));
    expect(ceilings(plain)).toEqual([lead]);
    bn.emit(state(1, 'running', lead / 2));
    expect(ceilings(plain)).toEqual([lead, lead + lead / 2]);
    expect(ceilings(bn)).toEqual([lead, lead + lead / 2]);
    // The slower one stops (a 'step N' reached, or a pause): the ceiling follows it exactly, so nothing waits forever.
    bn.emit(state(1, 'paused', lead / 2 + 3));
    expect(ceilings(plain).at(-1)).toBe(lead / 2 + 3 + lead);
    // The slower one diverges: the other trains on without a limit.
    bn.emit(snap(1, 'bn', lead, true));
    expect(ceilings(plain).at(-1)).toBeNull();
  });

  it('announces one run when every worker is ready, with all networks in display order, then the frames that waited', () => {
    const s = start();
    const [plain, bn] = s.spawned;
    bn.emit(ready(1, ['bn']));
    bn.emit(snap(1, 'bn', 0));
    expect(s.ofType('ready')).toEqual([]);
    expect(s.ofType('snapshot')).toEqual([]);
    plain.emit(ready(1, ['plain']));
    expect(s.ofType('ready')).toHaveLength(1);
    expect(s.ofType('ready')[0]).toMatchObject({ runId: 1, networks: ['plain', 'bn'], kernel: 'js' });
    expect(s.ofType('snapshot').map((e) => [e.runId, e.snapshot.frames.map((f) => f.id)])).toEqual([[1, ['bn']]]);
    expect(s.events.findIndex((e) => e.type === 'ready')).toBeLessThan(s.events.findIndex((e) => e.type === 'snapshot'));
    plain.emit(snap(1, 'plain', 0));
    expect(s.ofType('snapshot')).toHaveLength(2);
  });

  it('shows the step of the slower network, and the speed of the slower one while both run', () => {
    const s = start();
    bothReady(s);
    const [plain, bn] = s.spawned;
    plain.emit(state(1, 'running', 0));
    bn.emit(state(1, 'running', 0));
    plain.emit(snap(1, 'plain', 500));
    bn.emit(snap(1, 'bn', 300));
    plain.emit(snap(1, 'plain', 1000));
    const steps = s.ofType('snapshot').slice(-3).map((e) => e.snapshot.step);
    expect(steps).toEqual([0, 300, 300]);
    expect(s.ofType('snapshot').at(-1)!.snapshot.stepsPerSecond).toBe(300);
    // The frames keep their own steps.
    expect(s.ofType('snapshot').at(-1)!.snapshot.frames[0]).toMatchObject({ id: 'plain', step: 1000 });
    bn.emit(state(1, 'running', 450));
    expect(s.ofType('state').at(-1)).toEqual({ type: 'state', runId: 1, state: 'running', step: 450 });
  });

  it('leaves a worker whose networks all diverged out of the step, and calls the run finished when the others finish', () => {
    const s = start();
    bothReady(s);
    const [plain, bn] = s.spawned;
    bn.emit(state(1, 'running', 0));
    plain.emit(snap(1, 'plain', 3, true));
    plain.emit(state(1, 'paused', 3));
    bn.emit(snap(1, 'bn', 800));
    expect(s.ofType('snapshot').at(-1)!.snapshot.step).toBe(800);
    expect(s.ofType('state').at(-1)).toMatchObject({ state: 'running' });
    bn.emit(snap(1, 'bn', 1000));
    bn.emit(state(1, 'finished', 1000));
    expect(s.ofType('state').at(-1)).toMatchObject({ state: 'finished', step: 1000 });
  });

  it('merges run states: loading or error if any, running if any, finished only when all finished', () => {
    const s = start();
    bothReady(s);
    const [plain, bn] = s.spawned;
    const last = () => s.ofType('state').at(-1)!.state;
    expect(last()).toBe('paused');
    plain.emit(state(1, 'running', 10));
    expect(last()).toBe('running');
    plain.emit(state(1, 'finished', 100));
    expect(last()).toBe('paused');
    bn.emit(state(1, 'finished', 100));
    expect(last()).toBe('finished');
    bn.emit(state(1, 'loading', 100));
    expect(last()).toBe('loading');
    plain.emit(state(1, 'error', 100));
    expect(last()).toBe('error');
  });

  it('drops snapshots of a worker\'s old run, and numbers its own runs', () => {
    const s = start();
    bothReady(s);
    const [plain, bn] = s.spawned;
    plain.emit(ready(2, ['plain']));
    plain.emit(snap(1, 'plain', 70));
    bn.emit(snap(1, 'bn', 70));
    bn.emit(ready(2, ['bn']));
    const readies = s.ofType('ready');
    expect(readies.map((r) => r.runId)).toEqual([1, 2]);
    const after = s.events.slice(s.events.indexOf(readies[1]));
    expect(after.filter((e) => e.type === 'snapshot')).toEqual([]);
    // A worker that rebuilt once more than the other (its data failed to load once) still pairs with it.
    bn.emit(ready(3, ['bn']));
    plain.emit(ready(3, ['plain']));
    plain.emit(ready(4, ['plain']));
    bn.emit(ready(4, ['bn']));
    expect(s.ofType('ready').map((r) => r.runId)).toEqual([1, 2, 3, 4]);
  });

  it('says paused only once a pause has brought every worker to one step, so neither the state nor the counter moves after', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: true });
    bothReady(s);
    const [plain, bn] = s.spawned;
    plain.emit(state(1, 'running', 40));
    bn.emit(state(1, 'running', 40));
    s.pool.send({ type: 'pause' });
    const states = () => s.ofType('state').map((e) => `${e.state} ${e.step}`);
    const before = states().length;
    // Each stops where its last slice ended: the plain network at 445, the BN one at 402.
    plain.emit(state(1, 'paused', 445));
    bn.emit(state(1, 'paused', 402));
    expect(bn.sent.at(-1)).toEqual({ type: 'step', count: 43 });
    expect(states().slice(before)).toEqual(['running 402']);
    bn.emit(state(1, 'running', 402));
    bn.emit(state(1, 'paused', 445));
    expect(states().slice(before)).toEqual(['running 402', 'paused 445']);
  });

  it('pairs only runs built by one command: a worker a rebuild behind is waited for, not paired with the other\'s newer run', () => {
    const s = start();
    const [plain, bn] = s.spawned;
    const deeper = { ...TINY, depth: 2 };
    // Two quick presets, then a reset: each command numbered once, the same number to every worker.
    s.pool.send({ type: 'init', config: TINY, play: true });
    s.pool.send({ type: 'init', config: deeper, play: true });
    s.pool.send({ type: 'reset' });
    s.pool.send({ type: 'pause' });
    for (const worker of [plain, bn]) expect(worker.sent.map((c) => ('seq' in c ? c.seq : null))).toEqual([1, 2, 3, null]);
    const built = (worker: FakeWorker, runId: number, networks: NetworkId[], config: typeof TINY, seq: number): void => worker.emit({ ...readyEvent(runId), networks, config, seq });
    // The plain network's worker builds both presets before the other has built the first.
    built(plain, 1, ['plain'], TINY, 1);
    built(plain, 2, ['plain'], deeper, 2);
    plain.emit(snap(2, 'plain', 0));
    built(bn, 1, ['bn'], TINY, 1);
    bn.emit(snap(1, 'bn', 0));
    expect(s.ofType('ready')).toEqual([]);
    built(bn, 2, ['bn'], deeper, 2);
    bn.emit(snap(2, 'bn', 0));
    expect(s.ofType('ready').map((r) => [r.runId, r.config.depth])).toEqual([[1, 2]]);
    expect(s.ofType('snapshot').map((e) => [e.runId, e.snapshot.frames.map((f) => f.id)])).toEqual([[1, ['plain']], [1, ['bn']]]);
    // Then the reset: paired again, both networks' frames go on.
    built(bn, 3, ['bn'], deeper, 3);
    built(plain, 3, ['plain'], deeper, 3);
    plain.emit(snap(3, 'plain', 10));
    bn.emit(snap(3, 'bn', 10));
    expect(s.ofType('ready').map((r) => r.runId)).toEqual([1, 2]);
    expect(s.ofType('snapshot').slice(2).map((e) => [e.runId, e.snapshot.frames.map((f) => f.id)])).toEqual([[2, ['plain']], [2, ['bn']]]);
  });

  it('marks a run whose command newer settings overtook, so the page keeps the settings last sent', () => {
    const s = start();
    const [plain, bn] = s.spawned;
    s.pool.send({ type: 'init', config: TINY, play: true });
    s.pool.send({ type: 'setConfig', patch: { depth: 4 } });
    s.pool.send({ type: 'setConfig', patch: { depth: 2 } });
    const built = (seq: number, depth: number): void => {
      plain.emit({ ...readyEvent(seq), networks: ['plain'], config: { ...TINY, depth }, seq });
      bn.emit({ ...readyEvent(seq), networks: ['bn'], config: { ...TINY, depth }, seq });
    };
    built(1, TINY.depth);
    built(2, 4);
    built(3, 2);
    expect(s.ofType('ready').map((r) => [r.config.depth, r.overtaken ?? false])).toEqual([[TINY.depth, true], [4, true], [2, false]]);
    // A run of an unnumbered command (a single worker, old messages) is never marked.
    plain.emit({ ...readyEvent(4), networks: ['plain'] });
    bn.emit({ ...readyEvent(4), networks: ['bn'] });
    expect(s.ofType('ready').at(-1)).not.toHaveProperty('overtaken');
  });

  it('regroups from the settings last sent, though no worker has answered them yet', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: false });
    bothReady(s);
    const known = s.ofType('ready')[0].config;
    // Depth typed, then the noisy network switched on before the workers rebuilt for the depth.
    s.pool.send({ type: 'setConfig', patch: { depth: 4 } });
    s.pool.send({ type: 'track', layer: 1, unit: 2 });
    s.pool.send({ type: 'setConfig', patch: { noisyBn: true } });
    const expected = { ...known, depth: 4, trackedLayer: 1, trackedUnit: 2, noisyBn: true };
    expect(s.spawned.slice(2).map((w) => w.sent[0])).toEqual([
      { type: 'init', config: expected, play: false, variants: ['plain', 'noisy'], paced: true, seq: 3 },
      { type: 'init', config: expected, play: false, variants: ['bn'], paced: true, seq: 3 },
    ]);
  });

  it('passes on one configApplied per setConfig, none that newer settings overtook, and every error', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: false });
    bothReady(s);
    const [plain, bn] = s.spawned;
    s.pool.send({ type: 'setConfig', patch: { learningRate: 2 } });
    const applied: WorkerEvent = { type: 'configApplied', config: { ...TINY, learningRate: 2 }, reset: false, seq: 2 };
    plain.emit(applied);
    bn.emit(applied);
    expect(s.ofType('configApplied')).toEqual([applied]);
    // Depth typed twice in a row: the answer to the first arrives after the second was sent, and is dropped.
    s.pool.send({ type: 'setConfig', patch: { depth: 4 } });
    s.pool.send({ type: 'setConfig', patch: { depth: 2 } });
    const first: WorkerEvent = { type: 'configApplied', config: { ...TINY, learningRate: 2, depth: 4 }, reset: true, seq: 3 };
    const second: WorkerEvent = { type: 'configApplied', config: { ...TINY, learningRate: 2, depth: 2 }, reset: true, seq: 4 };
    bn.emit(first);
    plain.emit(first);
    expect(s.ofType('configApplied')).toEqual([applied]);
    bn.emit(second);
    plain.emit(second);
    expect(s.ofType('configApplied')).toEqual([applied, second]);
    bn.emit({ type: 'error', message: 'boom', fatal: true });
    expect(s.ofType('error')).toEqual([{ type: 'error', message: 'boom', fatal: true }]);
  });

  it('stops every worker when one crashes, says so, and restarts them on reset with the latest settings', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: true });
    bothReady(s);
    s.pool.send({ type: 'setConfig', patch: { learningRate: 2 } });
    s.spawned[0].emit({ type: 'configApplied', config: { ...TINY, learningRate: 2 }, reset: false, seq: 2 });
    s.pool.send({ type: 'track', layer: 0, unit: 3 });
    s.spawned[1].crash('The training worker stopped: out of memory.');
    expect(s.crashes).toEqual(['The training worker stopped: out of memory. Reset restarts it with the same settings.']);
    expect(s.spawned.map((w) => w.terminated)).toEqual([true, true]);
    // Old workers are deaf and mute now; commands wait for the restart.
    const sentBefore = s.spawned.map((w) => w.sent.length);
    s.pool.send({ type: 'step', count: 5 });
    s.pool.send({ type: 'setConfig', patch: { momentum: 0.5 } });
    expect(s.spawned.map((w) => w.sent.length)).toEqual(sentBefore);
    s.spawned[0].emit(snap(1, 'plain', 99));
    expect(s.ofType('snapshot').some((e) => e.snapshot.frames[0].step === 99)).toBe(false);

    s.pool.send({ type: 'reset' });
    expect(s.spawned).toHaveLength(4);
    const expected = { ...TINY, learningRate: 2, trackedLayer: 0, trackedUnit: 3, momentum: 0.5 };
    expect(s.spawned[2].sent).toEqual([{ type: 'init', config: expected, play: true, variants: ['plain'], paced: true, seq: 3 }]);
    expect(s.spawned[3].sent).toEqual([{ type: 'init', config: expected, play: true, variants: ['bn'], paced: true, seq: 3 }]);
    s.spawned[2].emit(ready(1, ['plain']));
    s.spawned[3].emit(ready(1, ['bn']));
    // The new run follows the old one, so the store takes it.
    expect(s.ofType('ready').map((r) => r.runId)).toEqual([1, 2]);
    s.spawned[2].crash('again');
    expect(s.crashes).toHaveLength(2);
  });

  it('reports a crash once however many workers report it', () => {
    const s = start();
    s.pool.send({ type: 'init', config: TINY, play: true });
    s.spawned[0].crash('a');
    s.spawned[1].crash('b');
    expect(s.crashes).toHaveLength(1);
  });

  it('is one worker with both networks on a single core, passing events through', () => {
    const s = start([['plain', 'bn']]);
    s.pool.send({ type: 'init', config: TINY, play: false });
    expect(s.spawned).toHaveLength(1);
    // Alone, it is not paced: its runs start without a ceiling.
    expect(s.spawned[0].sent[0]).toMatchObject({ variants: ['plain', 'bn'], paced: false });
    s.spawned[0].emit(readyEvent(5));
    expect(s.ofType('ready')[0]).toMatchObject({ runId: 1, networks: ['plain', 'bn'] });
  });
});

describe('the worker pool in batches', () => {
  it('passes events on together, in order, at most once per batch interval', () => {
    const timers: (() => void)[] = [];
    const { pool, spawned } = fakePool(GROUPS.length, { batchMs: 80, setTimer: (task, ms) => {
      expect(ms).toBe(80);
      timers.push(task);
    } });
    const seen: string[] = [];
    pool.onEvent((e) => seen.push(e.type === 'snapshot' ? `snapshot ${e.snapshot.frames[0].id} ${e.snapshot.frames[0].step}` : e.type));
    spawned[0].emit(ready(1, ['plain']));
    spawned[1].emit(ready(1, ['bn']));
    spawned[0].emit(snap(1, 'plain', 0));
    spawned[1].emit(snap(1, 'bn', 0));
    expect(seen).toEqual([]);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    expect(seen).toEqual(['ready', 'state', 'snapshot plain 0', 'snapshot bn 0']);
    spawned[0].emit(snap(1, 'plain', 60));
    spawned[0].emit(snap(1, 'plain', 120));
    expect(timers).toHaveLength(1);
    timers.shift()!();
    expect(seen.slice(4)).toEqual(['snapshot plain 60', 'snapshot plain 120']);
    // A crash delivers what was held first.
    spawned[1].emit(snap(1, 'bn', 50));
    const crashes: string[] = [];
    pool.onCrash((m) => crashes.push(`${m} after ${seen.length} events`));
    spawned[1].crash('gone');
    expect(crashes).toEqual(['gone. Reset restarts it with the same settings. after 7 events']);
    pool.terminate();
  });

  it('judges a held run and settings answer as they are passed on: newer settings sent meanwhile overtake them', () => {
    const timers: (() => void)[] = [];
    const { pool, spawned } = fakePool(GROUPS.length, { batchMs: 80, setTimer: (task) => timers.push(task) });
    const seen: WorkerEvent[] = [];
    pool.onEvent((e) => seen.push(e));
    pool.send({ type: 'init', config: TINY, play: true });
    pool.send({ type: 'setConfig', patch: { depth: 4 } });
    const built = (seq: number, config: typeof TINY): void => spawned.forEach((w, i) => {
      w.emit({ ...readyEvent(seq), networks: GROUPS[i], config, seq });
      if (seq > 1) w.emit({ type: 'configApplied', config, reset: true, seq });
    });
    built(1, TINY);
    built(2, { ...TINY, depth: 4 });
    // Both answers to depth 4 came while it was the latest, but the batch still holds them when depth 2 is sent.
    pool.send({ type: 'setConfig', patch: { depth: 2 } });
    timers.shift()!();
    const answers = (): unknown[] => seen.flatMap((e) => (e.type === 'ready' ? [['ready', e.config.depth, e.overtaken ?? false]] : e.type === 'configApplied' ? [['applied', e.config.depth]] : []));
    expect(answers()).toEqual([['ready', TINY.depth, true], ['ready', 4, true]]);
    built(3, { ...TINY, depth: 2 });
    timers.shift()!();
    expect(answers().slice(2)).toEqual([['applied', 2], ['ready', 2, false]]);
    pool.terminate();
  });
});
