/**
 * The WebAssembly GroupNorm / LayerNorm kernels against groupNorm.ts: the same values within the
 * float64 round-off of their group sums (summed two lanes at a time instead of in order), on group
 * widths that take only the one-lane path (1-3), only the four-wide one (4, 8) and both (5, 25, 100),
 * through every nonlinearity; and that a network on the fast path takes them.
 */
import { describe, expect, it } from 'vitest';
import { activationBackward, activationForward } from '../../src/engine/activations.ts';
import { createGroupNormState, groupNormBackward, groupNormForward } from '../../src/engine/groupNorm.ts';
import type { Kernels } from '../../src/engine/kernels.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation } from '../../src/engine/types.ts';
import { kernelsFor } from '../../src/engine/wasm/selectKernels.ts';

/** [n, groups, width] */
const SHAPES: [number, number, number][] = [[3, 2, 1], [2, 3, 2], [5, 1, 3], [4, 2, 4], [3, 3, 8], [7, 2, 5], [6, 4, 25], [60, 1, 100]];
const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];

function normals(seed: number, length: number, shift = 0, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => shift + scale * rng.normal());
}

/**
 * |actual - expected| within 1e-6 relative, or 1e-6 absolute: the kernels differ from the JS only in
 * the order of float64 sums (~1e-16 relative), which moves a float32 result by at most an ulp (6e-8).
 */
function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i])));
  }
}

describe('the wasm-simd GroupNorm kernels', () => {
  const kernels = kernelsFor([128, 128], 'wasm-simd') as Required<Kernels>;
  const inWasm = (values: Float32Array): Float32Array => {
    const copy = kernels.allocate(values.length);
    copy.set(values);
    return copy;
  };

  it.each(SHAPES.flatMap((shape) => ACTIVATIONS.map((activation) => [...shape, activation] as const)))(
    'n %i, %i groups of %i units, %s: forward and backward equal groupNorm.ts', (n, groups, width, activation) => {
      const units = groups * width;
      const z = normals(n * units + width, n * units, 0.7, 2);
      const gamma = normals(units, units, 1, 0.3);
      const beta = normals(units + 1, units, 0, 0.5);
      const dy = normals(units + 2, n * units);

      // The JS reference: groupNormForward, then the nonlinearity; backward: its derivative, then groupNormBackward.
      const jsState = createGroupNormState(n, units, groups);
      const u = new Float32Array(n * units);
      const a = new Float32Array(n * units);
      groupNormForward(z, u, n, units, gamma, beta, 1e-5, jsState);
      activationForward(activation, u, a, n * units);
      const delta = dy.slice();
      const dGamma = new Float32Array(units);
      const dBeta = new Float32Array(units);
      activationBackward(activation, u, a, delta, n * units);
      groupNormBackward(delta, n, units, gamma, jsState, dGamma, dBeta);

      const state = createGroupNormState(n, units, groups, (length) => kernels.allocate(length));
      const wz = inWasm(z), wu = kernels.allocate(n * units), wa = kernels.allocate(n * units);
      const wGamma = inWasm(gamma), wBeta = inWasm(beta);
      const fused = activation === 'tanh' ? null : activation;
      expect(kernels.groupNormForward(wz, wu, wa, n, units, wGamma, wBeta, 1e-5, state, fused)).toBe(true);
      if (fused === null) activationForward(activation, wu, wa, n * units);
      expectClose(wu, u, 'u');
      expectClose(state.xHat, jsState.xHat, 'xHat');
      expectClose(wa, a, 'a');
      state.invStd.forEach((value, i) => expect(Math.abs(value - jsState.invStd[i])).toBeLessThan(1e-12 * value));
      // Backward from the JS forward's values, so only the backward's own round-off shows.
      wu.set(u);
      wa.set(a);
      state.xHat.set(jsState.xHat);
      state.invStd.set(jsState.invStd);
      const wDelta = inWasm(dy), wdGamma = kernels.allocate(units), wdBeta = kernels.allocate(units);
      expect(kernels.groupNormBackward(wDelta, wu, wa, n, units, activation, wGamma, state, wdGamma, wdBeta)).toBe(true);
      expectClose(wDelta, delta, 'delta');
      expectClose(wdGamma, dGamma, 'dGamma');
      expectClose(wdBeta, dBeta, 'dBeta');
    });

  it('does nothing (returns false) for arrays outside its memory, so the JS runs', () => {
    const state = createGroupNormState(2, 4, 2);
    const values = new Float32Array(8);
    expect(kernels.groupNormForward(values, values.slice(), values.slice(), 2, 4, new Float32Array(4), new Float32Array(4), 1e-5, state, null)).toBe(false);
  });
});
