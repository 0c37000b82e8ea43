import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useExperimentStore } from '../../src/store/index.ts';
import { connectWorker } from '../../src/store/bridge.ts';
import type { BridgeClient } from '../../src/store/bridge.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import type { Command, WorkerEvent } from '../../src/worker/protocol.ts';
import { readyEvent, snapshot } from './fixtures.ts';

interface FakeClient extends BridgeClient {
  sent: Command[];
  emit(event: WorkerEvent): void;
  crash(message: string): void;
}

function fakeClient(): FakeClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const crashes = new Set<(message: string) => void>();
  const sent: Command[] = [];
  return {
    sent,
    send: (command) => sent.push(command),
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    onCrash: (listener) => (crashes.add(listener), () => crashes.delete(listener)),
    emit: (event) => listeners.forEach((l) => l(event)),
    crash: (message) => crashes.forEach((l) => l(message)),
  };
}

let client: FakeClient;
let urls: string[];
let disconnect: () => void;
const store = useExperimentStore;
const actions = () => store.getState().actions;

beforeEach(() => {
  store.setState(store.getInitialState());
  client = fakeClient();
  urls = [];
  disconnect = connectWorker(store, client, { replaceUrl: (q) => urls.push(q), urlDebounceMs: 0 });
});

afterEach(() => disconnect());

describe('connecting', () => {
  it('starts the paper preset playing', () => {
    expect(store.getState().presetId).toBe('paper-fig1');
    expect(client.sent).toEqual([{ type: 'init', config: configForPreset('paper-fig1'), play: true }]);
  });

  it('starts from a link, reports its bad values and writes it back in canonical form', () => {
    disconnect();
    store.setState(store.getInitialState());
    client = fakeClient();
    disconnect = connectWorker(store, client, { search: '?preset=spiral&learningRate=banana&depth=2', replaceUrl: (q) => urls.push(q) });
    const state = store.getState();
    expect(state.presetId).toBe('spiral');
    expect(state.config).toEqual({ ...configForPreset('spiral'), depth: 2 });
    expect(state.notices.map((n) => n.kind)).toEqual(['error']);
    expect(state.notices[0].items).toEqual([expect.stringMatching(/^learningRate must be a number/)]);
    expect(urls).toEqual(['preset=spiral&depth=2']);
    expect(client.sent[0]).toMatchObject({ type: 'init', config: { depth: 2, dataset: 'spiral' } });
  });

  it('takes the shared scales from the link, names a bad word, and writes a change back to the address bar', () => {
    disconnect();
    store.setState(store.getInitialState());
    const written: string[] = [];
    disconnect = connectWorker(store, fakeClient(), {
      search: '?preset=spiral&shared=layers,axes', replaceUrl: () => {}, replaceSharedScales: (scales) => written.push(JSON.stringify(scales)),
    });
    expect(store.getState().sharedScales).toEqual({ figure1: false, layers: true });
    expect(store.getState().notices[0].items).toEqual(['shared takes figure1 and layers (got "axes"); ignored']);
    actions().setSharedScale('figure1', true);
    actions().setSharedScale('figure1', true);
    expect(written).toEqual([JSON.stringify({ figure1: true, layers: true })]);
  });

  it('opens a link that names no preset as the preset it equals, else as custom', () => {
    for (const [search, presetId, url] of [['', 'paper-fig1', 'preset=paper-fig1'], ['?learningRate=banana', 'paper-fig1', 'preset=paper-fig1'], ['?depth=2', null, 'depth=2']] as const) {
      disconnect();
      store.setState(store.getInitialState());
      urls = [];
      disconnect = connectWorker(store, fakeClient(), { search, replaceUrl: (q) => urls.push(q) });
      expect(store.getState().presetId).toBe(presetId);
      expect(urls).toEqual([url]);
    }
  });
});

describe('actions', () => {
  it('send play, pause, step and reset', () => {
    client.sent.length = 0;
    actions().play();
    actions().pause();
    actions().step(10);
    actions().reset();
    expect(client.sent).toEqual([{ type: 'play' }, { type: 'pause' }, { type: 'step', count: 10 }, { type: 'reset' }]);
  });

  it('refuse a step count that is not a whole number', () => {
    client.sent.length = 0;
    actions().step(2.5);
    expect(client.sent).toEqual([]);
    expect(store.getState().notices[0]).toMatchObject({ kind: 'error' });
  });

  it('send a live setting as setConfig with no notice', () => {
    client.sent.length = 0;
    actions().setSetting('learningRate', 2);
    expect(client.sent).toEqual([{ type: 'setConfig', patch: { learningRate: 2 } }]);
    expect(store.getState().config.learningRate).toBe(2);
    expect(store.getState().notices).toEqual([]);
  });

  it('send a restarting setting as setConfig and say the run restarts', () => {
    client.sent.length = 0;
    actions().setSetting('batchSize', 32);
    expect(client.sent).toEqual([{ type: 'setConfig', patch: { batchSize: 32 } }]);
    expect(store.getState().notices).toEqual([{ id: expect.any(Number), kind: 'info', text: 'Changing Batch size restarts the run.' }]);
  });

  it('carry a tracked unit the new shape lacks back to the default', () => {
    actions().track(2, 99);
    client.sent.length = 0;
    actions().setSetting('width', 50);
    expect(client.sent).toEqual([{ type: 'setConfig', patch: { width: 50, trackedUnit: 0 } }]);
  });

  it('refuse a value out of range with a notice naming it, and send nothing', () => {
    client.sent.length = 0;
    actions().setSetting('depth', 99);
    expect(client.sent).toEqual([]);
    expect(store.getState().config.depth).toBe(3);
    expect(store.getState().notices[0].text).toBe('depth must be a whole number from 1 to 16 (got "99")');
  });

  it('send a view setting as track', () => {
    client.sent.length = 0;
    actions().setSetting('trackedUnit', 7);
    expect(client.sent).toEqual([{ type: 'track', layer: -1, unit: 7 }]);
  });

  it('apply a preset: its config, its id, and a playing re-init', () => {
    client.sent.length = 0;
    actions().applyPreset('spiral');
    expect(store.getState().presetId).toBe('spiral');
    expect(store.getState().config).toEqual(configForPreset('spiral'));
    expect(client.sent).toEqual([{ type: 'init', config: configForPreset('spiral'), play: true }]);
  });

  it('keep view state local', () => {
    client.sent.length = 0;
    actions().setScrubStep(40);
    actions().setHistogramMode('ridgeline');
    expect(store.getState()).toMatchObject({ scrubStep: 40, histogramMode: 'ridgeline' });
    expect(client.sent).toEqual([]);
  });

  it('dismiss a notice by id', () => {
    actions().setSetting('depth', 99);
    actions().setSetting('batchSize', 64);
    const [first, second] = store.getState().notices;
    actions().dismissNotice(first.id);
    expect(store.getState().notices).toEqual([second]);
  });
});

describe('worker events', () => {
  it('open a history on ready and land snapshots in it', () => {
    client.emit(readyEvent(1));
    client.emit({ type: 'snapshot', runId: 1, snapshot: snapshot(0) });
    client.emit({ type: 'snapshot', runId: 1, snapshot: snapshot(50) });
    client.emit({ type: 'state', runId: 1, state: 'running', step: 50 });
    const state = store.getState();
    expect(state.history?.networks[0].steps).toEqual([0, 50]);
    expect(state.history?.version).toBe(2);
    expect(state).toMatchObject({ step: 50, stepsPerSecond: 100, runState: 'running', kernel: 'js' });
  });

  it('drop snapshots and states of a stale run', () => {
    client.emit(readyEvent(1));
    client.emit({ type: 'snapshot', runId: 1, snapshot: snapshot(10) });
    client.emit(readyEvent(2));
    client.emit({ type: 'snapshot', runId: 1, snapshot: snapshot(20) });
    client.emit({ type: 'state', runId: 1, state: 'running', step: 20 });
    client.emit({ type: 'snapshot', runId: 2, snapshot: snapshot(0) });
    const state = store.getState();
    expect(state.history?.runId).toBe(2);
    expect(state.history?.networks[0].steps).toEqual([0]);
    expect(state.step).toBe(0);
    expect(state.runState).toBe('loading');
  });

  it('take the config the worker applied, and show errors', () => {
    client.emit({ type: 'configApplied', config: configForPreset('lr-x5'), reset: false });
    expect(store.getState().config.learningRate).toBe(2.5);
    client.emit({ type: 'error', message: 'Could not load the MNIST digits (HTTP 404); the 2-D datasets still work.', fatal: false });
    expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'error', text: expect.stringMatching(/MNIST/) });
    client.emit({ type: 'error', message: 'boom', fatal: true });
    expect(store.getState()).toMatchObject({ runState: 'error', error: 'boom' });
  });

  it('show a worker crash as a fatal error', () => {
    client.crash('The training worker crashed: out of memory.');
    expect(store.getState()).toMatchObject({ runState: 'error', error: 'The training worker crashed: out of memory.' });
  });
});

describe('the URL', () => {
  it('follows config and preset changes, debounced', async () => {
    actions().setSetting('batchSize', 32);
    actions().setSetting('learningRate', 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(urls).toEqual(['preset=paper-fig1&learningRate=1&batchSize=32']);
    actions().applyPreset('spiral');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(urls.at(-1)).toBe('preset=spiral');
  });
});
