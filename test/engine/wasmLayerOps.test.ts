/**
 * The fused WebAssembly element-wise layer ops (bias + nonlinearity, BN forward in training and
 * inference, nonlinearity backward + bias sums, nonlinearity + BN backward) against their JS
 * twins in batchNorm.ts, dense.ts and activations.ts: bit for bit, on widths that hit the
 * four-wide and one-lane paths, with saturating, zero and NaN entries (the sigmoid itself
 * within 2 ulps, as wasm computes its own exp).
 */
import { describe, expect, it } from 'vitest';
import { activationBackward, activationForward } from '../../src/engine/activations.ts';
import {
  batchNormBackward, batchNormForward, batchNormInference, createBatchNormState,
} from '../../src/engine/batchNorm.ts';
import type { BatchNormState } from '../../src/engine/batchNorm.ts';
import { addBias, sumColumns } from '../../src/engine/dense.ts';
import type { Kernels } from '../../src/engine/kernels.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation } from '../../src/engine/types.ts';
import { kernelsFor } from '../../src/engine/wasm/selectKernels.ts';
import { createWasmKernels } from '../../src/engine/wasm/wasmKernels.ts';
import { randomBatch } from './helpers/fixtures.ts';

const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];
/** [n, units]: units 1-3 only the one-lane path, 4 and 8 only four-wide, the others both. */
const SHAPES: [number, number][] = [[2, 1], [3, 3], [5, 4], [7, 5], [4, 8], [9, 13], [60, 100]];

/** Normals of spread `scale` with a few exact zeros, -0 and large (saturating) entries. */
function randomValues(seed: number, length: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => {
    const pick = rng.next();
    if (pick < 0.05) return 0;
    if (pick < 0.07) return -0;
    if (pick < 0.1) return (rng.next() < 0.5 ? -1 : 1) * 95;
    return scale * rng.normal();
  });
}

/** A fresh wasm-simd kernel instance and a helper that copies values into its memory. */
function wasmSetup(): { kernels: Required<Kernels>; inWasm: (values: Float32Array) => Float32Array; state: (n: number, units: number) => BatchNormState } {
  const kernels = kernelsFor([128, 128], 'wasm-simd') as Required<Kernels>;
  const inWasm = (values: Float32Array): Float32Array => {
    const copy = kernels.allocate(values.length);
    copy.set(values);
    return copy;
  };
  return { kernels, inWasm, state: (n, units) => createBatchNormState(n, units, (length) => kernels.allocate(length)) };
}

/** Exact equality, element by element with Object.is (so -0 differs from 0; NaN equals NaN). */
function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(Array.from(actual), what).toEqual(Array.from(expected));
}

/** One ulp of float32 at |x|. */
function ulp(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

/**
 * a = f(u): bit for bit for relu and linear; for sigmoid (wasm's own exp, as its sigmoid kernel)
 * within 2 float32 ulps of float64 maths, below u = -87 a tiny positive value, NaN kept.
 */
function expectActivation(activation: Activation, a: Float32Array, u: Float32Array, expected: Float32Array): void {
  if (activation !== 'sigmoid') return expectSameBits(a, expected, 'a');
  u.forEach((x, i) => {
    if (Number.isNaN(x)) return expect(a[i]).toBeNaN();
    if (x < -87) return expect(a[i]).toBeLessThan(1e-37);
    const exact = 1 / (1 + Math.exp(-x));
    expect(Math.abs(a[i] - exact), `sigmoid(${x})`).toBeLessThanOrEqual(2 * ulp(exact));
  });
}

function expectSameState(actual: BatchNormState, expected: BatchNormState, keys: (keyof BatchNormState)[]): void {
  for (const key of keys) expectSameBits(actual[key], expected[key], key);
}

const forwardActivation = (activation: Activation): Activation | null => (activation === 'tanh' ? null : activation);

describe.each(ACTIVATIONS)('the fused wasm layer ops with %s', (activation) => {
  it.each(SHAPES)('bias + nonlinearity equal addBias + activationForward bit for bit (n %i, units %i)', (n, units) => {
    const { kernels, inWasm } = wasmSetup();
    const z = randomValues(1, n * units, 3);
    const bias = randomValues(2, units);
    const expectedZ = z.slice();
    addBias(expectedZ, bias, n, units);
    const expectedA = new Float32Array(n * units);
    activationForward(activation, expectedZ, expectedA, n * units);
    const [wz, wa] = [inWasm(z), inWasm(new Float32Array(n * units).fill(7))];
    expect(kernels.biasActivation(wz, inWasm(bias), wa, n, units, forwardActivation(activation))).toBe(true);
    expectSameBits(wz, expectedZ, 'z');
    if (activation === 'tanh') expect(Array.from(wa).every((value) => value === 7)).toBe(true); // left alone
    else expectActivation(activation, wa, wz, expectedA);
  });

  it.each(SHAPES)('BN training forward + nonlinearity equal batchNormForward + activationForward bit for bit (n %i, units %i)', (n, units) => {
    const { kernels, inWasm, state } = wasmSetup();
    const z = randomValues(3, n * units, 4).map((value, i) => value + (i % units) - 2);
    const gamma = randomValues(4, units).map((value) => 0.5 + Math.abs(value));
    const beta = randomValues(5, units);
    const expected = { u: new Float32Array(n * units), a: new Float32Array(n * units), state: createBatchNormState(n, units) };
    batchNormForward(z, expected.u, n, units, gamma, beta, 1e-5, expected.state);
    activationForward(activation, expected.u, expected.a, n * units);
    const wasm = { u: inWasm(new Float32Array(n * units)), a: inWasm(new Float32Array(n * units)), state: state(n, units) };
    const fused = forwardActivation(activation);
    expect(kernels.batchNormForward(inWasm(z), wasm.u, wasm.a, n, units, inWasm(gamma), inWasm(beta), 1e-5, wasm.state, fused)).toBe(true);
    expectSameBits(wasm.u, expected.u, 'u');
    expectSameState(wasm.state, expected.state, ['mean', 'variance', 'invStd', 'xHat']);
    if (fused !== null) expectActivation(activation, wasm.a, wasm.u, expected.a);
  });

  it.each(SHAPES)('BN inference + nonlinearity equal batchNormInference + activationForward bit for bit (n %i, units %i)', (n, units) => {
    const { kernels, inWasm } = wasmSetup();
    const z = randomValues(6, n * units, 2);
    const [gamma, beta, runningMean] = [randomValues(7, units), randomValues(8, units), randomValues(9, units)];
    const runningVar = randomValues(10, units).map((value) => Math.abs(value));
    const expected = { u: new Float32Array(n * units), a: new Float32Array(n * units) };
    batchNormInference(z, expected.u, n, units, gamma, beta, runningMean, runningVar, 1e-5, new Float64Array(units), new Float64Array(units));
    activationForward(activation, expected.u, expected.a, n * units);
    const wasm = { u: inWasm(new Float32Array(n * units)), a: inWasm(new Float32Array(n * units)) };
    const scratch = (): Float64Array => createBatchNormState(1, units, (length) => kernels.allocate(length)).mean;
    const fused = forwardActivation(activation);
    expect(kernels.batchNormInference(inWasm(z), wasm.u, wasm.a, n, units, gamma, beta, runningMean, runningVar, 1e-5,
      scratch(), scratch(), fused)).toBe(true);
    expectSameBits(wasm.u, expected.u, 'u');
    if (fused !== null) expectActivation(activation, wasm.a, wasm.u, expected.a);
  });

  it.each(SHAPES)('nonlinearity backward + bias sums equal activationBackward + sumColumns bit for bit (n %i, units %i)', (n, units) => {
    const { kernels, inWasm } = wasmSetup();
    const u = randomValues(11, n * units, 3);
    const a = new Float32Array(n * units);
    activationForward(activation, u, a, n * units);
    const delta = randomValues(12, n * units, 0.1);
    const expectedDelta = delta.slice();
    activationBackward(activation, u, a, expectedDelta, n * units);
    const expectedBias = new Float32Array(units);
    sumColumns(expectedDelta, expectedBias, n, units, new Float64Array(units));
    const [wDelta, wBias] = [inWasm(delta), inWasm(new Float32Array(units))];
    const scratch = createBatchNormState(1, units, (length) => kernels.allocate(length)).mean;
    expect(kernels.activationBackward(wDelta, inWasm(u), inWasm(a), n, units, activation, wBias, scratch)).toBe(true);
    expectSameBits(wDelta, expectedDelta, 'delta');
    expectSameBits(wBias, expectedBias, 'dBias');
    const again = inWasm(delta);
    expect(kernels.activationBackward(again, inWasm(u), inWasm(a), n, units, activation, null, scratch)).toBe(true);
    expectSameBits(again, expectedDelta, 'delta without dBias');
  });

  it.each(SHAPES)('nonlinearity + BN backward equal activationBackward + batchNormBackward bit for bit (n %i, units %i)', (n, units) => {
    const { kernels, inWasm, state } = wasmSetup();
    const z = randomValues(13, n * units, 2);
    const gamma = randomValues(14, units).map((value) => 0.5 + Math.abs(value));
    const beta = randomValues(15, units);
    const expected = { u: new Float32Array(n * units), a: new Float32Array(n * units), state: createBatchNormState(n, units) };
    batchNormForward(z, expected.u, n, units, gamma, beta, 1e-3, expected.state);
    activationForward(activation, expected.u, expected.a, n * units);
    const wasm = { state: state(n, units), u: inWasm(expected.u), a: inWasm(expected.a) };
    for (const key of ['mean', 'variance', 'invStd', 'xHat'] as const) wasm.state[key].set(expected.state[key]);
    const delta = randomValues(16, n * units, 0.1);
    const wDelta = inWasm(delta);
    const [dGamma, dBeta] = [new Float32Array(units), new Float32Array(units)];
    activationBackward(activation, expected.u, expected.a, delta, n * units);
    batchNormBackward(delta, n, units, gamma, expected.state, dGamma, dBeta);
    const [wGamma, wDGamma, wDBeta] = [inWasm(gamma), inWasm(new Float32Array(units)), inWasm(new Float32Array(units))];
    expect(kernels.batchNormBackward(wDelta, wasm.u, wasm.a, n, units, activation, wGamma, wasm.state, wDGamma, wDBeta)).toBe(true);
    expectSameBits(wDelta, delta, 'delta');
    expectSameBits(wDGamma, dGamma, 'dGamma');
    expectSameBits(wDBeta, dBeta, 'dBeta');
    expectSameState(wasm.state, expected.state, ['sumDelta', 'sumDeltaXHat']);
  });
});

describe('the fused wasm layer ops at their edges', () => {
  it('keep NaN as NaN in sigmoid and map it to 0 in relu, as the JS nonlinearities do', () => {
    const { kernels, inWasm } = wasmSetup();
    const z = Float32Array.from([NaN, 1, -1, NaN, 2]);
    for (const activation of ['sigmoid', 'relu'] as const) {
      const [wz, wa] = [inWasm(z), inWasm(new Float32Array(5))];
      expect(kernels.biasActivation(wz, inWasm(new Float32Array(5)), wa, 1, 5, activation)).toBe(true);
      const expected = new Float32Array(5);
      activationForward(activation, z, expected, 5);
      expectActivation(activation, wa, z, expected);
      expect([0, 3].map((i) => activation === 'sigmoid' ? Number.isNaN(wa[i]) : Object.is(wa[i], 0))).toEqual([true, true]);
    }
  });

  it('compute the sigmoid within 2 float32 ulps over its whole unclamped range [-87, 88]', () => {
    const { kernels, inWasm } = wasmSetup();
    const count = 20_000;
    const u = inWasm(Float32Array.from({ length: count }, (_, i) => -87 + (175 * i) / (count - 1)));
    const a = inWasm(new Float32Array(count));
    expect(kernels.sigmoid(u, a, count)).toBe(true);
    expectActivation('sigmoid', a, u, new Float32Array(count));
  });

  it('refuse arrays outside their memory and a tanh forward, so the caller runs JS', () => {
    const { kernels, inWasm, state } = wasmSetup();
    const outside = new Float32Array(8);
    const inside = inWasm(new Float32Array(8));
    expect(kernels.biasActivation(outside, inside, inside, 2, 4, 'sigmoid')).toBe(false);
    expect(kernels.biasActivation(inside, inside, inside, 2, 4, 'tanh')).toBe(false);
    expect(kernels.batchNormForward(inside, inside, inside, 2, 4, inside, inside, 1e-5, createBatchNormState(2, 4), 'relu')).toBe(false);
    expect(kernels.batchNormBackward(inside, inside, inside, 2, 4, 'relu', outside, state(2, 4), inside, inside)).toBe(false);
    expect(kernels.activationBackward(inside, inside, inside, 2, 4, 'relu', outside, state(2, 4).mean)).toBe(false);
    expect(kernels.batchNormInference(inside, inside, outside, 2, 4, inside, inside, inside, inside, 1e-5,
      state(2, 4).mean, state(2, 4).variance, null)).toBe(false);
    expect(inside).toEqual(new Float32Array(8));
  });

  it('train like the JS path when the arena is too small for the workspaces (JS fallback inside the step)', () => {
    const layers = [12, 9, 7, 3];
    const rng = createRng(21);
    const batch = randomBatch(rng, 16, layers[0], 3);
    for (const batchNorm of [true, false]) {
      const config = { layers, activation: 'relu' as const, batchNorm, init: { scheme: 'he' as const }, seed: 5 };
      // Room for the parameters only: every workspace array is an ordinary array.
      const cramped = createWasmKernels({ arenaFloats: 3 * (12 * 9 + 9 * 7 + 7 * 3) + 8 * 19 + 80, stagingFloats: 4096 }) as Kernels;
      const [js, wasm] = [createNetwork(config, 'js'), createNetwork(config, cramped)];
      for (let step = 0; step < 10; step++) {
        const [lossJs, lossWasm] = [js.trainStep(batch, { learningRate: 0.1 }).loss, wasm.trainStep(batch, { learningRate: 0.1 }).loss];
        expect(Math.abs(lossWasm - lossJs)).toBeLessThan(1e-5 * lossJs);
      }
    }
  });
});
