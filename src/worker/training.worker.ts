/**
 * The training worker's entry: wires the worker global to the command handler. Training,
 * data loading and snapshots all happen here, off the page's main thread.
 */
import { createTrainingHandler } from './handler.ts';
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
  try {
    const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    // Chromium says only "Failed to fetch" here, which reads like a network fault: name the real one.
    throw new Error(`${url} is damaged: its gzip data does not decompress (${error instanceof Error ? error.message : String(error)})`);
  }
}

const handler = createTrainingHandler({
  post: (event: WorkerEvent, transfer: ArrayBuffer[]) => self.postMessage(event, transfer),
  loadMnistBytes,
  now: () => performance.now(),
  schedule: createScheduler(),
  timing: { restShare: REST_SHARE },
});

self.onmessage = (event: MessageEvent<Command>) => {
  void handler.handle(event.data);
};
