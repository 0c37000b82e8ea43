/**
 * Group Normalization (Wu & He 2018) on row-major [n x numUnits] values: each example's units
 * split into `groups` groups of consecutive units, each normalised over its own units with its
 * own mean and (biased) variance, then scaled and shifted per unit:
 *   y = gamma * (x - mu_(example, group)) / sqrt(var_(example, group) + epsilon) + beta.
 * Layer Normalization (Ba, Kiros & Hinton 2016) is the case of one group. Nothing depends on the
 * other examples of the batch, so training and inference compute the same thing.
 */
import { allocateFloat64, allocateOnHeap } from './allocate.ts';
import type { Allocate } from './allocate.ts';

/** Per-layer scratch of GroupNorm over `n` examples (the forward's intermediates, the backward's sums). */
export interface GroupNormState {
  /** Number of groups G per example. */
  groups: number;
  /** 1 / sqrt(var + epsilon) per example and group, [n x groups] row-major. */
  invStd: Float64Array;
  /** Normalised inputs x-hat, [n x numUnits] row-major. */
  xHat: Float32Array;
  /** Scratch of the backward pass: sum over examples of dL/dy per unit (dL/dbeta); length numUnits. */
  sumDelta: Float64Array;
  /** Scratch of the backward pass: sum over examples of dL/dy * x-hat per unit (dL/dgamma); length numUnits. */
  sumDeltaXHat: Float64Array;
}

/** Allocates GroupNorm's scratch for `n` examples of `numUnits` in `groups` groups; `allocate` places it. */
export function createGroupNormState(n: number, numUnits: number, groups: number, allocate: Allocate = allocateOnHeap): GroupNormState {
  return {
    groups,
    invStd: allocateFloat64(allocate, n * groups),
    xHat: allocate(n * numUnits),
    sumDelta: allocateFloat64(allocate, numUnits),
    sumDeltaXHat: allocateFloat64(allocate, numUnits),
  };
}

/**
 * Forward pass (training and inference alike): output = gamma * x-hat + beta with x-hat the input
 * normalised per example and group (biased variance, float64 statistics, as batchNorm.ts); fills
 * `state` for the backward pass. input, output [n x numUnits]; numUnits must be a multiple of groups.
 */
export function groupNormForward(
  input: Float32Array, output: Float32Array, n: number, numUnits: number,
  gamma: Float32Array, beta: Float32Array, epsilon: number, state: GroupNormState,
): void {
  const { groups, invStd, xHat } = state;
  const width = numUnits / groups;
  for (let r = 0, s = 0; r < n; r++) {
    for (let g = 0; g < groups; g++, s++) {
      const start = r * numUnits + g * width;
      const end = start + width;
      let sum = 0;
      for (let i = start; i < end; i++) sum += input[i];
      const mean = sum / width;
      let squares = 0;
      for (let i = start; i < end; i++) {
        const centred = input[i] - mean;
        squares += centred * centred;
      }
      const scale = 1 / Math.sqrt(squares / width + epsilon);
      invStd[s] = scale;
      for (let i = start, u = g * width; i < end; i++, u++) {
        const normalised = (input[i] - mean) * scale;
        xHat[i] = normalised;
        output[i] = gamma[u] * normalised + beta[u];
      }
    }
  }
}

/**
 * Backward pass, in place: `delta` holds dL/dy on entry and dL/dx on exit. Per example and group,
 * with d_j = gamma_j dL/dy_j over the group's units, dx_j = invStd * (d_j - mean(d) - x-hat_j * mean(d x-hat)).
 * Writes dL/dgamma = sum over examples of dL/dy x-hat and dL/dbeta = sum of dL/dy (length numUnits).
 */
export function groupNormBackward(
  delta: Float32Array, n: number, numUnits: number, gamma: Float32Array,
  state: GroupNormState, dGamma: Float32Array, dBeta: Float32Array,
): void {
  const { groups, invStd, xHat, sumDelta, sumDeltaXHat } = state;
  const width = numUnits / groups;
  sumDelta.fill(0);
  sumDeltaXHat.fill(0);
  for (let r = 0, s = 0; r < n; r++) {
    for (let g = 0; g < groups; g++, s++) {
      const start = r * numUnits + g * width;
      const end = start + width;
      let meanD = 0;
      let meanDXHat = 0;
      for (let i = start, u = g * width; i < end; i++, u++) {
        const dy = delta[i];
        const x = xHat[i];
        sumDelta[u] += dy;
        sumDeltaXHat[u] += dy * x;
        const d = gamma[u] * dy;
        meanD += d;
        meanDXHat += d * x;
      }
      meanD /= width;
      meanDXHat /= width;
      const scale = invStd[s];
      for (let i = start, u = g * width; i < end; i++, u++) {
        delta[i] = scale * (gamma[u] * delta[i] - meanD - xHat[i] * meanDXHat);
      }
    }
  }
  for (let u = 0; u < numUnits; u++) {
    dBeta[u] = sumDelta[u];
    dGamma[u] = sumDeltaXHat[u];
  }
}
