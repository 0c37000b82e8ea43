/**
 * Seeded 2-D toy datasets for fast demos (as in TF Playground): spiral, circles, xor and
 * gaussian blobs. Inputs are standardised with the training set's mean and std per feature,
 * so they lie roughly in [-2, 2] with most in [-1, 1].
 */
import type { Batch } from '../engine/types.ts';
import type { Dataset } from './types.ts';
import { createDataRng } from './random.ts';
import type { DataRng } from './random.ts';

/** The 2-D datasets. */
export const SYNTHETIC_NAMES = ['spiral', 'circles', 'xor', 'blobs'] as const;
export type SyntheticName = (typeof SYNTHETIC_NAMES)[number];

/** Training examples of every synthetic set. */
export const SYNTHETIC_TRAIN_SIZE = 2000;
/** Held-out examples of every synthetic set. */
export const SYNTHETIC_TEST_SIZE = 1000;

/** Number of classes of each set. */
export const SYNTHETIC_CLASSES: Readonly<Record<SyntheticName, number>> = { spiral: 3, circles: 2, xor: 2, blobs: 4 };

/** Writes one example's raw (x0, x1) and returns its label. */
type Generator = (rng: DataRng, out: Float32Array, offset: number) => number;

const generators: Record<SyntheticName, Generator> = {
  /** Three interleaved arms of an Archimedean spiral, with a little angular noise. */
  spiral: (rng, out, offset) => {
    const arm = rng.int(3);
    const t = rng.next();
    const radius = t;
    const angle = 1.75 * 2 * Math.PI * t + (arm * 2 * Math.PI) / 3 + 0.2 * rng.normal();
    out[offset] = radius * Math.cos(angle);
    out[offset + 1] = radius * Math.sin(angle);
    return arm;
  },
  /** An inner disc (radius < 0.5) against an outer ring (0.7..1), with small noise. */
  circles: (rng, out, offset) => {
    const label = rng.int(2);
    const radius = label === 0 ? 0.5 * Math.sqrt(rng.next()) : 0.7 + 0.3 * rng.next();
    const angle = 2 * Math.PI * rng.next();
    out[offset] = radius * Math.cos(angle) + 0.03 * rng.normal();
    out[offset + 1] = radius * Math.sin(angle) + 0.03 * rng.normal();
    return label;
  },
  /** Uniform in the square; the class is whether x0 and x1 have the same sign (padding 0.05 off the axes). */
  xor: (rng, out, offset) => {
    const pad = (v: number): number => (v < 0 ? v - 0.05 : v + 0.05);
    const a = pad(2 * rng.next() - 1);
    const b = pad(2 * rng.next() - 1);
    out[offset] = a;
    out[offset + 1] = b;
    return a * b > 0 ? 0 : 1;
  },
  /** Four gaussian blobs (std 0.35) centred at (+-1, +-1). */
  blobs: (rng, out, offset) => {
    const label = rng.int(4);
    out[offset] = (label % 2 === 0 ? -1 : 1) + 0.35 * rng.normal();
    out[offset + 1] = (label < 2 ? -1 : 1) + 0.35 * rng.normal();
    return label;
  },
};

function sample(generator: Generator, rng: DataRng, n: number): Batch {
  const x = new Float32Array(n * 2);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = generator(rng, x, i * 2);
  return { x, y, n };
}

/** Mean and std per feature of a 2-feature batch. */
function featureMoments(batch: Batch): { mean: [number, number]; std: [number, number] } {
  const mean: [number, number] = [0, 0];
  const std: [number, number] = [0, 0];
  for (let f = 0; f < 2; f++) {
    let sum = 0;
    for (let i = 0; i < batch.n; i++) sum += batch.x[i * 2 + f];
    mean[f] = sum / batch.n;
    let squares = 0;
    for (let i = 0; i < batch.n; i++) squares += (batch.x[i * 2 + f] - mean[f]) ** 2;
    std[f] = Math.sqrt(squares / batch.n) || 1;
  }
  return { mean, std };
}

function standardise(batch: Batch, mean: [number, number], std: [number, number]): void {
  for (let i = 0; i < batch.n; i++) {
    for (let f = 0; f < 2; f++) batch.x[i * 2 + f] = (batch.x[i * 2 + f] - mean[f]) / std[f];
  }
}

/** Is `name` one of the synthetic sets? */
export function isSyntheticName(name: string): name is SyntheticName {
  return (SYNTHETIC_NAMES as readonly string[]).includes(name);
}

/** A seeded 2-D dataset: 2,000 train + 1,000 test examples, standardised by the train set's moments. */
export function makeSynthetic(name: SyntheticName, seed: number): Dataset {
  const generator = generators[name];
  if (!generator) throw new Error(`unknown synthetic dataset "${String(name)}" (expected one of ${SYNTHETIC_NAMES.join(', ')})`);
  const rng = createDataRng(seed);
  const train = sample(generator, rng, SYNTHETIC_TRAIN_SIZE);
  const test = sample(generator, rng, SYNTHETIC_TEST_SIZE);
  const { mean, std } = featureMoments(train);
  standardise(train, mean, std);
  standardise(test, mean, std);
  return { name, inputs: 2, classes: SYNTHETIC_CLASSES[name], train, test };
}
