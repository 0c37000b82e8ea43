/**
 * Fetching the MNIST file inside a worker: fetch, then gunzip unless the server already did (by
 * Content-Encoding). Rejects with a reason a person can read; DataLoadError (./datasets.ts) wraps it.
 */

/** Fetch `dataUrl` (default: ../data/mnist.bin next to the worker script) and gunzip it. */
export async function fetchMnistBytes(dataUrl: string | undefined, baseUrl: string): Promise<Uint8Array> {
  const url = dataUrl ?? new URL('../data/mnist.bin', baseUrl).href;
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
