/**
 * Batch Normalization (Ioffe & Szegedy 2015) on row-major [n x numUnits] activations,
 * normalising each unit (column) over the mini-batch.
 */

import { allocateFloat64, allocateOnHeap } from './allocate.ts';
import type { Allocate } from './allocate.ts';

/** Per-layer scratch of the BN transform over one mini-batch (Algorithm 1's intermediates). */
export interface BatchNormState {
  /** Batch mean mu_B per unit; length numUnits. */
  mean: Float64Array;
  /** Biased batch variance sigma_B^2 per unit; length numUnits. */
  variance: Float64Array;
  /** 1 / sqrt(sigma_B^2 + epsilon) per unit; length numUnits. */
  invStd: Float64Array;
  /** Normalised inputs x-hat, [n x numUnits] row-major. */
  xHat: Float32Array;
  /** Scratch of the backward pass: sum of dL/dy per unit (dL/dbeta); length numUnits. */
  sumDelta: Float64Array;
  /** Scratch of the backward pass: sum of dL/dy * x-hat per unit (dL/dgamma); length numUnits. */
  sumDeltaXHat: Float64Array;
}

/**
 * Allocates the scratch of one BN layer for mini-batches of `n` examples; `allocate` (default: the
 * JS heap) places it, e.g. in the wasm memory of the fast path.
 */
export function createBatchNormState(n: number, numUnits: number, allocate: Allocate = allocateOnHeap): BatchNormState {
  return {
    mean: allocateFloat64(allocate, numUnits),
    variance: allocateFloat64(allocate, numUnits),
    invStd: allocateFloat64(allocate, numUnits),
    xHat: allocate(n * numUnits),
    sumDelta: allocateFloat64(allocate, numUnits),
    sumDeltaXHat: allocateFloat64(allocate, numUnits),
  };
}

/**
 * Algorithm 1 (training mode): output = gamma * (input - mu_B) / sqrt(sigma_B^2 + epsilon) + beta,
 * with the biased batch variance; fills `state` for the backward pass. input, output [n x numUnits].
 */
export function batchNormForward(
  input: Float32Array, output: Float32Array, n: number, numUnits: number,
  gamma: Float32Array, beta: Float32Array, epsilon: number, state: BatchNormState,
): void {
  const { mean, variance, invStd, xHat } = state;
  mean.fill(0);
  variance.fill(0);
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) mean[u] += input[o + u];
  }
  for (let u = 0; u < numUnits; u++) mean[u] /= n;
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) {
      const centred = input[o + u] - mean[u];
      variance[u] += centred * centred;
    }
  }
  for (let u = 0; u < numUnits; u++) {
    variance[u] /= n;
    invStd[u] = 1 / Math.sqrt(variance[u] + epsilon);
  }
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) {
      const normalised = (input[o + u] - mean[u]) * invStd[u];
      xHat[o + u] = normalised;
      output[o + u] = gamma[u] * normalised + beta[u];
    }
  }
}

/**
 * Backward pass of Algorithm 1, in place: `delta` holds dL/dy on entry and dL/dx on exit,
 * dx_i = gamma / sqrt(var + eps) * (g_i - dbeta/m - xhat_i * dgamma/m). Writes dL/dgamma and
 * dL/dbeta (length numUnits). Needs the `state` of the matching forward pass.
 */
export function batchNormBackward(
  delta: Float32Array, n: number, numUnits: number, gamma: Float32Array,
  state: BatchNormState, dGamma: Float32Array, dBeta: Float32Array,
): void {
  const { invStd, xHat, sumDelta, sumDeltaXHat } = state;
  sumDelta.fill(0);
  sumDeltaXHat.fill(0);
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) {
      const g = delta[o + u];
      sumDelta[u] += g;
      sumDeltaXHat[u] += g * xHat[o + u];
    }
  }
  for (let u = 0; u < numUnits; u++) {
    dBeta[u] = sumDelta[u];
    dGamma[u] = sumDeltaXHat[u];
    // Reuse the scratch as per-unit means of the two sums.
    sumDelta[u] /= n;
    sumDeltaXHat[u] /= n;
  }
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) {
      delta[o + u] = gamma[u] * invStd[u] * (delta[o + u] - sumDelta[u] - xHat[o + u] * sumDeltaXHat[u]);
    }
  }
}

/**
 * Algorithm 2 (inference mode): the fixed affine map
 * y = gamma / sqrt(Var[x] + eps) * x + (beta - gamma * E[x] / sqrt(Var[x] + eps)), from the running statistics.
 */
export function batchNormInference(
  input: Float32Array, output: Float32Array, n: number, numUnits: number,
  gamma: Float32Array, beta: Float32Array, runningMean: Float32Array, runningVar: Float32Array,
  epsilon: number, scratchScale: Float64Array, scratchShift: Float64Array,
): void {
  for (let u = 0; u < numUnits; u++) {
    const scale = gamma[u] / Math.sqrt(runningVar[u] + epsilon);
    scratchScale[u] = scale;
    scratchShift[u] = beta[u] - scale * runningMean[u];
  }
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) output[o + u] = scratchScale[u] * input[o + u] + scratchShift[u];
  }
}

/**
 * Running statistics, PyTorch's convention: running = (1 - momentum) * running + momentum * batchStat,
 * the variance one from the UNBIASED batch variance sigma_B^2 * m / (m - 1). Needs n >= 2.
 */
export function updateRunningStatistics(
  runningMean: Float32Array, runningVar: Float32Array, state: BatchNormState,
  n: number, numUnits: number, momentum: number,
): void {
  const unbiasing = n / (n - 1);
  for (let u = 0; u < numUnits; u++) {
    runningMean[u] = (1 - momentum) * runningMean[u] + momentum * state.mean[u];
    runningVar[u] = (1 - momentum) * runningVar[u] + momentum * state.variance[u] * unbiasing;
  }
}
