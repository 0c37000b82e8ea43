/**
 * One training worker per network: a pool with the WorkerClient interface that fans commands
 * out to its workers (each training a subset of the networks, from the same seed) and merges
 * their events into the one stream the store understands. Each worker is paced to stay within
 * two evaluations of the slowest network still training, whose step is the merged one
 * (./progress.ts); ./groups.ts splits the networks over the workers. A crashed worker stops the
 * pool; 'reset', 'play' or 'init' then re-creates the workers from the last known settings.
 * No DOM here: workers come from an injected `spawn`, so the merging is tested with fakes.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import { NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId } from '../experiment/types.ts';
import { networksFor } from '../experiment/variants.ts';
import type { RecomputedStatistics } from '../experiment/preciseStatistics.ts';
import { configAfter, isRebuild } from './protocol.ts';
import type { Command, RunState, WorkerClient, WorkerEvent } from './protocol.ts';
import { changesNetworks, networkGroups, sameGroups } from './groups.ts';
import { alignPaused, ceilingsToSend, mergedState, mergedStep, paceLead } from './progress.ts';
import { createSilenceWatch } from './silence.ts';
import { createListeners } from './listeners.ts';
import { createEventBatcher } from './batcher.ts';
import { asDelivered, crashText, mergedReady, newMember, readiesToMerge, withAnswer } from './members.ts';
import type { Member } from './members.ts';

type SnapshotEvent = Extract<WorkerEvent, { type: 'snapshot' }>;
type InitCommand = Extract<Command, { type: 'init' }>;

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
 * (networkGroups of variants.ts networksFor: its `variants`, and BN + noise with `noisyBn`). Workers for the
 * default two networks start at once; an init or setConfig that changes the networks (variants, noisyBn)
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
  /** The `seq` of the last configApplied passed on (one per setConfig, whichever worker answers first). */
  let appliedSeq: number | undefined;
  let lastState: { runId: number; state: RunState; step: number } | null = null;
  let lastInit: InitCommand | null = null;
  /** The settings the workers run with, as last known (restarts use them). */
  let config: ExperimentConfig | null = null;
  let crashed = false;
  /**
   * After a pause, the step every worker is brought to (null until all have stopped): the workers
   * stop wherever their last chunk ended, so the ones behind the furthest take the missing steps,
   * and every chart, the counter and an export show the same step while paused. False: not aligning.
   */
  let aligning: { target: number | null } | false = false;
  /** A 'recomputeStatistics' in flight: the workers yet to answer, and the networks the others recomputed. */
  let recomputing: { waiting: Set<Member>; networks: RecomputedStatistics[] } | null = null;
  /** The last number given to a command that may rebuild the run (protocol.ts Rebuild). */
  let seq = 0;

  const deliver = (event: WorkerEvent): void => {
    const delivered = asDelivered(event, seq);
    if (delivered) eventListeners.emit(delivered);
  };
  const batcher = createEventBatcher<WorkerEvent>(deliver, batchMs, setTimer);
  const emit = batcher.emit;
  const flush = batcher.flush;

  const emitState = (): void => {
    const merged = mergedState(members);
    // A pause is over when every worker stands at one step (see `aligning`): until then the run still moves, and says so,
    // so the page's Play button and counter never show a pause that the catching-up steps then contradict.
    const next = { runId, state: aligning && merged === 'paused' ? 'running' as const : merged, step: mergedStep(members) };
    if (lastState && lastState.runId === next.runId && lastState.state === next.state && lastState.step === next.step) return;
    lastState = next;
    emit({ type: 'state', ...next });
  };

  const forward = (member: Member, event: SnapshotEvent): void => {
    const running = members.filter((m) => m.state === 'running' && !m.diverged);
    const stepsPerSecond = running.length > 0 ? Math.min(...running.map((m) => m.stepsPerSecond)) : member.stepsPerSecond;
    emit({ type: 'snapshot', runId, snapshot: { ...event.snapshot, step: mergedStep(members), stepsPerSecond } });
  };

  /** Every worker has a ready the current run lacks, all built by one command: open the merged run and flush what waited for it. */
  const mergeIfReady = (): void => {
    const readies = readiesToMerge(members);
    if (!readies) return;
    runId += 1;
    for (const m of members) m.merged = true;
    const merged = mergedReady(readies, runId);
    // A run of an older command has older settings than those sent since: the pool keeps its own, as the page does.
    if (merged.seq === undefined || merged.seq === seq) config = merged.config;
    emit(merged);
    const waiting = pending;
    pending = [];
    for (const { member, event } of waiting) forward(member, event);
    emitState();
  };

  /** Keep every worker within paceLead steps of the slowest network still training (./progress.ts). */
  const pace = (): void => {
    for (const { member, ceiling } of ceilingsToSend(members, paceLead(config))) {
      member.ceiling = ceiling;
      member.client.send({ type: 'ceiling', step: ceiling });
    }
  };

  /** Bring paused workers to one step (see `aligning` and ./progress.ts alignPaused): called on every state change. */
  const align = (): void => {
    if (!aligning) return;
    const next = alignPaused(members, aligning.target);
    if (next === 'wait') return;
    aligning = next === null ? false : { target: next.target };
    for (const { member, count } of next?.steps ?? []) sendTo(member, { type: 'step', count });
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
        pace();
        align();
        emitState();
        return;
      case 'configApplied':
        // Only the answer to the latest numbered command, once: an older one would put overtaken settings back on the page.
        if (event.seq !== seq || event.seq === appliedSeq) return;
        appliedSeq = event.seq;
        config = event.config;
        emit(event);
        return;
      case 'recomputed': {
        if (!recomputing || !recomputing.waiting.delete(member)) return;
        recomputing.networks = withAnswer(recomputing.networks, event.networks);
        if (recomputing.waiting.size > 0) return;
        const { networks } = recomputing;
        recomputing = null;
        emit({ type: 'recomputed', runId, networks });
        return;
      }
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
    recomputing = null;
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
  const groupsFor = (networks: readonly NetworkId[]): NetworkId[][] => networkGroups(networks, workers);

  const start = (groups: readonly (readonly NetworkId[])[]): void => {
    members = groups.map((networks) => {
      const member = newMember(spawn(), networks, now());
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
    if (!sameGroups(groups, members.map((m) => m.networks))) {
      stopMembers();
      lastState = null;
      start(groups);
    }
    seq += 1;
    for (const m of members) sendTo(m, { ...command, variants: m.networks, paced: members.length > 1, seq });
  };

  /** New workers from the last known settings, after a crash. */
  const restart = (play: boolean): void => {
    if (!lastInit || !config) return;
    crashed = false;
    members = [];
    init({ ...lastInit, config, play });
  };

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
        } else if (config) {
          config = configAfter(config, command);
        }
        return;
      }
      if (command.type === 'init') {
        aligning = false;
        return init(command);
      }
      // A patch that changes which networks train (not a fixed `variants` list) regroups the workers: a new init.
      if (command.type === 'setConfig' && lastInit && !lastInit.variants && config && changesNetworks(config, command.patch)) {
        const state = mergedState(members);
        return init({ ...lastInit, config: { ...config, ...command.patch }, play: state === 'running' || state === 'loading' });
      }
      if (config) config = configAfter(config, command);
      // Every worker answers once; the pool passes on one answer when the last one has (a second press waits for the same ones).
      if (command.type === 'recomputeStatistics') recomputing = { waiting: new Set(members), networks: recomputing?.networks ?? [] };
      // A pause ends with every worker at one step; anything that moves the run on cancels that.
      if (command.type === 'pause') aligning = { target: null };
      else if (command.type === 'play' || command.type === 'step' || command.type === 'reset') aligning = false;
      const numbered = isRebuild(command) ? { ...command, seq: ++seq } : command;
      for (const m of members) sendTo(m, numbered);
    },
    onEvent: (listener) => eventListeners.add(listener),
    onCrash: (listener) => crashListeners.add(listener),
    terminate() {
      stopMembers();
      batcher.clear();
      eventListeners.clear();
      crashListeners.clear();
    },
  };
}
