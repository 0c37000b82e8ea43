/** Where the engine's arrays live: the JS heap, or the wasm memory of the fast path's kernels. */

/** Makes a zeroed Float32Array of `length` (in wasm memory on the fast path). */
export type Allocate = (length: number) => Float32Array;

/** The default `Allocate`: an ordinary Float32Array on the JS heap. */
export const allocateOnHeap: Allocate = (length) => new Float32Array(length);

/** A zeroed Float64Array of `length` carved out of `allocate` (16-byte aligned in wasm memory). */
export function allocateFloat64(allocate: Allocate, length: number): Float64Array {
  const floats = allocate(2 * length);
  return new Float64Array(floats.buffer, floats.byteOffset, length);
}
