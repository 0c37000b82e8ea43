/**
 * Seeded randomness for the data layer: the engine's generator (mulberry32, createRng),
 * salted so that data streams (splits, batch order, synthetic points) never coincide with the
 * weight stream of the same seed.
 */
import { createRng } from '../engine/rng.ts';
import type { Rng } from '../engine/rng.ts';

/** The data layer's generator: the engine's Rng. */
export type DataRng = Rng;

/** Salt xor-ed into data seeds. */
const DATA_SEED_SALT = 0x9e3779b9;

/** A generator for data seeded `seed` (any integer): the same seed gives the same sequence everywhere. */
export function createDataRng(seed: number): DataRng {
  return createRng((Math.trunc(seed) ^ DATA_SEED_SALT) >>> 0);
}

/** Fisher-Yates shuffle of `array` in place with `rng`; returns the array. */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(array: T, rng: DataRng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** The permutation 0..n-1 shuffled with a generator seeded by `seed`. */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, createDataRng(seed));
}
