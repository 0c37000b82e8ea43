/**
 * A small, fast, seeded pseudo-random generator (mulberry32), so the same seed gives the
 * same run bit for bit in Node, in tests and in the worker (STYLE.md habit 5).
 */

/** A seeded source of randomness; pass it to whatever needs chance. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1) (Box-Muller, the second value of each pair cached). */
  normal(): number;
  /** Uniform integer in [0, n), for n >= 1. */
  int(n: number): number;
}

/** Creates a mulberry32 generator from a seed (any number; taken as a 32-bit integer). */
export function createRng(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  let spare = 0;
  let hasSpare = false;

  function nextUint32(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  function next(): number {
    return nextUint32() / 4294967296;
  }

  function normal(): number {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    // u1 in (0, 1] so the logarithm is finite.
    const u1 = 1 - next();
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }

  function int(n: number): number {
    return Math.floor(next() * n);
  }

  return { next, normal, int };
}
