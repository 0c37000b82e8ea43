/**
 * The training worker's entry: wires the worker global to the command handler. Training,
 * data loading and snapshots all happen here, off the page's main thread.
 */
import { createTrainingHandler } from './handler.ts';
import { fetchMnistBytes } from './mnistFetch.ts';
import type { Command, WorkerEvent } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Yield to pending messages without setTimeout's 4 ms clamp: one MessageChannel, a FIFO of tasks. */
function createScheduler(): (task: () => void, delayMs?: number) => void {
  const tasks: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => tasks.shift()?.();
  return (task, delayMs) => {
    if (delayMs !== undefined && delayMs > 0) {
      setTimeout(task, delayMs);
      return;
    }
    tasks.push(task);
    channel.port2.postMessage(null);
  };
}

/**
 * On a machine of one or two cores the training workers take every core, and the page's charts
 * starve (measured: 43 fps, 118 ms tasks with two workers on two cores). Resting a fifth of the
 * time gives the page its frames back for a fifth of the training speed.
 */
const REST_SHARE = self.navigator.hardwareConcurrency > 2 ? 0 : 0.2;

const handler = createTrainingHandler({
  post: (event: WorkerEvent, transfer: ArrayBuffer[]) => self.postMessage(event, transfer),
  loadMnistBytes: (dataUrl) => fetchMnistBytes(dataUrl, self.location.href),
  now: () => performance.now(),
  schedule: createScheduler(),
  timing: { restShare: REST_SHARE },
  every: (ms, task) => {
    const timer = setInterval(task, ms);
    return () => clearInterval(timer);
  },
});

self.onmessage = (event: MessageEvent<Command>) => {
  void handler.handle(event.data);
};
