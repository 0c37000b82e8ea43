/**
 * Matrix products on row-major Float32Array, the engine's only heavy arithmetic. An
 * interface so that the WebAssembly SIMD implementation (src/engine/wasm) can replace the
 * JS one. Every product OVERWRITES its output `c`, which must not alias `a` or `b`.
 */

import type { BatchNormState } from './batchNorm.ts';
import type { GroupNormState } from './groupNorm.ts';
import type { Activation } from './types.ts';

/** Which implementation of the kernels runs: WebAssembly SIMD (the fast path) or plain JavaScript (the fallback). */
export type KernelName = 'wasm-simd' | 'js';

/** The three products that a dense layer's forward and backward passes need. */
export interface Kernels {
  /** The implementation, for display ("fast path" / "fallback"). */
  readonly name: KernelName;
  /**
   * Optional: a zeroed Float32Array of `length` that these kernels read and write without
   * copying (wasm memory). The network allocates its weights, gradients and activations here.
   */
  allocate?(length: number): Float32Array;
  /**
   * Optional fused element-wise op: a = 1 / (1 + exp(-u)) for `count` values, within float32
   * round-off. Returns false when it did nothing (e.g. arrays outside wasm memory): the caller runs JS.
   */
  sigmoid?(input: Float32Array, output: Float32Array, count: number): boolean;
  /**
   * Optional SGD step on one trainable, bit-identical to sgd.ts: w -= eta g (mu = 0), else
   * v = mu v + g, w -= eta v. Returns false when it did nothing: the caller runs JS.
   */
  sgdUpdate?(value: Float32Array, gradient: Float32Array, velocity: Float32Array, learningRate: number, momentum: number): boolean;
  /**
   * Optional fused forward of a dense layer without BN: z += bias per unit, then a = f(z) unless
   * `activation` is null (never 'tanh'). Bit-identical to addBias + activationForward; false: did nothing.
   */
  biasActivation?(z: Float32Array, bias: Float32Array, a: Float32Array, n: number, units: number, activation: Activation | null): boolean;
  /**
   * Optional fused Algorithm 1 (training mode) into u and `state`, then a = f(u) unless `activation`
   * is null (never 'tanh'). Bit-identical to batchNormForward + activationForward; false: did nothing.
   */
  batchNormForward?(
    z: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, gamma: Float32Array, beta: Float32Array,
    epsilon: number, state: BatchNormState, activation: Activation | null,
  ): boolean;
  /**
   * Optional fused Algorithm 2 (inference) into u, then a = f(u) unless `activation` is null (never
   * 'tanh'); `scale`, `shift` are scratch. Bit-identical to batchNormInference + activationForward.
   */
  batchNormInference?(
    z: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, gamma: Float32Array, beta: Float32Array,
    runningMean: Float32Array, runningVar: Float32Array, epsilon: number, scale: Float64Array, shift: Float64Array,
    activation: Activation | null,
  ): boolean;
  /**
   * Optional fused backward of a nonlinearity: delta = f'(u) delta in place, then (dBias not null)
   * dBias = column sums of delta, summed in the float64 `scratch`. Bit-identical to
   * activationBackward + sumColumns; false: did nothing.
   */
  activationBackward?(
    delta: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, activation: Activation,
    dBias: Float32Array | null, scratch: Float64Array,
  ): boolean;
  /**
   * Optional fused backward of nonlinearity + BN: delta = f'(u) delta, then Algorithm 1's backward in
   * place with dGamma, dBeta. Bit-identical to activationBackward + batchNormBackward; false: did nothing.
   */
  batchNormBackward?(
    delta: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, activation: Activation,
    gamma: Float32Array, state: BatchNormState, dGamma: Float32Array, dBeta: Float32Array,
  ): boolean;
  /**
   * Optional fused GroupNorm / LayerNorm forward (groupNorm.ts's groupNormForward) into u and `state`,
   * then a = f(u) unless `activation` is null (never 'tanh'). Equal to groupNormForward + activationForward
   * within float64 round-off of the group sums (summed in another order); false: did nothing.
   */
  groupNormForward?(
    z: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, gamma: Float32Array, beta: Float32Array,
    epsilon: number, state: GroupNormState, activation: Activation | null,
  ): boolean;
  /**
   * Optional fused backward of nonlinearity + GroupNorm: delta = f'(u) delta, then groupNormBackward in
   * place with dGamma, dBeta (same round-off caveat as groupNormForward); false: did nothing.
   */
  groupNormBackward?(
    delta: Float32Array, u: Float32Array, a: Float32Array, n: number, units: number, activation: Activation,
    gamma: Float32Array, state: GroupNormState, dGamma: Float32Array, dBeta: Float32Array,
  ): boolean;
  /** c[m x n] = a[m x k] · b[k x n]  (forward: z = x W). */
  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void;
  /** c[m x n] = a[m x k] · b[n x k]^T  (backward: dInput = dZ W^T, with b = W [n x k]). */
  matmulTransB(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void;
  /** c[m x n] = a[k x m]^T · b[k x n]  (backward: dWeight = x^T dZ). */
  matmulTransA(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void;
}

/**
 * c[i, j] = sum_p A(i, p) B(p, j) with A(i, p) = a[i*aRow + p*aInner] and
 * B(p, j) = b[p*bInner + j*bCol]: 4x4 blocks of c held in 16 locals (registers), the rest
 * by plain dot products. Accumulates in float64, stores float32.
 */
function stridedProduct(
  a: Float32Array, aRow: number, aInner: number,
  b: Float32Array, bInner: number, bCol: number,
  c: Float32Array, m: number, k: number, n: number,
): void {
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  const aRow2 = 2 * aRow, aRow3 = 3 * aRow;
  const bCol2 = 2 * bCol, bCol3 = 3 * bCol;
  for (let i = 0; i < m4; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    for (let j = 0; j < n4; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let ai = i * aRow;
      let bi = j * bCol;
      for (let p = 0; p < k; p++) {
        const a0 = a[ai], a1 = a[ai + aRow], a2 = a[ai + aRow2], a3 = a[ai + aRow3];
        const b0 = b[bi], b1 = b[bi + bCol], b2 = b[bi + bCol2], b3 = b[bi + bCol3];
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
        s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
        ai += aInner;
        bi += bInner;
      }
      c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
      c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
      c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
      c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
    }
    for (let r = i; r < i + 4; r++) {
      for (let j = n4; j < n; j++) c[r * n + j] = dot(a, r * aRow, aInner, b, j * bCol, bInner, k);
    }
  }
  for (let r = m4; r < m; r++) {
    for (let j = 0; j < n; j++) c[r * n + j] = dot(a, r * aRow, aInner, b, j * bCol, bInner, k);
  }
}

function dot(a: Float32Array, ai: number, aStep: number, b: Float32Array, bi: number, bStep: number, k: number): number {
  let sum = 0;
  for (let p = 0; p < k; p++) {
    sum += a[ai] * b[bi];
    ai += aStep;
    bi += bStep;
  }
  return sum;
}

/**
 * Fraction of exact zeros in `a` from which the zero-skipping path runs instead of the
 * blocked one: binarised MNIST inputs are ~80% zeros, relu activations ~50%.
 */
export const SPARSE_ZERO_FRACTION = 0.5;

/** A float64 accumulator row and the nonzero list of one row of A, grown on demand and reused. */
let accumulator = new Float64Array(256);
let nonzeroOffsets = new Int32Array(1024);
let nonzeroValues = new Float64Array(1024);

function isMostlyZero(a: Float32Array, length: number): boolean {
  let zeros = 0;
  for (let i = 0; i < length; i++) if (a[i] === 0) zeros++;
  return zeros >= SPARSE_ZERO_FRACTION * length;
}

/**
 * c[i, :] = sum over p with A(i, p) != 0 of A(i, p) * b[p, :], A(i, p) = a[i*aRow + p*aInner],
 * b row-major [k x n]: gathers the nonzeros of each row of A, then adds four rows of b per
 * pass over a float64 accumulator row. (A skipped zero times an infinite weight gives 0, not
 * NaN; the other entries still carry the overflow.)
 */
function zeroSkippingProduct(
  a: Float32Array, aRow: number, aInner: number, b: Float32Array, c: Float32Array, m: number, k: number, n: number,
): void {
  if (accumulator.length < n) accumulator = new Float64Array(n);
  if (nonzeroOffsets.length < k) {
    nonzeroOffsets = new Int32Array(k);
    nonzeroValues = new Float64Array(k);
  }
  const row = accumulator;
  for (let i = 0; i < m; i++) {
    let count = 0;
    for (let p = 0, ai = i * aRow; p < k; p++, ai += aInner) {
      const value = a[ai];
      if (value !== 0) {
        nonzeroOffsets[count] = p * n;
        nonzeroValues[count] = value;
        count++;
      }
    }
    row.fill(0, 0, n);
    let q = 0;
    for (; q + 4 <= count; q += 4) {
      const o0 = nonzeroOffsets[q], o1 = nonzeroOffsets[q + 1], o2 = nonzeroOffsets[q + 2], o3 = nonzeroOffsets[q + 3];
      const v0 = nonzeroValues[q], v1 = nonzeroValues[q + 1], v2 = nonzeroValues[q + 2], v3 = nonzeroValues[q + 3];
      for (let j = 0; j < n; j++) row[j] += v0 * b[o0 + j] + v1 * b[o1 + j] + v2 * b[o2 + j] + v3 * b[o3 + j];
    }
    for (; q < count; q++) {
      const offset = nonzeroOffsets[q];
      const value = nonzeroValues[q];
      for (let j = 0; j < n; j++) row[j] += value * b[offset + j];
    }
    for (let j = 0, cj = i * n; j < n; j++, cj++) c[cj] = row[j];
  }
}

/** The default kernels: plain JavaScript, register-blocked 4x4, skipping zeros of a mostly-zero `a`. */
export const jsKernels: Kernels = {
  name: 'js',
  matmul(a, b, c, m, k, n) {
    if (isMostlyZero(a, m * k)) zeroSkippingProduct(a, k, 1, b, c, m, k, n);
    else stridedProduct(a, k, 1, b, n, 1, c, m, k, n);
  },
  matmulTransB(a, b, c, m, k, n) {
    stridedProduct(a, k, 1, b, 1, k, c, m, k, n);
  },
  matmulTransA(a, b, c, m, k, n) {
    if (isMostlyZero(a, m * k)) zeroSkippingProduct(a, 1, m, b, c, m, k, n);
    else stridedProduct(a, 1, m, b, n, 1, c, m, k, n);
  },
};
