/**
 * The training worker's entry: wires the worker global to the command handler. Training,
 * data loading and snapshots all happen here, off the page's main thread.
 */
import { createTrainingHandler } from './handler.ts';
import type { Command, WorkerEvent } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Yield to pending messages without setTimeout's 4 ms clamp: one MessageChannel, a FIFO of tasks. */
function createScheduler(): (task: () => void) => void {
  const tasks: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => tasks.shift()?.();
  return (task) => {
    tasks.push(task);
    channel.port2.postMessage(null);
  };
}

/** Fetch the MNIST file and gunzip it (unless the server already did, by Content-Encoding). */
async function loadMnistBytes(dataUrl: string | undefined): Promise<Uint8Array> {
  const url = dataUrl ?? new URL('../data/mnist.bin', self.location.href).href;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`network error fetching ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  const raw = new Uint8Array(await response.arrayBuffer());
  const gzipped = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (!gzipped) return raw;
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const handler = createTrainingHandler({
  post: (event: WorkerEvent, transfer: ArrayBuffer[]) => self.postMessage(event, transfer),
  loadMnistBytes,
  now: () => performance.now(),
  schedule: createScheduler(),
});

self.onmessage = (event: MessageEvent<Command>) => {
  void handler.handle(event.data);
};
