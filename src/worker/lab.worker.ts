/**
 * The lab worker's entry: runs lab jobs (src/lab/) off the page's thread, one at a time, apart
 * from the training workers so the live twins keep their own pace.
 */
import { createLabHandler } from './labHandler.ts';
import type { LabCommand, LabEvent } from './labProtocol.ts';
import { fetchMnistBytes } from './mnistFetch.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Resolve after the messages already queued (a cancel) were handled: one MessageChannel round trip, no 4 ms clamp. */
function createYield(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

const handler = createLabHandler({
  post: (event: LabEvent) => self.postMessage(event),
  loadMnistBytes: (dataUrl) => fetchMnistBytes(dataUrl, self.location.href),
  yieldToMessages: createYield(),
  now: () => performance.now(),
  every: (ms, task) => {
    const timer = setInterval(task, ms);
    return () => clearInterval(timer);
  },
});

self.onmessage = (event: MessageEvent<LabCommand>) => {
  void handler.handle(event.data);
};
