/** The app's MNIST file (public/data/mnist.bin) read from disk for the Node benches, as the worker gets it. */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** public/data/mnist.bin, gunzipped (it is served gzip-compressed); a clear error when `npm run data` has not made it. */
export function readMnistBytes(path = 'public/data/mnist.bin'): Uint8Array {
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run data`);
  const raw = readFileSync(path);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}
