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
