import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectWorker } from '../../src/store/bridge.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { Command, WorkerClient } from '../../src/worker/protocol.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { fakePool } from '../worker/inProcessWorkers.ts';
import type { FakeWorker } from '../worker/inProcessWorkers.ts';
import { readyEvent } from './fixtures.ts';

const store = useExperimentStore;
const NETWORKS: NetworkId[] = ['plain', 'bn'];
let spawned: FakeWorker[];
let pool: WorkerClient;
let disconnect: () => void;
/** Each fake worker's run counter. */
let runIds: number[];

beforeEach(() => {
  store.setState(store.getInitialState());
  ({ pool, spawned } = fakePool(2));
  runIds = [0, 0];
  disconnect = connectWorker(store, pool, { replaceUrl: null });
});

afterEach(() => {
  disconnect();
  pool.terminate();
});

/** The numbered commands each worker was sent, as [seq, depth asked for] (init: its config's). */
function numberedSent(worker: FakeWorker): [number, number | undefined][] {
  const depthOf = (c: Command): number | undefined => (c.type === 'init' ? c.config.depth : c.type === 'setConfig' ? c.patch.depth : undefined);
  return worker.sent.flatMap((c) => ('seq' in c && c.seq !== undefined ? [[c.seq, depthOf(c)] as [number, number | undefined]] : []));
}

/** Worker `i` answers its numbered command `seq` the way the real worker does: a rebuilt run of `config`, then (for a setConfig) the settings applied. */
function answer(i: number, seq: number, config: ExperimentConfig, setConfig = true): void {
  runIds[i] += 1;
  const hiddenUnits = Array.from({ length: config.depth }, () => config.width);
  spawned[i].emit({ ...readyEvent(runIds[i], hiddenUnits), config, networks: [NETWORKS[i]], seq });
  if (setConfig) spawned[i].emit({ type: 'configApplied', config, reset: true, seq });
}

describe('a restarting setting typed faster than the workers rebuild', () => {
  it('ends on the value typed last: a run that newer settings overtook is shown, but never puts its settings back', () => {
    const start = store.getState().config;
    [0, 1].forEach((i) => answer(i, 1, start, false));
    const { setSetting } = store.getState().actions;
    const depths = [4, 5, 6, 2];
    depths.forEach((depth) => setSetting('depth', depth));
    expect(numberedSent(spawned[0]).slice(1)).toEqual([[2, 4], [3, 5], [4, 6], [5, 2]]);
    expect(store.getState().config.depth).toBe(2);

    // Both workers finish the first rebuild (depth 4) while depth 2 is the latest sent: the page shows that run...
    [0, 1].forEach((i) => answer(i, 2, { ...start, depth: 4 }));
    expect(store.getState().history?.hiddenUnits).toHaveLength(4);
    // ...but its settings stay the ones last sent, so a 4 typed now is a change, and is sent.
    expect(store.getState().config.depth).toBe(2);
    setSetting('depth', 4);
    expect(numberedSent(spawned[0]).at(-1)).toEqual([6, 4]);

    [3, 4, 5].forEach((seq, k) => [0, 1].forEach((i) => answer(i, seq, { ...start, depth: [5, 6, 2][k] })));
    expect(store.getState().config.depth).toBe(4);
    [0, 1].forEach((i) => answer(i, 6, { ...start, depth: 4 }));
    const end = store.getState();
    expect(end.config.depth).toBe(4);
    expect(end.history?.hiddenUnits).toHaveLength(4);
    expect(end.history?.networks.map((n) => n.id)).toEqual(NETWORKS);
  });

  it('takes the settings of a run built by the latest command, as the worker built them', () => {
    const start = store.getState().config;
    [0, 1].forEach((i) => answer(i, 1, start, false));
    store.getState().actions.setSetting('depth', 5);
    // The worker's run is the authority once it answers the latest command (here it kept a different width).
    const built = { ...start, depth: 5, width: start.width + 1 };
    [0, 1].forEach((i) => answer(i, 2, built, false));
    expect(store.getState().config).toEqual(built);
  });
});
