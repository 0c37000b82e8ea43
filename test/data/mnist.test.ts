import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMnist, encodeMnist, parseMnist, MNIST_HEADER_BYTES } from '../../src/data/mnist.ts';
import type { MnistImages } from '../../src/data/mnist.ts';
import { buildMnistFile, mnistDigitsDir, readMnistImages } from '../../src/cli/mnistSource.ts';

/** 30 tiny 2x2 images: image i has grey levels [i, 2i, 127, 128] and label i % 10. */
function fakeImages(count = 30): MnistImages {
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    pixels.set([i, 2 * i, 127, 128], i * 4);
  }
  return { count, rows: 2, cols: 2, labels, pixels };
}

describe('the MNIST file format', () => {
  it('round-trips labels and grey levels through encode and parse', () => {
    const images = fakeImages();
    const parsed = parseMnist(encodeMnist(images));
    expect(parsed.count).toBe(30);
    expect([parsed.rows, parsed.cols]).toEqual([2, 2]);
    expect(Array.from(parsed.labels)).toEqual(Array.from(images.labels));
    expect(Array.from(parsed.pixels)).toEqual(Array.from(images.pixels));
  });

  it('starts with the magic "BNMN" and is exactly header + labels + pixels long', () => {
    const bytes = encodeMnist(fakeImages());
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('BNMN');
    expect(bytes.length).toBe(MNIST_HEADER_BYTES + 30 + 30 * 4);
  });

  it('rejects a file with the wrong magic', () => {
    const bytes = encodeMnist(fakeImages());
    bytes[0] = 'X'.charCodeAt(0);
    expect(() => parseMnist(bytes)).toThrow(/magic is "XNMN", expected "BNMN"/);
  });

  it('says so when the file is still gzip-compressed', () => {
    const compressed = new Uint8Array(gzipSync(encodeMnist(fakeImages())));
    expect(() => parseMnist(compressed)).toThrow(/still gzip-compressed/);
  });

  it('rejects a truncated file with the expected length in the message', () => {
    const bytes = encodeMnist(fakeImages());
    expect(() => parseMnist(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated: 165 bytes, expected 166/);
    expect(() => parseMnist(bytes.subarray(0, 10))).toThrow(/truncated: 10 bytes/);
  });

  it('rejects trailing bytes and labels that are not digits', () => {
    const bytes = encodeMnist(fakeImages());
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expect(() => parseMnist(longer)).toThrow(/corrupt \(trailing bytes\)/);
    bytes[MNIST_HEADER_BYTES + 4] = 12;
    expect(() => parseMnist(bytes)).toThrow(/label 12 of image 4/);
  });
});

describe('decodeMnist', () => {
  const file = encodeMnist(fakeImages());

  it('splits into disjoint train and test sets of the requested sizes', () => {
    const data = decodeMnist(file, { binarize: false, seed: 3, trainSize: 20, testSize: 10 });
    expect([data.train.n, data.test.n, data.inputs, data.classes]).toEqual([20, 10, 4, 10]);
    const ids = (b: { x: Float32Array; n: number }): number[] =>
      Array.from({ length: b.n }, (_, i) => Math.round(b.x[i * 4] * 255));
    const all = [...ids(data.train), ...ids(data.test)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (let i = 0; i < data.train.n; i++) expect(data.train.y[i]).toBe(ids(data.train)[i] % 10);
  });

  it('gives grey levels as level / 255 and keeps each image with its label', () => {
    const data = decodeMnist(file, { binarize: false, seed: 1, trainSize: 25, testSize: 5 });
    for (let i = 0; i < data.test.n; i++) {
      const id = Math.round(data.test.x[i * 4] * 255);
      expect(data.test.x[i * 4 + 1]).toBeCloseTo((2 * id) / 255, 6);
      expect(data.test.x[i * 4 + 2]).toBeCloseTo(127 / 255, 6);
      expect(data.test.y[i]).toBe(id % 10);
    }
  });

  it('binarises at 0.5: level 127 becomes 0 and level 128 becomes 1', () => {
    const data = decodeMnist(file, { binarize: true, seed: 1, trainSize: 25, testSize: 5 });
    for (let i = 0; i < data.train.n; i++) {
      expect(data.train.x[i * 4 + 2]).toBe(0);
      expect(data.train.x[i * 4 + 3]).toBe(1);
    }
    expect(new Set(data.train.x)).toEqual(new Set([0, 1]));
  });

  it('makes the same split for the same seed and another for another seed', () => {
    const a = decodeMnist(file, { binarize: false, seed: 7, trainSize: 20, testSize: 10 });
    const b = decodeMnist(file, { binarize: false, seed: 7, trainSize: 20, testSize: 10 });
    const c = decodeMnist(file, { binarize: false, seed: 8, trainSize: 20, testSize: 10 });
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
    expect(Array.from(a.test.x)).not.toEqual(Array.from(c.test.x));
  });

  it('refuses a split larger than the file', () => {
    expect(() => decodeMnist(file, { binarize: false, seed: 1 })).toThrow(/8000 train \+ 2000 test does not fit the file's 30 images/);
  });
});

describe('the MNIST file built from the mnist package', () => {
  const images = readMnistImages();

  it('holds the 10,000 digits with the per-class counts of the package', () => {
    expect(images.count).toBe(10_000);
    const perClass = new Array<number>(10).fill(0);
    for (const label of images.labels) perClass[label]++;
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('interleaves the classes instead of keeping them grouped', () => {
    const first = new Set(images.labels.subarray(0, 100));
    expect(first.size).toBe(10);
  });

  it('quantises each grey level to round(v * 255) of the source JSON', () => {
    const source = JSON.parse(readFileSync(join(mnistDigitsDir(), '3.json'), 'utf8')) as { data: number[] };
    const firstThree = source.data.slice(0, 784).map((v) => Math.round(v * 255));
    let found = -1;
    for (let i = 0; i < images.count && found < 0; i++) {
      if (images.labels[i] !== 3) continue;
      const pixels = images.pixels.subarray(i * 784, (i + 1) * 784);
      if (pixels.every((level, p) => level === firstThree[p])) found = i;
    }
    expect(found).toBeGreaterThanOrEqual(0);
  });

  it('decodes into an 8,000 / 2,000 split of binary 784-pixel images', () => {
    const data = decodeMnist(buildMnistFile(), { binarize: true, seed: 1 });
    expect([data.train.n, data.test.n, data.inputs]).toEqual([8000, 2000, 784]);
    expect(data.train.x.length).toBe(8000 * 784);
    const ink = data.test.x.reduce((sum, v) => sum + v, 0) / data.test.x.length;
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.3);
  });
});
