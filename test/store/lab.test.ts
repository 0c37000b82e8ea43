import { describe, expect, it, vi } from 'vitest';
import { configForPreset } from '../../src/experiment/presets.ts';
import { createLabStore, estimateSeconds, openedSearch } from '../../src/store/lab.ts';
import type { LabStoreDeps } from '../../src/store/lab.ts';
import { readLabQuery, withLabQuery } from '../../src/store/labUrl.ts';
import type { LabUrlState } from '../../src/store/labUrl.ts';
import { decodeUrlState, encodeUrlState } from '../../src/url/codec.ts';
import type { LabEvent } from '../../src/worker/labProtocol.ts';

const config = configForPreset('spiral');

function fakeDeps(initialSearch = '') {
  const listeners: ((event: LabEvent) => void)[] = [];
  const cancels: number[] = [];
  const urls: (LabUrlState | null)[] = [];
  const runs: unknown[] = [];
  const deps: LabStoreDeps = {
    client: () => ({
      run: (request, listener) => {
        runs.push(request);
        listeners.push(listener);
        const runId = listeners.length;
        return { runId, cancel: () => cancels.push(runId) };
      },
    }),
    initialSearch,
    writeUrl: (state) => urls.push(state),
  };
  const emit = (event: LabEvent) => listeners.at(-1)?.(event);
  return { deps, emit, cancels, urls, runs };
}

const start = { jobId: 'lr-sweep', params: { steps: 50, factors: [1, 10] }, encoded: { steps: '50', factors: '1,10' }, config, cost: 200 };

describe('the lab URL', () => {
  it('round-trips a job and its params, and reads nothing from a query without lab', () => {
    const state = { jobId: 'lr-sweep', raw: { steps: '50', factors: '0.1,1,10' } };
    const query = withLabQuery('preset=spiral&learningRate=1e+3', state);
    expect(query).toBe('preset=spiral&learningRate=1e+3&lab=lr-sweep&lab.steps=50&lab.factors=0.1,1,10');
    expect(readLabQuery(`?${query}`)).toEqual(state);
    expect(readLabQuery('?preset=spiral&lab=')).toBe(null);
    expect(readLabQuery('')).toBe(null);
  });

  it('replaces the lab keys in place of old ones and keeps every other part exactly, bad escapes included', () => {
    const query = withLabQuery('?lab=old&preset=spiral&lab.x=1&theme=dark&bad=%E0%A4%A', { jobId: 'a b', raw: { 'k&': 'v=1' } });
    expect(query).toBe('preset=spiral&theme=dark&bad=%E0%A4%A&lab=a%20b&lab.k%26=v%3D1');
    expect(readLabQuery(query)).toEqual({ jobId: 'a b', raw: { 'k&': 'v=1' } });
    expect(withLabQuery(query, null)).toBe('preset=spiral&theme=dark&bad=%E0%A4%A');
  });

  it('is ignored by the experiment codec: no errors, the same config', () => {
    const search = `?${withLabQuery(encodeUrlState({ presetId: 'spiral', config: { ...config, batchSize: 16 } }), { jobId: 'lr-sweep', raw: { steps: '5' } })}`;
    const decoded = decodeUrlState(search);
    expect(decoded.errors).toEqual([]);
    expect(decoded.config).toEqual({ ...config, batchSize: 16 });
  });
});

describe('the lab store', () => {
  it('opens on the link\'s job and params, ready to run it once', () => {
    const { deps } = fakeDeps('?preset=spiral&lab=init-sweep&lab.steps=20');
    const store = createLabStore(deps);
    expect(store.getState()).toMatchObject({ open: true, jobId: 'init-sweep', raw: { steps: '20' }, autoRun: true, urlState: { jobId: 'init-sweep', raw: { steps: '20' } } });
    const plain = createLabStore(fakeDeps('?preset=spiral').deps);
    expect(plain.getState()).toMatchObject({ open: false, jobId: null, autoRun: false, urlState: null });
  });

  it('follows a run through progress to its result, and writes the result\'s job and params to the URL', () => {
    const { deps, emit, urls, runs } = fakeDeps();
    const store = createLabStore(deps);
    store.getState().actions.run(start);
    expect(runs).toEqual([{ jobId: 'lr-sweep', params: start.params, config }]);
    expect(store.getState().status).toEqual({ type: 'running', done: 0, total: 200, cancelling: false });
    emit({ type: 'progress', runId: 1, done: 120, total: 200 });
    expect(store.getState().status).toEqual({ type: 'running', done: 120, total: 200, cancelling: false });
    emit({ type: 'result', runId: 1, params: start.params, result: { ok: 1 }, paramErrors: [] });
    expect(store.getState().status).toEqual({ type: 'done' });
    expect(store.getState().outcome).toEqual({ ...start, result: { ok: 1 } });
    expect(urls).toEqual([{ jobId: 'lr-sweep', raw: start.encoded }]);
  });

  it('keeps the last result and its URL when a later run is cancelled or fails', () => {
    const { deps, emit, urls, cancels } = fakeDeps();
    const store = createLabStore(deps);
    store.getState().actions.run(start);
    emit({ type: 'result', runId: 1, params: start.params, result: 'first', paramErrors: [] });
    store.getState().actions.run({ ...start, encoded: { steps: '999' } });
    store.getState().actions.cancel();
    expect(cancels).toEqual([2]);
    expect(store.getState().status).toMatchObject({ type: 'running', cancelling: true });
    emit({ type: 'cancelled', runId: 2 });
    expect(store.getState().status).toEqual({ type: 'cancelled' });
    expect(store.getState().outcome?.result).toBe('first');
    store.getState().actions.run(start);
    emit({ type: 'error', runId: 3, message: 'The lab worker stopped: boom.' });
    expect(store.getState().status).toEqual({ type: 'error', message: 'The lab worker stopped: boom.' });
    expect(store.getState().outcome?.result).toBe('first');
    expect(urls).toHaveLength(1);
  });

  it('cancels a run still going when another starts, and clears the result and the URL', () => {
    const { deps, cancels, urls } = fakeDeps();
    const store = createLabStore(deps);
    store.getState().actions.run(start);
    store.getState().actions.run(start);
    expect(cancels).toEqual([1]);
    store.getState().actions.clear();
    expect(store.getState().outcome).toBe(null);
    expect(urls.at(-1)).toBe(null);
  });

  it('chooses a job with its fields back to the defaults, and the guided tour can open one', () => {
    const store = createLabStore(fakeDeps().deps);
    store.getState().actions.setRaw('steps', '5');
    store.getState().actions.chooseJob('init-sweep');
    expect(store.getState()).toMatchObject({ jobId: 'init-sweep', raw: {} });
    store.getState().actions.openJob('lr-sweep');
    expect(store.getState()).toMatchObject({ open: true, jobId: 'lr-sweep', raw: {}, autoRun: false });
  });
});

describe('the query the page was opened with', () => {
  it('comes from the navigation entry, which keeps lab.* after the bridge rewrote the address bar', () => {
    vi.stubGlobal('window', { location: { pathname: '/app/', search: '?preset=spiral&lab=lr-sweep' } });
    vi.stubGlobal('performance', { getEntriesByType: () => [{ name: 'http://h/app/?preset=spiral&lab=lr-sweep&lab.steps=5' }] });
    expect(openedSearch()).toBe('?preset=spiral&lab=lr-sweep&lab.steps=5');
    vi.stubGlobal('performance', { getEntriesByType: () => [] });
    expect(openedSearch()).toBe('?preset=spiral&lab=lr-sweep');
    vi.unstubAllGlobals();
    expect(openedSearch()).toBe('');
  });
});

describe('the cost estimate', () => {
  it('divides the cost by the live speed, and is unknown before the speed is', () => {
    expect(estimateSeconds(16_000, 800)).toBe(20);
    expect(estimateSeconds(16_000, 0)).toBe(null);
    expect(estimateSeconds(16_000, Number.NaN)).toBe(null);
  });
});

vi.mock('../../src/worker/labClient.ts', () => ({ labClient: () => ({ run: () => ({ runId: 0, cancel() {} }) }) }));
