/**
 * The compact MNIST file of the app (public/data/mnist.bin, gzip-compressed on disk) and its
 * pure decoder. Layout, all integers little-endian:
 *
 *   offset 0   4 bytes  magic "BNMN"
 *   offset 4   uint16   version (1)
 *   offset 6   uint16   rows (28)
 *   offset 8   uint16   cols (28)
 *   offset 10  uint16   reserved (0)
 *   offset 12  uint32   count N
 *   offset 16  N bytes  labels 0..9
 *   then       N*rows*cols bytes  grey levels, round(v * 255), example after example, row-major
 *
 * Decompression is not done here: the worker uses DecompressionStream, Node uses zlib.
 */
import type { Batch } from '../engine/types.ts';
import type { Dataset } from './types.ts';
import { seededPermutation } from './random.ts';

/** The four magic bytes "BNMN" that open the file. */
export const MNIST_MAGIC = 'BNMN';
/** The layout version this code writes and reads. */
export const MNIST_VERSION = 1;
/** Bytes before the labels. */
export const MNIST_HEADER_BYTES = 16;
/** Number of classes of MNIST. */
export const MNIST_CLASSES = 10;

/** MNIST digits as stored: labels and quantised grey levels (0..255), example after example. */
export interface MnistImages {
  /** Number of examples N. */
  count: number;
  rows: number;
  cols: number;
  /** Labels, length N. */
  labels: Uint8Array;
  /** Grey levels round(v * 255), length N * rows * cols. */
  pixels: Uint8Array;
}

/** Options of decodeMnist. */
export interface MnistOptions {
  /** Threshold grey levels at 0.5 (as the paper did): pixels become exactly 0 or 1. */
  binarize: boolean;
  /** Seed of the train/test split: same seed, same split. */
  seed: number;
  /** Training examples. Default 8,000. */
  trainSize?: number;
  /** Held-out test examples. Default 2,000. */
  testSize?: number;
}

/** Serialise images to the uncompressed file layout above. */
export function encodeMnist(images: MnistImages): Uint8Array {
  const { count, rows, cols, labels, pixels } = images;
  if (labels.length !== count || pixels.length !== count * rows * cols) {
    throw new Error(`encodeMnist: expected ${count} labels and ${count * rows * cols} pixels, got ${labels.length} and ${pixels.length}`);
  }
  const bytes = new Uint8Array(MNIST_HEADER_BYTES + count + pixels.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MNIST_MAGIC.charCodeAt(i);
  view.setUint16(4, MNIST_VERSION, true);
  view.setUint16(6, rows, true);
  view.setUint16(8, cols, true);
  view.setUint16(10, 0, true);
  view.setUint32(12, count, true);
  bytes.set(labels, MNIST_HEADER_BYTES);
  bytes.set(pixels, MNIST_HEADER_BYTES + count);
  return bytes;
}

/** Parse the uncompressed file layout, with a clear Error for a truncated or corrupt file. */
export function parseMnist(bytes: Uint8Array): MnistImages {
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new Error(`MNIST file is truncated: ${bytes.length} bytes, shorter than its ${MNIST_HEADER_BYTES}-byte header`);
  }
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC) {
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is still gzip-compressed: decompress it first)' : '';
    throw new Error(`not a BatchNorm Explorer MNIST file: magic is ${JSON.stringify(magic)}, expected "${MNIST_MAGIC}"${hint}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== MNIST_VERSION) throw new Error(`MNIST file version ${version} is not supported (expected ${MNIST_VERSION})`);
  const rows = view.getUint16(6, true);
  const cols = view.getUint16(8, true);
  const count = view.getUint32(12, true);
  const expected = MNIST_HEADER_BYTES + count + count * rows * cols;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'corrupt (trailing bytes)';
    throw new Error(`MNIST file is ${what}: ${bytes.length} bytes, expected ${expected} for ${count} images of ${rows}x${cols}`);
  }
  const labels = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= MNIST_CLASSES) throw new Error(`MNIST file is corrupt: label ${labels[i]} of image ${i} is not a digit`);
  }
  const pixels = bytes.subarray(MNIST_HEADER_BYTES + count, expected);
  return { count, rows, cols, labels, pixels };
}

/** Grey level byte -> pixel value: level/255, or 0/1 thresholded at 0.5 (level >= 128 <=> v >= 0.5). */
function pixelTable(binarize: boolean): Float32Array {
  const table = new Float32Array(256);
  for (let level = 0; level < 256; level++) table[level] = binarize ? (level >= 128 ? 1 : 0) : level / 255;
  return table;
}

function gather(images: MnistImages, order: Uint32Array, start: number, n: number, table: Float32Array): Batch {
  const size = images.rows * images.cols;
  const x = new Float32Array(n * size);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const source = order[start + i];
    y[i] = images.labels[source];
    const offset = source * size;
    for (let p = 0; p < size; p++) x[i * size + p] = table[images.pixels[offset + p]];
  }
  return { x, y, n };
}

/**
 * Decode an (already gunzipped) MNIST file into a Dataset: a seeded permutation of the images,
 * the first `trainSize` for training and the next `testSize` held out. Pixels are Float32 in
 * [0, 1], or exactly 0/1 when binarised.
 */
export function decodeMnist(bytes: Uint8Array, options: MnistOptions): Dataset {
  const images = parseMnist(bytes);
  const trainSize = options.trainSize ?? 8000;
  const testSize = options.testSize ?? 2000;
  if (trainSize < 1 || testSize < 1 || trainSize + testSize > images.count) {
    throw new Error(`MNIST split of ${trainSize} train + ${testSize} test does not fit the file's ${images.count} images`);
  }
  const order = seededPermutation(images.count, options.seed);
  const table = pixelTable(options.binarize);
  return {
    name: 'mnist',
    inputs: images.rows * images.cols,
    classes: MNIST_CLASSES,
    train: gather(images, order, 0, trainSize, table),
    test: gather(images, order, trainSize, testSize, table),
  };
}
