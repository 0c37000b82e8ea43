import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../src/experiment/session.ts';
import type { Session } from '../../src/experiment/types.ts';
import type { RecomputedStatistics } from '../../src/experiment/preciseStatistics.ts';
import { connectWorker } from '../../src/store/bridge.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import { recomputePreciseStatistics, recomputedNotice, useRecomputeStore } from '../../src/store/recompute.ts';
import { createWorkerPool } from '../../src/worker/pool.ts';
import type { WorkerClient, WorkerEvent } from '../../src/worker/protocol.ts';
import { readyEvent } from '../store/fixtures.ts';
import { harness, TINY } from './harness.ts';
import { fakePool, inProcessWorker, scheduler } from './inProcessWorkers.ts';

/** A handler harness that keeps the sessions it builds. */
function capturing() {
  const sessions: Session[] = [];
  const h = harness({
    createSession: (config, data, options) => {
      const session = createSession(config, data, options);
      sessions.push(session);
      return session;
    },
  });
  return { h, sessions };
}

const recomputed = (h: ReturnType<typeof harness>) => h.ofType('recomputed');

describe('the training handler: recompute precise statistics', () => {
  it('before the first step: answers with the BN network at step 0, its running statistics now the population\'s, and stays paused', async () => {
    const { h, sessions } = capturing();
    await h.handler.handle({ type: 'init', config: TINY, play: false });
    await h.handler.handle({ type: 'recomputeStatistics' });
    const [answer] = recomputed(h);
    expect(answer.runId).toBe(1);
    expect(answer.networks.map((n) => [n.id, n.step, n.layers, n.examples])).toEqual([['bn', 0, 3, 2000]]);
    expect(answer.networks[0].accuracyBefore).toBeGreaterThan(0);
    expect(answer.networks[0].accuracyAfter).toBeGreaterThan(0);
    expect(h.states().at(-1)).toBe('paused');
    // Recomputing again at the same weights gives the same accuracy: the statistics are already the population's.
    await h.handler.handle({ type: 'recomputeStatistics' });
    expect(recomputed(h)[1].networks[0].accuracyBefore).toBe(answer.networks[0].accuracyAfter);
    expect(sessions).toHaveLength(1);
  });

  it('while paused mid-run: training goes on exactly as without it (the weights never read the running statistics)', async () => {
    const runs = [];
    for (const press of [false, true]) {
      const h = harness();
      await h.handler.handle({ type: 'init', config: TINY, play: false });
      await h.handler.handle({ type: 'step', count: 40 });
      h.drain();
      if (press) await h.handler.handle({ type: 'recomputeStatistics' });
      await h.handler.handle({ type: 'step', count: 40 });
      h.drain();
      runs.push(h);
    }
    const [without, withPress] = runs;
    expect(recomputed(withPress)[0].networks[0].step).toBe(40);
    const lossOf = (h: ReturnType<typeof harness>) => h.snapshots().at(-1)?.frames.map((f) => [f.id, f.step, f.trainLoss]);
    expect(lossOf(withPress)).toEqual(lossOf(without));
    expect(withPress.snapshots().at(-1)?.step).toBe(80);
    expect(withPress.states().at(-1)).toBe('paused');
  });

  it('while running: answers between two slices and keeps running', async () => {
    const h = harness();
    await h.handler.handle({ type: 'init', config: TINY, play: true });
    h.runUntil(() => h.snapshots().length >= 3);
    await h.handler.handle({ type: 'recomputeStatistics' });
    const at = recomputed(h)[0].networks[0].step;
    expect(at).toBeGreaterThan(0);
    h.runUntil(() => (h.snapshots().at(-1)?.step ?? 0) > at + 100);
    expect(h.states().at(-1)).toBe('running');
    expect(h.ofType('error')).toEqual([]);
  });

  it('every BN-type network of the worker (BN, BN after, ghost BN, BN + noise), none without BN, LayerNorm or GroupNorm', async () => {
    const h = harness();
    await h.handler.handle({ type: 'init', config: { ...TINY, variants: 'plain,bn,bn-after,ghost,ln,gn', noisyBn: true }, play: false });
    await h.handler.handle({ type: 'step', count: 10 });
    h.drain();
    await h.handler.handle({ type: 'recomputeStatistics' });
    expect(recomputed(h)[0].networks.map((n) => n.id)).toEqual(['bn', 'noisy', 'bn-after', 'ghost']);
  });

  it('answers with no networks, and no error, without BN or before any run', async () => {
    const bare = harness();
    await bare.handler.handle({ type: 'recomputeStatistics' });
    expect(recomputed(bare)[0]).toEqual({ type: 'recomputed', runId: 0, networks: [] });
    const plain = harness();
    await plain.handler.handle({ type: 'init', config: { ...TINY, variants: 'plain' }, play: false });
    await plain.handler.handle({ type: 'recomputeStatistics' });
    expect(recomputed(plain)[0].networks).toEqual([]);
    expect([...bare.ofType('error'), ...plain.ofType('error')]).toEqual([]);
  });
});

describe('the worker pool: recompute precise statistics', () => {
  let pool: WorkerClient | null = null;
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    pool?.terminate();
    cleanup.forEach((f) => f());
    cleanup = [];
  });

  const answer = (id: RecomputedStatistics['id'], step: number): RecomputedStatistics => ({
    id, step, examples: 2000, layers: 3, accuracyBefore: 0.8, accuracyAfter: 0.85,
  });

  it('asks every worker, and passes on one answer, in display order, once the last worker has answered', () => {
    const pooled = fakePool(2);
    pool = pooled.pool;
    const { spawned } = pooled;
    const events: WorkerEvent[] = [];
    pool.onEvent((e) => events.push(e));
    pool.send({ type: 'init', config: TINY, play: false });
    spawned.forEach((w, i) => w.emit({ ...readyEvent(1), networks: [i === 0 ? 'plain' : 'bn'] }));
    pool.send({ type: 'recomputeStatistics' });
    expect(spawned.map((w) => w.sent.at(-1))).toEqual([{ type: 'recomputeStatistics' }, { type: 'recomputeStatistics' }]);
    spawned[1].emit({ type: 'recomputed', runId: 1, networks: [answer('ghost', 12), answer('bn', 12)] });
    expect(events.filter((e) => e.type === 'recomputed')).toEqual([]);
    spawned[0].emit({ type: 'recomputed', runId: 1, networks: [] });
    const merged = events.filter((e) => e.type === 'recomputed');
    expect(merged).toEqual([{ type: 'recomputed', runId: 1, networks: [answer('bn', 12), answer('ghost', 12)] }]);
    // A late or repeated answer with nothing asked is dropped.
    spawned[0].emit({ type: 'recomputed', runId: 1, networks: [] });
    expect(events.filter((e) => e.type === 'recomputed')).toHaveLength(1);
  });

  it('end to end with real handlers, two workers and several networks each: one notice with every BN network\'s accuracy before and after', async () => {
    const store = useExperimentStore;
    store.setState(store.getInitialState());
    const config = { ...TINY, variants: 'plain,bn,bn-after,ghost' };
    store.setState({ config, presetId: null });
    const queue = scheduler();
    pool = createWorkerPool(() => inProcessWorker(queue), 2);
    cleanup.push(connectWorker(store, pool, { replaceUrl: null, play: false }));
    await queue.settle();
    // Pressed before the first step, after some steps while paused, and while running.
    recomputePreciseStatistics();
    await queue.settle();
    expect(useRecomputeStore.getState().pending).toBe(false);
    store.getState().actions.step(30);
    await queue.settle();
    recomputePreciseStatistics();
    await queue.settle();
    store.getState().actions.play();
    await queue.settle(200);
    recomputePreciseStatistics();
    await queue.settle(400);
    store.getState().actions.pause();
    await queue.settle();
    const notices = store.getState().notices.filter((n) => n.text.startsWith('Recomputed the BN running mean'));
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(notices[0].text).toContain('at step 0');
    for (const notice of notices) {
      expect(notice.kind).toBe('info');
      expect(notice.text).toMatch(/with BN \d+\.\d% → \d+\.\d%; BN after activation \d+\.\d% → \d+\.\d%; ghost BN \d+\.\d% → \d+\.\d%/);
    }
    expect(notices.some((n) => n.text.includes('at step 30'))).toBe(true);
    expect(store.getState().error).toBeNull();
    expect(useRecomputeStore.getState().last?.networks.map((n) => n.id)).toEqual(['bn', 'bn-after', 'ghost']);
  });

  it('says so when there is nothing to recompute', () => {
    expect(recomputedNotice([])).toEqual({ kind: 'error', text: 'There are no BN running statistics to recompute: no network with BN is training in this run.', detail: '' });
    const words = recomputedNotice([answer('bn', 1200), { ...answer('noisy', 1250), accuracyAfter: null }]);
    expect(words.text).toBe('Recomputed the BN running mean and variance over 2,000 training examples at steps 1,200, 1,250 (precise BN). '
      + 'Test accuracy, running → recomputed statistics: with BN 80.0% → 85.0%; BN + noise 80.0% → not a number. Training is unchanged.');
    expect(words.detail).toContain('no longer replays bit for bit from its link');
  });
});
