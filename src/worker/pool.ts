/**
 * One training worker per network: a pool with the WorkerClient interface that fans commands
 * out to its workers (each training a subset of the networks, from the same seed) and merges
 * their events into the one stream the store understands. Networks progress independently;
 * the merged step is that of the slowest network still training. A crashed worker stops the
 * pool; 'reset', 'play' or 'init' then re-creates the workers from the last known settings.
 * No DOM here: workers come from an injected `spawn`, so the merging is tested with fakes.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import { ALL_NETWORK_IDS, NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId } from '../experiment/types.ts';
import { networksFor } from '../experiment/variants.ts';
import type { Command, RunState, WorkerEvent } from './protocol.ts';
import { createSilenceWatch, unwatched } from './silence.ts';
import type { Watched } from './silence.ts';
import { createListeners } from './listeners.ts';

/** The page's handle on the training worker(s): one worker, or a pool of them. */
export interface WorkerClient {
  /** Send a command; an 'init' without `dataUrl` gets the app's MNIST file URL. */
  send(command: Command): void;
  /** Listen to worker events; returns the unsubscribe function. */
  onEvent(listener: (event: WorkerEvent) => void): () => void;
  /** Listen to worker crashes ('error' / 'messageerror'); returns the unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void;
  /** Stop the worker for good. */
  terminate(): void;
}

type ReadyEvent = Extract<WorkerEvent, { type: 'ready' }>;
type SnapshotEvent = Extract<WorkerEvent, { type: 'snapshot' }>;
type InitCommand = Extract<Command, { type: 'init' }>;

/** Split `networks` over at most `workers` workers, round robin, each group in display order. */
export function networkGroups(networks: readonly NetworkId[], workers: number): NetworkId[][] {
  const count = Math.max(1, Math.min(networks.length, Math.floor(Number.isFinite(workers) ? workers : 1)));
  const groups: NetworkId[][] = Array.from({ length: count }, () => []);
  networks.forEach((id, i) => groups[i % count].push(id));
  return groups;
}

/** What the pool knows of one worker (and its silence watch: state, awaiting, quietChecks, heardAt). */
interface Member extends Watched {
  client: WorkerClient;
  networks: NetworkId[];
  offs: (() => void)[];
  /** The latest 'ready' of this worker, and whether the pool's current run includes it. */
  ready: ReadyEvent | null;
  merged: boolean;
  state: RunState;
  /** Step of this worker's networks in its current run. */
  step: number;
  /** Every network of this worker has diverged (it stops stepping: left out of the merged step). */
  diverged: boolean;
  stepsPerSecond: number;
  configApplied: number;
  /** The last 'ceiling' sent in this run (undefined: none yet; null: no limit). */
  ceiling: number | null | undefined;
}

/**
 * How far (in steps) a worker may run ahead of the slowest network still training: two test
 * evaluations, at least 100 steps. The twins' curves then end at the same place on screen.
 */
export function paceLead(config: Pick<ExperimentConfig, 'evalEvery'> | null): number {
  return Math.max(100, 2 * (config?.evalEvery ?? 50));
}

/** The text the store shows when a worker stops. */
export function crashText(message: string): string {
  return `${message.replace(/\.$/, '')}. Reset restarts it with the same settings.`;
}

/** Options of createWorkerPool. */
export interface PoolOptions {
  /**
   * Hold merged events and pass them on together at most this often (0: at once). The page
   * redraws once per batch rather than once per worker message, so more workers do not mean
   * more redraws. Events keep their order; a batch waits at most this long.
   */
  batchMs?: number;
  /** Run `task` after `ms` (setTimeout in the app, a fake in tests). */
  setTimer?: (task: () => void, ms: number) => void;
  /** A worker training, or owing an answer, that sends nothing for this long counts as stopped (./silence.ts); 0 (default): not watched. */
  silenceMs?: number;
  /** Milliseconds, monotonic (performance.now in the app). */
  now?: () => number;
}

/**
 * A pool of at most `workers` workers sharing the networks of the current config
 * (networkGroups of variants.ts networksFor: two, or three with `noisyBn`). Workers for the
 * default two networks start at once; an init or setConfig that changes the networks (noisyBn)
 * replaces them by a new group, and starts the run again from the new settings.
 * `spawn` starts one worker (createSingleWorkerClient in the app).
 */
export function createWorkerPool(spawn: () => WorkerClient, workers: number, options: PoolOptions = {}): WorkerClient {
  const batchMs = options.batchMs ?? 0;
  const setTimer = options.setTimer ?? ((task: () => void, ms: number) => void setTimeout(task, ms));
  const now = options.now ?? (() => performance.now());
  const eventListeners = createListeners<WorkerEvent>();
  const crashListeners = createListeners<string>();
  let members: Member[] = [];
  let runId = 0;
  let pending: { member: Member; event: SnapshotEvent }[] = [];
  let configAppliedSent = 0;
  let lastState: { runId: number; state: RunState; step: number } | null = null;
  let lastInit: InitCommand | null = null;
  /** The settings the workers run with, as last known (restarts use them). */
  let config: ExperimentConfig | null = null;
  let crashed = false;

  let batch: WorkerEvent[] | null = null;
  const deliver = (event: WorkerEvent): void => {
    eventListeners.emit(event);
  };
  const flush = (): void => {
    const events = batch ?? [];
    batch = null;
    events.forEach(deliver);
  };
  const emit = (event: WorkerEvent): void => {
    if (batchMs <= 0) return deliver(event);
    if (batch) return void batch.push(event);
    batch = [event];
    setTimer(flush, batchMs);
  };

  /** The merged step: the slowest worker still training (all of them when every one diverged). */
  const mergedStep = (): number => {
    const active = members.filter((m) => !m.diverged);
    const steps = (active.length > 0 ? active : members).map((m) => m.step);
    if (steps.length === 0) return 0;
    return active.length > 0 ? Math.min(...steps) : Math.max(...steps);
  };

  const mergedState = (): RunState => {
    const states = members.map((m) => m.state);
    if (states.includes('error')) return 'error';
    if (states.includes('loading')) return 'loading';
    if (states.includes('running')) return 'running';
    const done = members.every((m) => m.state === 'finished' || m.diverged);
    return done && states.includes('finished') ? 'finished' : 'paused';
  };

  const emitState = (): void => {
    const next = { runId, state: mergedState(), step: mergedStep() };
    if (lastState && lastState.runId === next.runId && lastState.state === next.state && lastState.step === next.step) return;
    lastState = next;
    emit({ type: 'state', ...next });
  };

  const forward = (member: Member, event: SnapshotEvent): void => {
    const running = members.filter((m) => m.state === 'running' && !m.diverged);
    const stepsPerSecond = running.length > 0 ? Math.min(...running.map((m) => m.stepsPerSecond)) : member.stepsPerSecond;
    emit({ type: 'snapshot', runId, snapshot: { ...event.snapshot, step: mergedStep(), stepsPerSecond } });
  };

  /** Every worker has a ready the current run lacks: open the merged run and flush what waited for it. */
  const mergeIfReady = (): void => {
    if (members.some((m) => !m.ready || m.merged)) return;
    const readies = members.map((m) => m.ready as ReadyEvent);
    const latest = readies[readies.length - 1];
    const kernels = [...new Set(readies.map((r) => r.kernel))];
    runId += 1;
    config = latest.config;
    for (const m of members) m.merged = true;
    emit({
      ...latest,
      runId,
      networks: ALL_NETWORK_IDS.filter((id) => readies.some((r) => r.networks.includes(id))),
      kernel: kernels.join(' + '),
    });
    const waiting = pending;
    pending = [];
    for (const { member, event } of waiting) forward(member, event);
    emitState();
  };

  /**
   * Keep every worker within paceLead steps of the slowest network still training: raise each
   * worker's ceiling as the slowest moves (by half a lead at a time while it runs, so messages
   * stay few; exactly once it stops, so a 'step N' never waits on a ceiling), and lift it when
   * only one worker still trains.
   */
  const pace = (): void => {
    if (members.length < 2 || members.some((m) => !m.merged)) return;
    const active = members.filter((m) => !m.diverged && m.state !== 'error');
    const lead = paceLead(config);
    const slowest = active.length > 0 ? Math.min(...active.map((m) => m.step)) : 0;
    const slowestRunning = active.filter((m) => m.step === slowest).every((m) => m.state === 'running');
    const ceiling = active.length > 1 ? slowest + lead : null;
    for (const m of active) {
      const raise = ceiling === null
        ? m.ceiling !== null
        : m.ceiling === undefined || (m.ceiling !== null && ceiling > m.ceiling && (ceiling >= m.ceiling + lead / 2 || !slowestRunning));
      if (!raise) continue;
      m.ceiling = ceiling;
      m.client.send({ type: 'ceiling', step: ceiling });
    }
  };

  const silence = createSilenceWatch({ silenceMs: options.silenceMs ?? 0, now, setTimer, members: () => members, stopped: () => crashed, onSilent: (message) => onMemberCrash(message) });

  const onMemberEvent = (member: Member, event: WorkerEvent): void => {
    silence.heard(member);
    switch (event.type) {
      case 'ready':
        member.ready = event;
        member.merged = false;
        member.step = 0;
        member.diverged = false;
        member.stepsPerSecond = 0;
        member.ceiling = undefined;
        pending = pending.filter((p) => p.member !== member);
        mergeIfReady();
        pace();
        return;
      case 'snapshot': {
        if (!member.ready || event.runId !== member.ready.runId) return;
        const frames = event.snapshot.frames;
        member.step = frames.length > 0 ? Math.max(...frames.map((f) => f.step)) : event.snapshot.step;
        member.diverged = frames.length > 0 && frames.every((f) => f.status.type === 'diverged');
        member.stepsPerSecond = event.snapshot.stepsPerSecond;
        if (member.merged) forward(member, event);
        else pending.push({ member, event });
        pace();
        return;
      }
      case 'state':
        member.state = event.state;
        silence.watch();
        if (member.ready && event.runId === member.ready.runId) member.step = event.step;
        emitState();
        pace();
        return;
      case 'configApplied':
        member.configApplied += 1;
        if (member.configApplied <= configAppliedSent) return;
        configAppliedSent += 1;
        config = event.config;
        emit(event);
        return;
      case 'error':
        emit(event);
        return;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  };

  const stopMembers = (): void => {
    for (const m of members) {
      m.offs.forEach((off) => off());
      m.client.terminate();
    }
    members = [];
    pending = [];
  };

  const onMemberCrash = (message: string): void => {
    if (crashed) return;
    crashed = true;
    flush();
    stopMembers();
    lastState = null;
    const text = crashText(message);
    crashListeners.emit(text);
  };

  /** The networks of each worker, as one comparable text. */
  const groupsKey = (groups: readonly (readonly NetworkId[])[]): string => groups.map((g) => g.join(',')).join('|');
  const groupsFor = (networks: readonly NetworkId[]): NetworkId[][] => networkGroups(networks, workers);

  const start = (groups: readonly (readonly NetworkId[])[]): void => {
    configAppliedSent = 0;
    members = groups.map((networks) => {
      const member: Member = { client: spawn(), networks: [...networks], offs: [], ready: null, merged: false, state: 'loading', step: 0, diverged: false, stepsPerSecond: 0, configApplied: 0, ceiling: undefined, ...unwatched(now()) };
      member.offs.push(member.client.onEvent((event) => onMemberEvent(member, event)));
      member.offs.push(member.client.onCrash(onMemberCrash));
      return member;
    });
  };

  /** Send `command` to `member`, which now owes an answer. */
  const sendTo = (member: Member, command: Command): void => {
    silence.sent(member);
    member.client.send(command);
  };

  /** Send `command` to workers grouped for its networks: the current ones when they fit, new ones otherwise. */
  const init = (command: InitCommand): void => {
    lastInit = command;
    config = command.config;
    const groups = groupsFor(command.variants ?? networksFor(command.config));
    if (groupsKey(groups) !== groupsKey(members.map((m) => m.networks))) {
      stopMembers();
      lastState = null;
      start(groups);
    }
    for (const m of members) sendTo(m, { ...command, variants: m.networks });
  };

  /** New workers from the last known settings, after a crash. */
  const restart = (play: boolean): void => {
    if (!lastInit || !config) return;
    crashed = false;
    members = [];
    init({ ...lastInit, config, play });
  };

  /** True when `patch` changes which networks train (noisyBn): then the pool regroups its workers. */
  const changesNetworks = (patch: Partial<ExperimentConfig>): boolean =>
    config !== null && lastInit !== null && !lastInit.variants && patch.noisyBn !== undefined
    && networksFor({ ...config, ...patch }).join() !== networksFor(config).join();

  start(groupsFor(NETWORK_IDS));

  return {
    send(command) {
      if (crashed) {
        if (command.type === 'init') {
          lastInit = command;
          config = command.config;
          restart(command.play);
        } else if (command.type === 'reset' || command.type === 'play') {
          restart(true);
        } else if (command.type === 'setConfig' && config) {
          config = { ...config, ...command.patch };
        } else if (command.type === 'track' && config) {
          config = { ...config, trackedLayer: command.layer, trackedUnit: command.unit };
        }
        return;
      }
      if (command.type === 'init') return init(command);
      if (command.type === 'setConfig' && changesNetworks(command.patch) && lastInit && config) {
        const state = mergedState();
        return init({ ...lastInit, config: { ...config, ...command.patch }, play: state === 'running' || state === 'loading' });
      }
      if (command.type === 'track' && config) config = { ...config, trackedLayer: command.layer, trackedUnit: command.unit };
      for (const m of members) sendTo(m, command);
    },
    onEvent: (listener) => eventListeners.add(listener),
    onCrash: (listener) => crashListeners.add(listener),
    terminate() {
      stopMembers();
      batch = null;
      eventListeners.clear();
      crashListeners.clear();
    },
  };
}
