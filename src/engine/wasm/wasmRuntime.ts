/**
 * The few WebAssembly APIs the engine uses, reached through globalThis so the engine
 * compiles with no DOM or Node typings, and the one-time synchronous compilation of the
 * SIMD kernels module (9 KiB: small enough for `new WebAssembly.Module` on any thread).
 */
import { KERNELS_WASM_BASE64 } from './kernelsWasm.ts';

/** A WebAssembly.Memory: `buffer` never changes here, the engine never grows it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The exports of kernels.wat; every pointer and stride in bytes, sizes in elements. */
export interface KernelExports {
  /** c[m x n] = A b, A(i, p) at a + i*aRow + p*aInner, b row-major [k x n]. */
  product(a: number, aRow: number, aInner: number, b: number, c: number, m: number, k: number, n: number): void;
  /** As `product`, skipping the zeros of A; `list` is 8 * k bytes of scratch. */
  sparseProduct(a: number, aRow: number, aInner: number, b: number, c: number, m: number, k: number, n: number, list: number): void;
  /** Number of exact zeros among `length` floats at `a`. */
  countZeros(a: number, length: number): number;
  /** dst[cols x rows] = src[rows x cols]^T. */
  transpose(src: number, dst: number, rows: number, cols: number): void;
  /** a = 1 / (1 + exp(-u)) for `count` floats. */
  sigmoid(u: number, a: number, count: number): void;
  /** SGD (momentum mu = 0) or heavy-ball momentum on `count` floats, float64 arithmetic. */
  sgd(w: number, g: number, v: number, count: number, eta: number, mu: number): void;
  /** z += bias per unit, then a = f(z) (forward code `act`: 0 none, 1 linear, 2 sigmoid, 3 relu). */
  biasActivation(z: number, bias: number, a: number, n: number, units: number, act: number): void;
  /** Algorithm 1 in training mode (float64 statistics into mean, variance, invStd; xHat), then a = f(u). */
  batchNormForward(
    z: number, u: number, a: number, n: number, units: number, gamma: number, beta: number, epsilon: number,
    mean: number, variance: number, invStd: number, xHat: number, act: number,
  ): void;
  /** u = scale z + shift per unit (float64 scale, shift), then a = f(u). */
  affineActivation(z: number, u: number, a: number, n: number, units: number, scale: number, shift: number, act: number): void;
  /** delta *= f'(u) (backward code `act`: 0 linear, 1 sigmoid, 2 tanh, 3 relu); dBias = column sums (float64 `sums`) unless 0. */
  activationBackward(delta: number, u: number, a: number, n: number, units: number, act: number, dBias: number, sums: number): void;
  /** delta *= f'(u), then Algorithm 1 backward in place, writing dGamma, dBeta and the per-unit means. */
  batchNormBackward(
    delta: number, u: number, a: number, n: number, units: number, act: number, gamma: number, invStd: number,
    xHat: number, sumDelta: number, sumDeltaXHat: number, dGamma: number, dBeta: number,
  ): void;
  /** GroupNorm forward per example and group (float64 statistics into invStd [n x groups]; xHat), then a = f(u). */
  groupNormForward(
    z: number, u: number, a: number, n: number, units: number, groups: number, gamma: number, beta: number, epsilon: number,
    invStd: number, xHat: number, act: number,
  ): void;
  /** delta *= f'(u) with dBeta, dGamma (float64 sums in sumDelta, sumDeltaXHat), then GroupNorm's backward in place. */
  groupNormBackward(
    delta: number, u: number, a: number, n: number, units: number, groups: number, act: number, gamma: number, invStd: number,
    xHat: number, sumDelta: number, sumDeltaXHat: number, dGamma: number, dBeta: number,
  ): void;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

/** Bytes of one WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (with or without '=' padding) into bytes. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    const digit = BASE64.indexOf(clean[i]);
    if (digit < 0) throw new RangeError(`invalid base64 character '${clean[i]}'`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled kernels module, or null where WebAssembly or its SIMD proposal is missing. */
function kernelsModule(): object | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = decodeBase64(KERNELS_WASM_BASE64);
      // The module uses f32x4 throughout: validating it is the SIMD feature test.
      if (api !== undefined && api.validate(bytes)) compiled = new api.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether this runtime runs WebAssembly SIMD (f32x4), i.e. whether the fast path is available. */
export function wasmSimdAvailable(): boolean {
  return kernelsModule() !== null;
}

/** A new instance of the kernels over a fresh memory of `pages` pages, or null without SIMD. */
export function instantiateKernels(pages: number): { memory: WasmMemory; exports: KernelExports } | null {
  const module = kernelsModule();
  if (module === null || api === undefined) return null;
  const memory = new api.Memory({ initial: pages, maximum: pages });
  const instance = new api.Instance(module, { env: { memory } });
  return { memory, exports: instance.exports as KernelExports };
}
