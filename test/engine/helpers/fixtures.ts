/** Small builders shared by the engine tests. */
import { createRng } from '../../../src/engine/rng.ts';
import type { Rng } from '../../../src/engine/rng.ts';
import type { Batch, Network } from '../../../src/engine/types.ts';

/** A batch of `n` standard-normal inputs (shifted and scaled) with uniform random labels. */
export function randomBatch(rng: Rng, n: number, numInputs: number, numClasses: number, shift = 0, scale = 1): Batch {
  const x = new Float32Array(n * numInputs);
  for (let i = 0; i < x.length; i++) x[i] = shift + scale * rng.normal();
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.int(numClasses);
  return { x, y, n };
}

/**
 * Moves every trainable parameter away from its trivial initial value (gamma = 1, beta = 0,
 * bias = 0), so that the tests exercise every term of the backward pass.
 */
export function perturbParameters(net: Network, seed: number): void {
  const rng = createRng(seed);
  for (const [name, values] of Object.entries(net.parameters())) {
    if (name.endsWith('.gamma')) for (let i = 0; i < values.length; i++) values[i] = 0.5 + rng.next();
    if (name.endsWith('.beta') || name.endsWith('.bias')) for (let i = 0; i < values.length; i++) values[i] = 0.3 * rng.normal();
  }
}

/** Deep copy of a parameter map. */
export function copyParameters(parameters: Record<string, Float32Array>): Record<string, Float32Array> {
  return Object.fromEntries(Object.entries(parameters).map(([name, values]) => [name, values.slice()]));
}

/** Largest |value| of an array (0 for an empty one). */
export function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}
