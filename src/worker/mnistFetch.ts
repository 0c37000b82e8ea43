/**
 * Fetching the MNIST file inside a worker: fetch, then gunzip unless the server already did (by
 * Content-Encoding). Rejects with a reason a person can read; DataLoadError (./datasets.ts) wraps it.
 * A download that stalls (no answer, or no bytes, for MNIST_STALL_MS) is given up with that reason,
 * so a hung connection ends in a message rather than "loading…" forever.
 */

/** A download that receives nothing for this long is given up (a slow one that keeps receiving is not). */
export const MNIST_STALL_MS = 20_000;

/**
 * Fetch `dataUrl` (default: ../data/mnist.bin next to the worker script) and gunzip it, giving up
 * after `stallMs` without a byte.
 */
export async function fetchMnistBytes(dataUrl: string | undefined, baseUrl: string, stallMs = MNIST_STALL_MS): Promise<Uint8Array> {
  const url = dataUrl ?? new URL('../data/mnist.bin', baseUrl).href;
  const raw = await download(url, stallMs);
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

/** The bytes at `url`, aborted once nothing has arrived for `stallMs` (the headers, then each chunk, re-arm the clock). */
async function download(url: string, stallMs: number): Promise<Uint8Array<ArrayBuffer>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), stallMs);
  };
  const reason = (error: unknown): string => (controller.signal.aborted
    ? `the download of ${url} stalled: nothing arrived for ${stallMs / 1000} s`
    : `network error fetching ${url}: ${error instanceof Error ? error.message : String(error)}`);
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (error) {
      throw new Error(reason(error));
    }
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        arm();
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.length;
      }
    } catch (error) {
      throw new Error(reason(error));
    }
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}
