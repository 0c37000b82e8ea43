/**
 * Seeded randomness for the data layer: datasets, splits and batch order must not move
 * when the engine's generator changes, so data keeps its own small, documented generator.
 */

/** A seeded source of uniform numbers in [0, 1). */
export interface DataRng {
  /** Next uniform number in [0, 1). */
  uniform(): number;
  /** Next standard normal N(0, 1) number (Box-Muller). */
  normal(): number;
  /** Next integer in [0, n). */
  int(n: number): number;
}

/** mulberry32 seeded with `seed` (any integer): the same seed gives the same sequence everywhere. */
export function createDataRng(seed: number): DataRng {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    let u = uniform();
    while (u <= Number.MIN_VALUE) u = uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  const int = (n: number): number => Math.floor(uniform() * n);
  return { uniform, normal, int };
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
