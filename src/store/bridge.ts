/**
 * The bridge between the store and the training worker, outside React: store actions go to
 * the worker, worker events come into the store (snapshots of a stale run dropped), and the
 * address bar follows the experiment (debounced history.replaceState).
 */
import type { StoreApi } from 'zustand';
import { configForPreset, PRESET_SETUPS } from '../experiment/presetSetups.ts';
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { decodeUrlState, encodeUrlState, isPassThroughParam } from '../url/codec.ts';
import { keepsPageParam, pageParamProblems } from '../url/pageParams.ts';
import { partKey, queryParts } from '../url/query.ts';
import { readSharedScales, writeSharedScales } from '../url/sharedScales.ts';
import type { SharedScales } from '../url/sharedScales.ts';
import type { WorkerClient } from '../worker/client.ts';
import type { WorkerEvent } from '../worker/protocol.ts';
import { assertNever } from '../worker/protocol.ts';
import { appendSnapshot, createHistory } from './history.ts';
import { withNotice } from './index.ts';
import { withLinkProblems } from './linkNotice.ts';
import { setCommandSink } from './outbox.ts';
import { shownStep } from './shownStep.ts';
import type { ExperimentState } from './types.ts';

/** The store as the bridge needs it (useExperimentStore fits). */
export type ExperimentStoreApi = Pick<StoreApi<ExperimentState>, 'getState' | 'setState' | 'subscribe'>;

/** The part of WorkerClient the bridge uses (tests pass a fake). */
export type BridgeClient = Pick<WorkerClient, 'send' | 'onEvent' | 'onCrash'>;

/** Options of connectWorker. */
export interface BridgeOptions {
  /** A query string to start from (e.g. location.search): decoded into the store, its errors shown as notices. */
  search?: string;
  /** Send 'init' with the store's config on connect (default true), playing (default true). */
  start?: boolean;
  play?: boolean;
  /** Writes the encoded query (without '?') to the address bar; null turns URL sync off. Default: history.replaceState. */
  replaceUrl?: ((query: string) => void) | null;
  /** Wait this long after the last config change before writing the URL. Default 250 ms. */
  urlDebounceMs?: number;
  /** Writes the shared-scale choice to the address bar (only with URL sync on). Default: src/url/sharedScales.ts writeSharedScales. */
  replaceSharedScales?: (scales: SharedScales) => void;
}

/** The first preset whose config is exactly `config`, if any. */
function presetMatching(config: ExperimentConfig): string | null {
  const match = PRESET_SETUPS.find((preset) => {
    const presetConfig = configForPreset(preset.id);
    return SETTINGS.every((setting) => presetConfig[setting.key] === config[setting.key]);
  });
  return match ? match.id : null;
}

/**
 * Put the state a query string describes into the store. Every part it cannot use (the
 * experiment's and the page's own parameters, src/url/pageParams.ts) is named in the link's one
 * summary notice (./linkNotice.ts). A link that names no preset but equals one (e.g. an empty
 * query: the defaults) opens as that preset.
 */
export function applyUrlState(store: ExperimentStoreApi, search: string): void {
  const decoded = decodeUrlState(search);
  const { config } = decoded;
  const problems = [...decoded.errors, ...pageParamProblems(search)];
  const presetId = decoded.presetId ?? presetMatching(config);
  const { scales } = readSharedScales(search);
  store.setState((s) => ({ presetId, config, sharedScales: scales, notices: withLinkProblems(s.notices, problems) }));
}

/**
 * `query` followed by the page's own parameters of `search` (e.g. embed, lab.*), each kept exactly
 * as written, but for a one-word value the page could not use (`present=junk`: src/url/pageParams.ts keepsPageParam).
 */
export function queryKeepingPageParams(search: string, query: string): string {
  const kept = queryParts(search).filter((part) => {
    const key = partKey(part);
    return key !== null && isPassThroughParam(key) && keepsPageParam(part);
  });
  return [query, ...kept].filter((part) => part !== '').join('&');
}

/** Replace the address bar's query, keeping its path, hash and pass-through parameters (e.g. embed) as written: commas stay commas. */
export function replaceBrowserQuery(query: string): void {
  const url = new URL(window.location.href);
  url.search = queryKeepingPageParams(url.search, query);
  window.history.replaceState(window.history.state, '', url);
}

/** Bring one worker event into the store; `runId` is the run the store follows. Returns the run now followed. */
export function applyWorkerEvent(store: ExperimentStoreApi, event: WorkerEvent, runId: number): number {
  switch (event.type) {
    case 'ready':
      store.setState({
        history: createHistory(event),
        // A run that newer settings overtook (protocol.ts ReadyEvent) is shown, but the page keeps the settings last sent.
        ...(event.overtaken ? {} : { config: event.config }),
        step: 0,
        stepsPerSecond: 0,
        kernel: event.kernel,
        error: null,
        scrubStep: null,
      });
      return event.runId;
    case 'snapshot': {
      const { history } = store.getState();
      if (event.runId !== runId || !history || history.runId !== event.runId) return runId;
      const next = appendSnapshot(history, event.snapshot);
      store.setState({ history: next, step: shownStep(next, event.snapshot.step), stepsPerSecond: event.snapshot.stepsPerSecond });
      return runId;
    }
    case 'state':
      if (event.runId < runId) return runId;
      // The counter never runs ahead of the charts: the merged step, held to what every network has drawn.
      store.setState((st) => ({ runState: event.state, step: st.history && st.history.runId === event.runId ? Math.min(event.step, shownStep(st.history, event.step)) : event.step }));
      return runId;
    case 'configApplied':
      store.setState({ config: event.config });
      return runId;
    case 'recomputed':
      // Rare (a button press): its words load then, not with the page (or the embed, which has no button).
      void import('./recompute.ts').then(({ takeRecomputed }) => {
        const notice = takeRecomputed(event.networks);
        store.setState((s) => ({ notices: withNotice(s.notices, notice.kind, notice.text) }));
      });
      return runId;
    case 'error':
      if (event.fatal) store.setState({ runState: 'error', error: event.message });
      else store.setState((s) => ({ notices: withNotice(s.notices, 'error', event.message) }));
      return runId;
    default:
      return assertNever(event);
  }
}

/** Connect `store` and `client`; returns the function that disconnects them. */
export function connectWorker(store: ExperimentStoreApi, client: BridgeClient, options: BridgeOptions = {}): () => void {
  let runId = -1;
  if (options.search !== undefined) applyUrlState(store, options.search);
  const previousSink = setCommandSink((command) => client.send(command));
  const offEvent = client.onEvent((event) => {
    runId = applyWorkerEvent(store, event, runId);
  });
  const offCrash = client.onCrash((message) => store.setState({ runState: 'error', error: message }));

  const replaceUrl = options.replaceUrl === undefined ? replaceBrowserQuery : options.replaceUrl;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastQuery: string | null = null;
  const offUrl = replaceUrl
    ? store.subscribe((state, previous) => {
        if (state.config === previous.config && state.presetId === previous.presetId) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          const { config, presetId } = store.getState();
          const query = encodeUrlState({ config, presetId });
          if (query !== lastQuery) replaceUrl(query);
          lastQuery = query;
        }, options.urlDebounceMs ?? 250);
      })
    : () => {};
  const writeScales = options.replaceSharedScales ?? writeSharedScales;
  const offScales = replaceUrl
    ? store.subscribe((state, previous) => {
        if (state.sharedScales !== previous.sharedScales) writeScales(state.sharedScales);
      })
    : () => {};

  // Show the link in its canonical form at once (invalid values dropped, as reported).
  if (replaceUrl && options.search !== undefined) {
    const { config, presetId } = store.getState();
    lastQuery = encodeUrlState({ config, presetId });
    replaceUrl(lastQuery);
  }

  if (options.start !== false) client.send({ type: 'init', config: store.getState().config, play: options.play !== false });

  return () => {
    if (timer !== null) clearTimeout(timer);
    offUrl();
    offScales();
    offEvent();
    offCrash();
    setCommandSink(previousSink);
  };
}
