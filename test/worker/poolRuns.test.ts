import { afterEach, describe, expect, it } from 'vitest';
import { connectWorker } from '../../src/store/bridge.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { RunHistory } from '../../src/store/types.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { createWorkerPool } from '../../src/worker/pool.ts';
import type { WorkerClient } from '../../src/worker/protocol.ts';
import { inProcessWorker, scheduler } from './inProcessWorkers.ts';
import { TINY } from './harness.ts';

const store = useExperimentStore;
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

/** The store's history after `steps` steps of TINY, with the networks split as `groups`. */
async function historyWith(groups: NetworkId[][], steps: number, times: number): Promise<RunHistory> {
  store.setState(store.getInitialState());
  store.setState({ config: TINY, presetId: null });
  const queue = scheduler();
  const pool: WorkerClient = createWorkerPool(() => inProcessWorker(queue), groups.length);
  const disconnect = connectWorker(store, pool, { replaceUrl: null, play: false });
  cleanup.push(disconnect, () => pool.terminate());
  await queue.settle();
  for (let i = 0; i < times; i++) {
    store.getState().actions.step(steps);
    await queue.settle();
  }
  store.getState().actions.track(0, 3);
  await queue.settle();
  store.getState().actions.step(steps);
  await queue.settle();
  const { history } = store.getState();
  if (!history) throw new Error('no history');
  return history;
}

/** A network's history as plain data. */
function plain(history: RunHistory, id: NetworkId): unknown {
  const network = history.networks.find((n) => n.id === id);
  return JSON.parse(JSON.stringify(network, (_key, value: unknown) => (value instanceof Uint32Array ? Array.from(value) : value)));
}

describe('a run in a pool of workers', () => {
  it('brings every worker to one step when paused, so every network shows the same step', async () => {
    store.setState(store.getInitialState());
    store.setState({ config: TINY, presetId: null });
    const queue = scheduler();
    // The BN worker is three times slower: left alone, a pause would find the two networks at different steps.
    let made = 0;
    const pool: WorkerClient = createWorkerPool(() => inProcessWorker(queue, made++ === 0 ? 1 : 3), 2);
    const disconnect = connectWorker(store, pool, { replaceUrl: null, play: false });
    cleanup.push(disconnect, () => pool.terminate());
    await queue.settle();
    store.getState().actions.play();
    await queue.settle(400);
    store.getState().actions.pause();
    await queue.settle();
    const { history, step, runState } = store.getState();
    const last = history!.networks.map((n) => n.steps[n.steps.length - 1]);
    expect(runState).toBe('paused');
    expect(last[0]).toBeGreaterThan(0);
    expect(last[1]).toBe(last[0]);
    expect(step).toBe(last[0]);
  });

  it('gives the store the same history per network with one worker per network as with one worker for both', async () => {
    const shared = await historyWith([['plain', 'bn']], 120, 3);
    const state1 = store.getState();
    expect(state1.step).toBe(480);
    expect(state1.runState).toBe('paused');
    const split = await historyWith([['plain'], ['bn']], 120, 3);
    const state2 = store.getState();
    expect(state2.step).toBe(480);
    expect(state2.runState).toBe('paused');
    expect(split.networks.map((n) => n.id)).toEqual(['plain', 'bn']);
    expect(split.tracked).toEqual({ layer: 0, unit: 3 });
    for (const id of ['plain', 'bn'] as const) {
      const network = shared.networks.find((n) => n.id === id)!;
      expect(network.steps.length).toBeGreaterThanOrEqual(5);
      expect(network.steps.at(-1)).toBe(480);
      expect(network.testSteps.length).toBeGreaterThanOrEqual(5);
      expect(plain(split, id)).toEqual(plain(shared, id));
    }
  });
});
