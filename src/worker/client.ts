/**
 * The page's side of the training worker: creates the module worker (bundled by Vite), sends
 * typed commands and fans typed events out to listeners.
 */
import type { Command, WorkerEvent } from './protocol.ts';

/** The page's handle on the training worker. */
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

/** Options of createWorkerClient. */
export interface WorkerClientOptions {
  /** Absolute URL of public/data/mnist.bin; default: `data/mnist.bin` against the page's base URL. */
  dataUrl?: string;
}

/** The URL of the MNIST file next to the app's index.html (the app is served with base './'). */
export function defaultDataUrl(): string {
  return new URL('data/mnist.bin', document.baseURI).href;
}

/** Start the training worker. */
export function createWorkerClient(options: WorkerClientOptions = {}): WorkerClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const eventListeners = new Set<(event: WorkerEvent) => void>();
  const crashListeners = new Set<(message: string) => void>();
  const dataUrl = options.dataUrl ?? defaultDataUrl();

  worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => {
    for (const listener of eventListeners) listener(event.data);
  });
  const crash = (message: string): void => {
    for (const listener of crashListeners) listener(message);
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    crash(`The training worker crashed: ${event.message || 'unknown error'}.`);
  });
  worker.addEventListener('messageerror', () => crash('A message from the training worker could not be read.'));

  return {
    send(command) {
      worker.postMessage(command.type === 'init' && !command.dataUrl ? { ...command, dataUrl } : command);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onCrash(listener) {
      crashListeners.add(listener);
      return () => crashListeners.delete(listener);
    },
    terminate() {
      worker.terminate();
      eventListeners.clear();
      crashListeners.clear();
    },
  };
}
