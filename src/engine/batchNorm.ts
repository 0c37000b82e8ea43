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

/**
 * Ghost Batch Normalization (Hoffer, Hubara & Soudry 2017): the scratch of one BN layer whose batch
 * of n examples is normalised as n / ghostBatchSize consecutive virtual batches, each with its own
 * Algorithm 1 statistics. State k's x-hat views rows [k g, (k + 1) g) of one shared x-hat.
 */
export interface GhostBatchNormState {
  /** Examples per virtual batch, g. */
  ghostBatchSize: number;
  /** One BN state per virtual batch, in batch order. */
  states: BatchNormState[];
  /** Per virtual batch, its share of dL/dgamma (summed into the layer's gradient); length numUnits each. */
  dGamma: Float32Array[];
  /** Per virtual batch, its share of dL/dbeta; length numUnits each. */
  dBeta: Float32Array[];
}

/**
 * Allocates ghost BN scratch for a batch of `n` examples in virtual batches of `ghostBatchSize`,
 * sharing `xHat` ([n x numUnits]). Throws a RangeError unless n is a multiple of ghostBatchSize.
 */
export function createGhostBatchNormState(
  n: number, numUnits: number, ghostBatchSize: number, xHat: Float32Array, allocate: Allocate = allocateOnHeap,
): GhostBatchNormState {
  checkGhostBatch(n, ghostBatchSize);
  const count = n / ghostBatchSize;
  const states: BatchNormState[] = [];
  const dGamma: Float32Array[] = [];
  const dBeta: Float32Array[] = [];
  for (let k = 0; k < count; k++) {
    states.push({
      mean: allocateFloat64(allocate, numUnits),
      variance: allocateFloat64(allocate, numUnits),
      invStd: allocateFloat64(allocate, numUnits),
      xHat: xHat.subarray(k * ghostBatchSize * numUnits, (k + 1) * ghostBatchSize * numUnits),
      sumDelta: allocateFloat64(allocate, numUnits),
      sumDeltaXHat: allocateFloat64(allocate, numUnits),
    });
    dGamma.push(allocate(numUnits));
    dBeta.push(allocate(numUnits));
  }
  return { ghostBatchSize, states, dGamma, dBeta };
}

/** Throws a RangeError unless a batch of `n` splits into whole virtual batches of `ghostBatchSize`. */
export function checkGhostBatch(n: number, ghostBatchSize: number): void {
  if (n % ghostBatchSize !== 0) {
    throw new RangeError(`ghost batch norm splits each batch into virtual batches of ghostBatchSize = ${ghostBatchSize}: the batch size ${n} is not a multiple of it`);
  }
}

/**
 * dL/dgamma and dL/dbeta of ghost BN: the sums over virtual batches of their shares (summed in
 * float64, in batch order).
 */
export function sumGhostGradients(ghost: GhostBatchNormState, numUnits: number, dGamma: Float32Array, dBeta: Float32Array): void {
  for (let u = 0; u < numUnits; u++) {
    let gammaSum = 0;
    let betaSum = 0;
    for (let k = 0; k < ghost.states.length; k++) {
      gammaSum += ghost.dGamma[k][u];
      betaSum += ghost.dBeta[k][u];
    }
    dGamma[u] = gammaSum;
    dBeta[u] = betaSum;
  }
}

/**
 * Running statistics of ghost BN: as `updateRunningStatistics`, with the batch statistics the
 * average over virtual batches of their means and of their UNBIASED variances sigma_k^2 g / (g - 1).
 */
export function updateGhostRunningStatistics(
  runningMean: Float32Array, runningVar: Float32Array, ghost: GhostBatchNormState, numUnits: number, momentum: number,
): void {
  const { states, ghostBatchSize } = ghost;
  const unbiasing = ghostBatchSize / (ghostBatchSize - 1);
  for (let u = 0; u < numUnits; u++) {
    let meanSum = 0;
    let varianceSum = 0;
    for (const state of states) {
      meanSum += state.mean[u];
      varianceSum += state.variance[u];
    }
    runningMean[u] = (1 - momentum) * runningMean[u] + momentum * (meanSum / states.length);
    runningVar[u] = (1 - momentum) * runningVar[u] + momentum * (varianceSum / states.length) * unbiasing;
  }
}
