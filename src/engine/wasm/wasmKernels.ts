/**
 * The WebAssembly SIMD implementation of `Kernels`, one instance (and memory) per network.
 * Memory layout: [arena | staging]. The arena holds the arrays the network allocates through
 * `allocate` (weights, their gradients, workspace activations), which the kernels then read
 * and write in place; the staging area receives copies of foreign operands (a batch's inputs)
 * and the scratch of a call. The memory never grows, so no view is ever detached: an arena
 * that is full hands out ordinary arrays, and an operand too big to stage runs on the JS kernels.
 */
import { jsKernels, SPARSE_ZERO_FRACTION } from '../kernels.ts';
import type { Kernels } from '../kernels.ts';
import type { Activation } from '../types.ts';
import { instantiateKernels, WASM_PAGE_BYTES } from './wasmRuntime.ts';

/** How many floats the arena and the staging area of one instance hold. */
export interface WasmKernelsSize {
  /** Floats that `allocate` can hand out in wasm memory (later requests get plain arrays). */
  arenaFloats: number;
  /** Floats of staging for foreign operands and scratch, per call. */
  stagingFloats: number;
}

const ALIGN_BYTES = 16;
const alignUp = (bytes: number): number => Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;

/** Forward nonlinearity codes of kernels.wat: -1 when wasm does not compute it (tanh: JS Math.tanh). */
const FORWARD_CODES: Record<Activation, number> = { linear: 1, sigmoid: 2, relu: 3, tanh: -1 };
/** Backward nonlinearity codes of kernels.wat (every derivative is exact float64 arithmetic). */
const BACKWARD_CODES: Record<Activation, number> = { linear: 0, sigmoid: 1, tanh: 2, relu: 3 };

/** Builds WebAssembly SIMD kernels sized by `size`; null where WebAssembly SIMD is unavailable. */
export function createWasmKernels(size: WasmKernelsSize): Kernels | null {
  const arenaStart = ALIGN_BYTES; // keep address 0 unused
  const arenaEnd = alignUp(arenaStart + 4 * size.arenaFloats);
  const stagingEnd = alignUp(arenaEnd + 4 * size.stagingFloats);
  const instance = instantiateKernels(Math.ceil(stagingEnd / WASM_PAGE_BYTES));
  if (instance === null) return null;
  const { memory, exports: wasm } = instance;
  const buffer = memory.buffer;
  const heap = new Float32Array(buffer);
  let arenaNext = arenaStart;
  let stagingNext = arenaEnd;

  /** Reserves `floats` of staging for this call; -1 when it does not fit. */
  function reserve(floats: number): number {
    const pointer = stagingNext;
    if (pointer < 0 || pointer + 4 * floats > stagingEnd) return (stagingNext = -1);
    stagingNext = alignUp(pointer + 4 * floats);
    return pointer;
  }

  /** Byte address of `array`'s first `length` floats in wasm memory, copied in if foreign; -1 if no room. */
  function input(array: Float32Array, length: number): number {
    if (array.buffer === buffer) return array.byteOffset;
    const pointer = reserve(length);
    if (pointer >= 0) heap.set(array.subarray(0, length), pointer >> 2);
    return pointer;
  }

  /** Byte address where the result for `array` is computed (staged if foreign); -1 if no room. */
  function output(array: Float32Array, length: number): number {
    return array.buffer === buffer ? array.byteOffset : reserve(length);
  }

  /** Copies a staged result back into its foreign array. */
  function finish(array: Float32Array, pointer: number, length: number): void {
    if (array.buffer !== buffer) array.set(heap.subarray(pointer >> 2, (pointer >> 2) + length));
  }

  /** Whether an array lives in this instance's memory (so the kernels work on it in place). */
  const mine = (array: { buffer: ArrayBufferLike }): boolean => array.buffer === buffer;
  const forwardCode = (activation: Activation | null): number => (activation === null ? 0 : FORWARD_CODES[activation]);

  const mostlyZero = (pointer: number, length: number): boolean =>
    wasm.countZeros(pointer, length) >= SPARSE_ZERO_FRACTION * length;

  return {
    name: 'wasm-simd',

    allocate(length: number): Float32Array {
      const bytes = alignUp(4 * length);
      if (arenaNext + bytes > arenaEnd) return new Float32Array(length);
      const view = new Float32Array(buffer, arenaNext, length);
      arenaNext += bytes;
      return view;
    },

    sigmoid(input, output, count) {
      if (input.buffer !== buffer || output.buffer !== buffer) return false;
      wasm.sigmoid(input.byteOffset, output.byteOffset, count);
      return true;
    },

    sgdUpdate(value, gradient, velocity, learningRate, momentum) {
      if (value.buffer !== buffer || gradient.buffer !== buffer || velocity.buffer !== buffer) return false;
      wasm.sgd(value.byteOffset, gradient.byteOffset, velocity.byteOffset, value.length, learningRate, momentum);
      return true;
    },

    biasActivation(z, bias, a, n, units, activation) {
      const act = forwardCode(activation);
      if (act < 0 || !mine(z) || !mine(bias) || !mine(a)) return false;
      wasm.biasActivation(z.byteOffset, bias.byteOffset, a.byteOffset, n, units, act);
      return true;
    },

    batchNormForward(z, u, a, n, units, gamma, beta, epsilon, state, activation) {
      const act = forwardCode(activation);
      const { mean, variance, invStd, xHat } = state;
      if (act < 0 || !mine(z) || !mine(u) || !mine(a) || !mine(gamma) || !mine(beta)) return false;
      if (!mine(mean) || !mine(variance) || !mine(invStd) || !mine(xHat)) return false;
      wasm.batchNormForward(z.byteOffset, u.byteOffset, a.byteOffset, n, units, gamma.byteOffset, beta.byteOffset, epsilon,
        mean.byteOffset, variance.byteOffset, invStd.byteOffset, xHat.byteOffset, act);
      return true;
    },

    batchNormInference(z, u, a, n, units, gamma, beta, runningMean, runningVar, epsilon, scale, shift, activation) {
      const act = forwardCode(activation);
      if (act < 0 || !mine(z) || !mine(u) || !mine(a) || !mine(scale) || !mine(shift)) return false;
      for (let unit = 0; unit < units; unit++) { // as batchNorm.ts's batchNormInference
        const factor = gamma[unit] / Math.sqrt(runningVar[unit] + epsilon);
        scale[unit] = factor;
        shift[unit] = beta[unit] - factor * runningMean[unit];
      }
      wasm.affineActivation(z.byteOffset, u.byteOffset, a.byteOffset, n, units, scale.byteOffset, shift.byteOffset, act);
      return true;
    },

    activationBackward(delta, u, a, n, units, activation, dBias, scratch) {
      if (!mine(delta) || !mine(u) || !mine(a) || !mine(scratch) || (dBias !== null && !mine(dBias))) return false;
      wasm.activationBackward(delta.byteOffset, u.byteOffset, a.byteOffset, n, units, BACKWARD_CODES[activation],
        dBias === null ? 0 : dBias.byteOffset, scratch.byteOffset);
      return true;
    },

    batchNormBackward(delta, u, a, n, units, activation, gamma, state, dGamma, dBeta) {
      const { invStd, xHat, sumDelta, sumDeltaXHat } = state;
      if (!mine(delta) || !mine(u) || !mine(a) || !mine(gamma) || !mine(dGamma) || !mine(dBeta)) return false;
      if (!mine(invStd) || !mine(xHat) || !mine(sumDelta) || !mine(sumDeltaXHat)) return false;
      wasm.batchNormBackward(delta.byteOffset, u.byteOffset, a.byteOffset, n, units, BACKWARD_CODES[activation], gamma.byteOffset,
        invStd.byteOffset, xHat.byteOffset, sumDelta.byteOffset, sumDeltaXHat.byteOffset, dGamma.byteOffset, dBeta.byteOffset);
      return true;
    },

    groupNormForward(z, u, a, n, units, gamma, beta, epsilon, state, activation) {
      const act = forwardCode(activation);
      const { invStd, xHat, groups } = state;
      if (act < 0 || !mine(z) || !mine(u) || !mine(a) || !mine(gamma) || !mine(beta) || !mine(invStd) || !mine(xHat)) return false;
      wasm.groupNormForward(z.byteOffset, u.byteOffset, a.byteOffset, n, units, groups, gamma.byteOffset, beta.byteOffset, epsilon,
        invStd.byteOffset, xHat.byteOffset, act);
      return true;
    },

    groupNormBackward(delta, u, a, n, units, activation, gamma, state, dGamma, dBeta) {
      const { invStd, xHat, sumDelta, sumDeltaXHat, groups } = state;
      if (!mine(delta) || !mine(u) || !mine(a) || !mine(gamma) || !mine(dGamma) || !mine(dBeta)) return false;
      if (!mine(invStd) || !mine(xHat) || !mine(sumDelta) || !mine(sumDeltaXHat)) return false;
      wasm.groupNormBackward(delta.byteOffset, u.byteOffset, a.byteOffset, n, units, groups, BACKWARD_CODES[activation], gamma.byteOffset,
        invStd.byteOffset, xHat.byteOffset, sumDelta.byteOffset, sumDeltaXHat.byteOffset, dGamma.byteOffset, dBeta.byteOffset);
      return true;
    },

    matmul(a, b, c, m, k, n) {
      stagingNext = arenaEnd;
      const pa = input(a, m * k), pb = input(b, k * n), pc = output(c, m * n), list = reserve(2 * k);
      if (list < 0) return jsKernels.matmul(a, b, c, m, k, n);
      if (mostlyZero(pa, m * k)) wasm.sparseProduct(pa, 4 * k, 4, pb, pc, m, k, n, list);
      else wasm.product(pa, 4 * k, 4, pb, pc, m, k, n);
      finish(c, pc, m * n);
    },

    matmulTransB(a, b, c, m, k, n) {
      stagingNext = arenaEnd;
      const pa = input(a, m * k), pb = input(b, n * k), pc = output(c, m * n), transposed = reserve(k * n);
      if (transposed < 0) return jsKernels.matmulTransB(a, b, c, m, k, n);
      wasm.transpose(pb, transposed, n, k);
      wasm.product(pa, 4 * k, 4, transposed, pc, m, k, n);
      finish(c, pc, m * n);
    },

    matmulTransA(a, b, c, m, k, n) {
      stagingNext = arenaEnd;
      const pa = input(a, k * m), pb = input(b, k * n), pc = output(c, m * n), list = reserve(2 * k);
      if (list < 0) return jsKernels.matmulTransA(a, b, c, m, k, n);
      if (mostlyZero(pa, m * k)) wasm.sparseProduct(pa, 4, 4 * m, pb, pc, m, k, n, list);
      else wasm.product(pa, 4, 4 * m, pb, pc, m, k, n);
      finish(c, pc, m * n);
    },
  };
}
