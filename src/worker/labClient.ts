/**
 * The page's side of the lab worker: one dedicated module worker, created on first use and apart
 * from the training workers (./pool.ts). A run's events go to that run's listener only; a worker
 * that crashes, or falls silent (closed or stuck: no heartbeat for LAB_SILENCE_MS, watched as the
 * pool watches its workers, ./silence.ts), ends its run with a one-sentence error and is replaced
 * at the next run. A cancel the worker does not answer within LAB_CANCEL_GRACE_MS stops it, so
 * Cancel always ends the run.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { LabRawParams } from '../lab/types.ts';
import type { LabCommand, LabEvent } from './labProtocol.ts';
import { createSilenceWatch, unwatched } from './silence.ts';
import type { Watched } from './silence.ts';

/** A lab worker running a job that sends nothing (not even its heartbeat, every 2 s) for this long counts as stopped. */
export const LAB_SILENCE_MS = 30_000;
/** A worker that has not answered a cancel after this long is stopped, and the run ends as cancelled. */
export const LAB_CANCEL_GRACE_MS = 3_000;

/** What to run: a job on a config, with parsed `params` or text `rawParams`. */
export interface LabRunRequest {
  jobId: string;
  params?: unknown;
  rawParams?: LabRawParams;
  config: ExperimentConfig;
}

/** A run in progress. */
export interface LabRunHandle {
  readonly runId: number;
  /** Ask the worker to stop the run; its listener then gets 'cancelled' (or its result, if it had just finished). */
  cancel(): void;
}

/** The page's handle on the lab worker. */
export interface LabClient {
  /** Start a run (a run still going is cancelled); `listener` gets its events until it ends. */
  run(request: LabRunRequest, listener: (event: LabEvent) => void): LabRunHandle;
  /** Stop the worker (a later run starts a new one). */
  terminate(): void;
}

/** The part of Worker the client uses (tests pass a fake). */
export type LabWorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

/** Options of createLabClient. */
export interface LabClientOptions {
  /** Absolute URL of mnist.bin; default `data/mnist.bin` against the page's base URL. */
  dataUrl?: string;
  /** Makes the worker; default the bundled lab.worker.ts as a module worker. */
  createWorker?: () => LabWorkerLike;
  /** Silence before a running worker counts as stopped (default LAB_SILENCE_MS; 0: not watched). */
  silenceMs?: number;
  /** Wait for a cancel's answer (default LAB_CANCEL_GRACE_MS). */
  cancelGraceMs?: number;
  /** Run `task` after `ms` (default setTimeout). */
  setTimer?: (task: () => void, ms: number) => void;
  /** Milliseconds, monotonic (default performance.now). */
  now?: () => number;
}

/** The lab's one sentence when its worker stopped for `reason`. */
export function labCrashText(reason: string): string {
  return `The lab worker stopped: ${reason.replace(/[.\s]+$/, '')}; Run starts a new one.`;
}

function defaultWorker(): LabWorkerLike {
  return new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
}

/** A lab client; its worker starts at the first run. */
export function createLabClient(options: LabClientOptions = {}): LabClient {
  const setTimer = options.setTimer ?? ((task: () => void, ms: number) => void setTimeout(task, ms));
  const now = options.now ?? (() => performance.now());
  let worker: LabWorkerLike | null = null;
  let nextRunId = 1;
  let active: { runId: number; listener: (event: LabEvent) => void } | null = null;
  /** The worker as the silence watch sees it: 'running' while a run is active. */
  const watched: Watched = { state: 'paused', ...unwatched(now()) };

  const finish = (event: LabEvent): void => {
    if (!active || event.runId !== active.runId) return;
    const { listener } = active;
    if (event.type !== 'progress') {
      active = null;
      watched.state = 'paused';
    }
    listener(event);
  };

  const crash = (message: string): void => {
    worker?.terminate();
    worker = null;
    if (active) finish({ type: 'error', runId: active.runId, message });
  };

  const silence = createSilenceWatch({
    silenceMs: options.silenceMs ?? LAB_SILENCE_MS,
    now,
    setTimer,
    members: () => (active && worker ? [watched] : []),
    stopped: () => !active || !worker,
    // ./silence.ts says "The lab worker stopped: it sent nothing for 30 s".
    onSilent: (message) => crash(`${message}; Run starts a new one.`),
    name: 'lab worker',
  });

  /** An event from the worker: it is alive; heartbeats stop here. */
  const receive = (event: LabEvent): void => {
    silence.heard(watched);
    if (event.type !== 'alive') finish(event);
  };

  function ensureWorker(): LabWorkerLike {
    if (worker) return worker;
    const created = (options.createWorker ?? defaultWorker)();
    created.addEventListener('message', (event: MessageEvent<LabEvent>) => {
      if (created === worker) receive(event.data);
    });
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (created === worker) crash(labCrashText(event.message || 'it failed to load or threw'));
    });
    created.addEventListener('messageerror', () => {
      if (created === worker) crash(labCrashText('one of its messages could not be read'));
    });
    worker = created;
    return created;
  }

  return {
    run(request, listener) {
      const runId = nextRunId++;
      let target: LabWorkerLike;
      try {
        target = ensureWorker();
      } catch (error) {
        queueMicrotask(() => listener({ type: 'error', runId, message: `The lab worker could not start: ${error instanceof Error ? error.message : String(error)}.` }));
        return { runId, cancel() {} };
      }
      if (active) target.postMessage({ type: 'cancel', runId: active.runId } satisfies LabCommand);
      active = { runId, listener };
      watched.state = 'running';
      silence.heard(watched);
      silence.watch();
      const dataUrl = options.dataUrl ?? new URL('data/mnist.bin', document.baseURI).href;
      target.postMessage({ type: 'run', runId, dataUrl, ...request } satisfies LabCommand);
      return {
        runId,
        cancel() {
          if (active?.runId !== runId) return;
          worker?.postMessage({ type: 'cancel', runId } satisfies LabCommand);
          // A worker that does not answer (stuck, or closed without a word) is stopped: Cancel always ends the run.
          setTimer(() => {
            if (active?.runId !== runId) return;
            worker?.terminate();
            worker = null;
            finish({ type: 'cancelled', runId });
          }, options.cancelGraceMs ?? LAB_CANCEL_GRACE_MS);
        },
      };
    },
    terminate() {
      worker?.terminate();
      worker = null;
      active = null;
      watched.state = 'paused';
    },
  };
}

let shared: LabClient | null = null;

/** The page's one lab client, created on first use. */
export function labClient(): LabClient {
  shared ??= createLabClient();
  return shared;
}
