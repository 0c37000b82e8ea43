/**
 * The page's side of the training workers: creates module workers (bundled by Vite), sends
 * typed commands and fans typed events out to listeners. With two cores or more, each network
 * trains in a worker of its own (./pool.ts merges them); with one, one worker trains both.
 */
import { createWorkerPool } from './pool.ts';
import type { WorkerClient, WorkerEvent } from './protocol.ts';
import { createListeners } from './listeners.ts';

export type { WorkerClient } from './protocol.ts';

/** Options of createWorkerClient. */
export interface WorkerClientOptions {
  /** Absolute URL of public/data/mnist.bin; default: `data/mnist.bin` against the page's base URL. */
  dataUrl?: string;
  /** How many workers at most (one per network); default navigator.hardwareConcurrency (1 when unknown). */
  workers?: number;
}

/** The URL of the MNIST file next to the app's index.html (the app is served with base './'). */
export function defaultDataUrl(): string {
  return new URL('data/mnist.bin', document.baseURI).href;
}

/** How many training workers this machine runs well: one per core, one when the browser does not say. */
export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
  return Number.isInteger(cores) && cores > 0 ? cores : 1;
}

/** The page takes worker news in batches at most this often: ~8 redraws a second, whatever the number of workers (rendering the charts, not training, is what the page thread spends its time on). */
export const POOL_BATCH_MS = 120;

/**
 * A training worker silent this long counts as stopped (it may have closed itself or been killed:
 * no 'error' event then). A training worker reports every 100 ms between steps, and the largest
 * network (10 x 512, batches of 1,000) takes seconds a step on a slow device: 30 s is well clear.
 */
export const WORKER_SILENCE_MS = 30_000;

/** Start the training workers: one per network when there are cores for it, else fewer, sharing them. */
export function createWorkerClient(options: WorkerClientOptions = {}): WorkerClient {
  let spawned = 0;
  return createWorkerPool(() => createSingleWorkerClient(options, `training-${++spawned}`), options.workers ?? defaultWorkerCount(), { batchMs: POOL_BATCH_MS, silenceMs: WORKER_SILENCE_MS });
}

/** Start one training worker (it trains the networks its 'init' names). */
export function createSingleWorkerClient(options: WorkerClientOptions = {}, name = 'training'): WorkerClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name });
  const eventListeners = createListeners<WorkerEvent>();
  const crashListeners = createListeners<string>();
  const dataUrl = options.dataUrl ?? defaultDataUrl();

  worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => {
    eventListeners.emit(event.data);
  });
  const crash = (message: string): void => {
    crashListeners.emit(message);
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    crash(`The training worker stopped: ${event.message || 'unknown error'}.`);
  });
  worker.addEventListener('messageerror', () => crash('The training worker stopped: one of its messages could not be read.'));

  return {
    send(command) {
      worker.postMessage(command.type === 'init' && !command.dataUrl ? { ...command, dataUrl } : command);
    },
    onEvent: (listener) => eventListeners.add(listener),
    onCrash: (listener) => crashListeners.add(listener),
    terminate() {
      worker.terminate();
      eventListeners.clear();
      crashListeners.clear();
    },
  };
}
