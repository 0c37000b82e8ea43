/**
 * The page's side of the lab worker: one dedicated module worker, created on first use and apart
 * from the training workers (./pool.ts). A run's events go to that run's listener only; a worker
 * that crashes ends its run with a clear error and is replaced at the next run.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { LabRawParams } from '../lab/types.ts';
import type { LabCommand, LabEvent } from './labProtocol.ts';

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
}

function defaultWorker(): LabWorkerLike {
  return new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
}

/** A lab client; its worker starts at the first run. */
export function createLabClient(options: LabClientOptions = {}): LabClient {
  let worker: LabWorkerLike | null = null;
  let nextRunId = 1;
  let active: { runId: number; listener: (event: LabEvent) => void } | null = null;

  const finish = (event: LabEvent): void => {
    if (!active || event.runId !== active.runId) return;
    const { listener } = active;
    if (event.type !== 'progress') active = null;
    listener(event);
  };

  const crash = (message: string): void => {
    worker?.terminate();
    worker = null;
    if (active) finish({ type: 'error', runId: active.runId, message });
  };

  function ensureWorker(): LabWorkerLike {
    if (worker) return worker;
    const created = (options.createWorker ?? defaultWorker)();
    created.addEventListener('message', (event: MessageEvent<LabEvent>) => {
      if (created === worker) finish(event.data);
    });
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (created === worker) crash(`The lab worker stopped: ${event.message || 'it failed to load or threw'}. Run the job again to restart it.`);
    });
    created.addEventListener('messageerror', () => {
      if (created === worker) crash('The lab worker stopped: one of its messages could not be read. Run the job again to restart it.');
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
      const dataUrl = options.dataUrl ?? new URL('data/mnist.bin', document.baseURI).href;
      target.postMessage({ type: 'run', runId, dataUrl, ...request } satisfies LabCommand);
      return {
        runId,
        cancel() {
          if (active?.runId === runId) worker?.postMessage({ type: 'cancel', runId } satisfies LabCommand);
        },
      };
    },
    terminate() {
      worker?.terminate();
      worker = null;
      active = null;
    },
  };
}

let shared: LabClient | null = null;

/** The page's one lab client, created on first use. */
export function labClient(): LabClient {
  shared ??= createLabClient();
  return shared;
}
