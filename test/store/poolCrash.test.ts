import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectWorker } from '../../src/store/bridge.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { WorkerClient } from '../../src/worker/protocol.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { fakePool } from '../worker/inProcessWorkers.ts';
import type { FakeWorker } from '../worker/inProcessWorkers.ts';
import { frame, readyEvent } from './fixtures.ts';

const store = useExperimentStore;
let spawned: FakeWorker[];
let pool: WorkerClient;
let disconnect: () => void;

/** Worker `i` of the latest pair announces run `runId` and its frame at `step`. */
function answer(i: number, runId: number, step: number): void {
  const id: NetworkId = i % 2 === 0 ? 'plain' : 'bn';
  const worker = spawned[i];
  worker.emit({ ...readyEvent(runId), networks: [id] });
  worker.emit({ type: 'snapshot', runId, snapshot: { step, stepsPerSecond: 100, tracked: { layer: 2, unit: 0 }, frames: [frame(id, step)] } });
  worker.emit({ type: 'state', runId, state: 'running', step });
}

beforeEach(() => {
  store.setState(store.getInitialState());
  ({ pool, spawned } = fakePool(2));
  disconnect = connectWorker(store, pool, { replaceUrl: null });
});

afterEach(() => {
  disconnect();
  pool.terminate();
});

describe('the store when a training worker crashes', () => {
  it('shows the error, keeps settings and history, and restarts both workers on Reset', () => {
    answer(0, 1, 0);
    answer(1, 1, 0);
    spawned[0].emit({ type: 'snapshot', runId: 1, snapshot: { step: 50, stepsPerSecond: 100, tracked: { layer: 2, unit: 0 }, frames: [frame('plain', 50)] } });
    store.getState().actions.setSetting('learningRate', 0.25);
    spawned.forEach((w) => w.emit({ type: 'configApplied', config: { ...configForPreset('paper-fig1'), learningRate: 0.25 }, reset: false, seq: 2 }));
    const historyBefore = store.getState().history;
    expect(historyBefore?.networks[0].steps).toEqual([0, 50]);

    spawned[1].crash('The training worker stopped: out of memory.');
    const crashed = store.getState();
    expect(crashed.runState).toBe('error');
    expect(crashed.error).toBe('The training worker stopped: out of memory. Reset restarts it with the same settings.');
    expect(crashed.history).toBe(historyBefore);
    expect(crashed.config.learningRate).toBe(0.25);
    expect(spawned.every((w) => w.terminated)).toBe(true);

    store.getState().actions.reset();
    expect(spawned).toHaveLength(4);
    expect(spawned[2].sent).toEqual([{ type: 'init', config: { ...configForPreset('paper-fig1'), learningRate: 0.25 }, play: true, variants: ['plain'], paced: true, seq: 3 }]);
    answer(2, 1, 0);
    answer(3, 1, 0);
    const restarted = store.getState();
    expect(restarted.error).toBeNull();
    expect(restarted.runState).toBe('running');
    expect(restarted.history?.networks.map((n) => n.steps)).toEqual([[0], [0]]);
  });
});
