/**
 * The training worker's brain, as a plain object with its world injected (post, clock,
 * scheduler, data loader), so it runs and is tested in Node without a real worker.
 * Commands are processed one at a time, in order; training runs in short time slices that
 * yield to the event loop, so pause and setConfig land promptly.
 */
import { createSession as createRealSession, probeSizeFor } from '../experiment/session.ts';
import type { SessionOptions } from '../experiment/session.ts';
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId, Session } from '../experiment/types.ts';
import { ALL_VARIANTS, networksFor, variantsByIds } from '../experiment/variants.ts';
import type { NetworkVariant } from '../experiment/variants.ts';
import { validateConfig } from '../experiment/validate.ts';
import type { Dataset } from '../data/types.ts';
import { createDatasetCache } from './datasets.ts';
import type { MnistBytesLoader } from './datasets.ts';
import { assertNever } from './protocol.ts';
import type { Command, RunState, WorkerEvent } from './protocol.ts';
import { paceLead } from './progress.ts';
import { createRunLoop } from './runLoop.ts';
import type { LoopTiming } from './runLoop.ts';

/** What the handler needs from its host (the worker global in the app, fakes in tests). */
export interface HandlerDeps {
  /** Send an event to the page, transferring the listed buffers. */
  post(event: WorkerEvent, transfer: ArrayBuffer[]): void;
  /** Fetch and gunzip the MNIST file. */
  loadMnistBytes: MnistBytesLoader;
  /** Milliseconds, monotonic (performance.now in the worker). */
  now(): number;
  /** Run `task` soon, after pending messages (MessageChannel), or after `delayMs` when given. */
  schedule(task: () => void, delayMs?: number): void;
  /** Builds the paired experiment; defaults to src/experiment/session.ts. */
  createSession?: (config: ExperimentConfig, data: Dataset, options?: SessionOptions) => Session;
  /** Loop timing overrides (tests). */
  timing?: Partial<LoopTiming>;
  /**
   * Run `task` every `ms` until the returned function is called (setInterval in the worker): while a
   * run loads its data, 'loading' is posted again every LOADING_HEARTBEAT_MS, so the pool's silence
   * watch (./silence.ts) tells a slow download from a worker that stopped. None: no heartbeat.
   */
  every?(ms: number, task: () => void): () => void;
}

/** While a run loads its data, the worker says 'loading' again this often (see HandlerDeps.every). */
export const LOADING_HEARTBEAT_MS = 2_000;

/** The worker's command handler. */
export interface TrainingHandler {
  /** Queue a command; the promise settles when it has been processed, and never rejects. */
  handle(command: Command): Promise<void>;
}

const RESET_KEYS = new Set(SETTINGS.filter((s) => s.effect === 'reset').map((s) => s.key));

/** `{ seq }` when the command that caused an event was numbered by the pool (protocol.ts Rebuild), else nothing. */
function numbered(seq: number | undefined): { seq?: number } {
  return seq === undefined ? {} : { seq };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `patch` over `current`, validated: an invalid patch value is reported and keeps its current
 * value (not the default); a tracked unit the new shape lacks falls back to the default.
 */
export function mergePatch(current: ExperimentConfig, patch: Partial<ExperimentConfig>, report: (message: string) => void): ExperimentConfig {
  const { config: checked, errors } = validateConfig({ ...current, ...patch });
  errors.forEach(report);
  const kept: Record<string, unknown> = { ...checked };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && kept[key] !== value) kept[key] = current[key as keyof ExperimentConfig];
  }
  return validateConfig(kept).config;
}

/**
 * The variants an init asks for, in display order; unknown ids are reported and skipped. None
 * (or only unknown ones) means the config's own networks (variants.ts networksFor).
 */
export function variantsFor(ids: readonly NetworkId[] | undefined, config: ExperimentConfig, report: (message: string) => void): readonly NetworkVariant[] {
  const own = variantsByIds(networksFor(config));
  if (ids === undefined) return own;
  const known = new Set(ALL_VARIANTS.map((v) => v.id));
  for (const id of ids) if (!known.has(id)) report(`There is no network called "${String(id)}".`);
  const chosen = ALL_VARIANTS.filter((v) => ids.includes(v.id));
  return chosen.length > 0 ? chosen : own;
}

/** A handler bound to `deps`. */
export function createTrainingHandler(deps: HandlerDeps): TrainingHandler {
  const createSession = deps.createSession ?? createRealSession;
  const datasets = createDatasetCache(deps.loadMnistBytes);
  let config: ExperimentConfig | null = null;
  let session: Session | null = null;
  let runId = 0;
  let state: RunState = 'loading';
  let dataUrl: string | undefined;
  /** The networks the last init asked for (undefined: the config's own, which a rebuild may change). */
  let requested: readonly NetworkId[] | undefined;
  let queue: Promise<void> = Promise.resolve();
  /** The pool's 'ceiling': no step past it while running (null: none). */
  let ceiling: number | null = null;
  /** The last init's `paced`: a new run starts held at paceLead steps, else without a ceiling. */
  let paced = false;

  const postState = (next: RunState): void => {
    state = next;
    deps.post({ type: 'state', runId, state: next, step: session?.step ?? 0 }, []);
  };
  const nonFatal = (message: string): void => deps.post({ type: 'error', message, fatal: false }, []);
  const fail = (error: unknown): void => {
    loop.stop();
    session = null;
    deps.post({ type: 'error', message: errorText(error), fatal: true }, []);
    postState('error');
  };

  const loop = createRunLoop({
    now: deps.now,
    schedule: deps.schedule,
    timing: deps.timing,
    session: () => session,
    maxSteps: () => config?.maxSteps ?? 0,
    ceiling: () => ceiling,
    postSnapshot: (snapshot, transfer) => deps.post({ type: 'snapshot', runId, snapshot }, transfer),
    onStop: (reason) => postState(reason === 'finished' ? 'finished' : 'paused'),
    onError: fail,
    onProgress: (step) => deps.post({ type: 'state', runId, state: 'running', step }, []),
  });

  /** Start (or continue) training, up to `count` more steps when given. */
  const play = (count: number | null): void => {
    if (!session || !config) return nonFatal('There is no experiment to run yet.');
    if (session.step >= config.maxSteps) return postState('finished');
    if (session.allDiverged) return postState('paused');
    loop.start(count);
    postState('running');
  };

  /**
   * Build a new run of `next`: loads its data, then replaces the session (runId + 1), posts
   * 'ready' and the step-0 snapshot. On a data failure the old run stays when `keepOld`.
   */
  const build = async (next: ExperimentConfig, andPlay: boolean, keepOld: boolean, seq: number | undefined): Promise<boolean> => {
    const wasRunning = state === 'running';
    loop.stop();
    postState('loading');
    let data: Dataset;
    const stopHeartbeat = deps.every?.(LOADING_HEARTBEAT_MS, () => postState('loading')) ?? (() => {});
    try {
      data = await datasets.datasetFor(next, dataUrl);
    } catch (error) {
      stopHeartbeat();
      if (keepOld && session) {
        nonFatal(errorText(error));
        if (wasRunning) play(null);
        else postState(config && session.step >= config.maxSteps ? 'finished' : 'paused');
        return false;
      }
      config = next;
      fail(error);
      return false;
    }
    stopHeartbeat();
    session = createSession(next, data, { variants: variantsFor(requested, next, () => {}) });
    ceiling = paced ? paceLead(next) : null;
    config = next;
    runId += 1;
    const first = loop.measure();
    deps.post({
      type: 'ready',
      runId,
      config: next,
      networks: first.snapshot.frames.map((f) => f.id),
      hiddenUnits: [...session.hiddenUnits],
      bins: { ...session.bins },
      dataSizes: { train: data.train.n, test: data.test.n, probe: probeSizeFor(data) },
      kernel: session.kernel,
      ...numbered(seq),
    }, []);
    deps.post({ type: 'snapshot', runId, snapshot: first.snapshot }, first.transfer);
    if (andPlay) play(null);
    else postState('paused');
    return true;
  };

  const setConfig = async (patch: Partial<ExperimentConfig>, seq: number | undefined): Promise<void> => {
    if (!config) return nonFatal('Settings arrived before the experiment was set up.');
    const next = mergePatch(config, patch, nonFatal);
    const changed = SETTINGS.map((s) => s.key).filter((key) => next[key] !== config?.[key]);
    if (changed.length === 0) {
      deps.post({ type: 'configApplied', config, reset: false, ...numbered(seq) }, []);
      return;
    }
    if (!session || changed.some((key) => RESET_KEYS.has(key))) {
      const old = config;
      const rebuilt = await build(next, state === 'running' || state === 'loading', true, seq);
      deps.post({ type: 'configApplied', config: rebuilt ? next : old, reset: rebuilt, ...numbered(seq) }, []);
      return;
    }
    const live: Partial<ExperimentConfig> = {};
    for (const key of changed) Object.assign(live, { [key]: next[key] });
    session.applyLive(live);
    config = next;
    deps.post({ type: 'configApplied', config: next, reset: false, ...numbered(seq) }, []);
    if (state === 'finished' && session.step < next.maxSteps) postState('paused');
    if (state !== 'running' && (changed.includes('trackedLayer') || changed.includes('trackedUnit'))) loop.sendSnapshot();
  };

  const track = (layer: number, unit: number): void => {
    if (!config || !session) return nonFatal('There is no experiment to track a unit in yet.');
    const depth = session.hiddenUnits.length;
    const resolved = layer < 0 ? depth - 1 : layer;
    if (!Number.isInteger(layer) || !Number.isInteger(unit) || layer < -1 || resolved >= depth || unit < 0 || unit >= session.hiddenUnits[resolved]) {
      return nonFatal(`Cannot track unit ${unit} of hidden layer ${layer}: the network has ${depth} hidden layers of ${session.hiddenUnits.join(', ')} units.`);
    }
    session.applyLive({ trackedLayer: layer, trackedUnit: unit });
    config = { ...config, trackedLayer: layer, trackedUnit: unit };
    if (state !== 'running') loop.sendSnapshot();
  };

  const process = async (command: Command): Promise<void> => {
    switch (command.type) {
      case 'init': {
        dataUrl = command.dataUrl ?? dataUrl;
        requested = command.variants;
        paced = command.paced === true;
        variantsFor(requested, command.config, nonFatal);
        const { config: next, errors } = validateConfig({ ...command.config });
        errors.forEach(nonFatal);
        await build(next, command.play, false, command.seq);
        return;
      }
      case 'play':
        return play(null);
      case 'pause':
        if (!session) return;
        loop.stop();
        loop.sendSnapshot();
        return postState(config && session.step >= config.maxSteps ? 'finished' : 'paused');
      case 'step':
        if (!Number.isInteger(command.count) || command.count < 1) return nonFatal(`Cannot take ${command.count} steps: give a whole number of at least 1.`);
        return play(command.count);
      case 'reset':
        if (!config) return nonFatal('There is no experiment to reset yet.');
        await build(config, state === 'running', false, command.seq);
        return;
      case 'setConfig':
        return setConfig(command.patch, command.seq);
      case 'track':
        return track(command.layer, command.unit);
      case 'ceiling':
        ceiling = command.step === null || Number.isFinite(command.step) ? command.step : null;
        return;
      case 'recomputeStatistics':
        // Between two slices of training when running: the loop carries on with the new statistics.
        deps.post({ type: 'recomputed', runId, networks: session ? session.recomputeBatchNormStatistics() : [] }, []);
        return;
      default:
        return assertNever(command);
    }
  };

  return {
    handle(command) {
      queue = queue.then(async () => {
        await process(command);
      }).catch(fail);
      return queue;
    },
  };
}
