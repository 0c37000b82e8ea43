import { describe, expect, it, vi } from 'vitest';
import { configForPreset } from '../../src/experiment/presets.ts';
import { linkRun } from '../../src/components/lab/labParams.ts';
import { lrSweepJob } from '../../src/lab/sweeps.ts';
import { createLabStore, estimateSeconds, LAB_CONFIRM_STEPS, openedSearch } from '../../src/store/lab.ts';
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

describe('a link\'s lab job', () => {
  const big = { ...start, params: { steps: 100_000, factors: [1, 2] }, cost: 3_200_000 };

  it('runs at once up to LAB_CONFIRM_STEPS, with the link\'s known params in the URL', () => {
    const { deps, runs, urls } = fakeDeps('?lab=lr-sweep&lab.steps=50&lab.zz=1');
    const store = createLabStore(deps);
    store.getState().actions.runFromLink({ ...start, cost: LAB_CONFIRM_STEPS }, { steps: '50' });
    expect(runs).toHaveLength(1);
    expect(store.getState()).toMatchObject({ autoRun: false, raw: { steps: '50' }, urlState: { jobId: 'lr-sweep', raw: { steps: '50' } }, status: { type: 'running' } });
    expect(urls).toEqual([{ jobId: 'lr-sweep', raw: { steps: '50' } }]);
  });

  it('over LAB_CONFIRM_STEPS waits for Run, with its cost', () => {
    const { deps, runs } = fakeDeps('?lab=lr-sweep&lab.steps=100000');
    const store = createLabStore(deps);
    store.getState().actions.runFromLink(big, { steps: '100000' });
    expect(runs).toEqual([]);
    expect(store.getState().status).toEqual({ type: 'confirm', start: big });
    expect(store.getState().autoRun).toBe(false);
    store.getState().actions.confirmRun();
    expect(runs).toEqual([{ jobId: 'lr-sweep', params: big.params, config }]);
    expect(store.getState().status).toEqual({ type: 'running', done: 0, total: 3_200_000, cancelling: false });
    store.getState().actions.confirmRun();
    expect(runs).toHaveLength(1);
  });

  it('is not run on Cancel, nor once a field or the job changes; the lab is ready to run', () => {
    const { deps, runs } = fakeDeps();
    const store = createLabStore(deps);
    store.getState().actions.runFromLink(big, {});
    store.getState().actions.cancel();
    expect(store.getState().status).toEqual({ type: 'idle' });
    store.getState().actions.runFromLink(big, {});
    store.getState().actions.setRaw('steps', '10');
    expect(store.getState().status).toEqual({ type: 'idle' });
    store.getState().actions.runFromLink(big, {});
    store.getState().actions.chooseJob('init-sweep');
    expect(store.getState().status).toEqual({ type: 'idle' });
    store.getState().actions.confirmRun();
    expect(runs).toEqual([]);
  });

  it('is parsed by the panel: unknown names dropped and, with invalid values, named for the link\'s notice', () => {
    // The link: 16 factors of 100,000 steps, with and without BN.
    const factors = '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16';
    const link = linkRun(lrSweepJob, 'lr-sweep', config, { steps: '100000', factors, zz: '1' });
    expect(link.raw).toEqual({ steps: '100000', factors });
    expect(link.start?.cost).toBe(3_200_000);
    expect(link.problems).toEqual([expect.stringMatching(/^lab job lr-sweep: unknown parameter "zz"/)]);
    // An invalid value of a known param stays in its field (marked invalid there); an unknown name has no field.
    const bad = linkRun(lrSweepJob, 'lr-sweep', config, { steps: 'abc', yy: '2' });
    expect(bad.raw).toEqual({ steps: 'abc' });
    expect(bad.problems).toEqual([
      expect.stringMatching(/^lab job lr-sweep: steps must be a whole number .* \(got "abc"\); using \d+$/),
      expect.stringMatching(/^lab job lr-sweep: unknown parameter "yy"/),
    ]);
    expect(linkRun(null, 'nope', config, {})).toEqual({ start: null, raw: {}, problems: [expect.stringMatching(/^unknown lab job "nope" \(jobs: lr-sweep, .*\); no job run$/)] });
  });

  it('reads lab.__proto__ as a param name, not the object\'s prototype', () => {
    const state = readLabQuery('?lab=lr-sweep&lab.__proto__=%7B%7D&lab.steps=5');
    expect(Object.keys(state?.raw ?? {})).toEqual(['__proto__', 'steps']);
    expect(Object.getPrototypeOf(state?.raw)).toBe(Object.prototype);
    const link = linkRun(lrSweepJob, 'lr-sweep', config, state!.raw);
    expect(link.problems).toEqual([expect.stringMatching(/unknown parameter "__proto__"/)]);
  });
});

describe('Cancel', () => {
  it('always leaves the lab ready to run, even with no run to stop', () => {
    const { deps } = fakeDeps();
    const store = createLabStore(deps);
    store.setState({ status: { type: 'running', done: 5, total: 10, cancelling: false } });
    store.getState().actions.cancel();
    expect(store.getState().status).toEqual({ type: 'cancelled' });
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
