/**
 * A forward pass of an engine network in either BN mode, composed from the network's own
 * parameters and the engine's exported BN functions. The engine's API evaluates in inference
 * mode only (Network.evaluate, probe); Algorithm 2 vs Algorithm 1 comparisons and the
 * regulariser need the training-mode outputs too, so the lab computes them here without
 * changing src/engine.
 *
 * Each example's dense product is its own float64 sum over its nonzero inputs, so an example's
 * output never depends on the other rows of the batch except through BN's batch statistics:
 * without BN, the same example gives the same bits in any batch.
 */
import { activationForward } from '../engine/activations.ts';
import { batchNormForward, batchNormInference, createBatchNormState } from '../engine/index.ts';
import type { Network } from '../engine/types.ts';

/** Which statistics BN uses: the mini-batch's (Algorithm 1, training) or the running ones (Algorithm 2, inference). */
export type BnMode = 'train' | 'inference';

/** What a forward pass computed, per hidden layer and at the output. */
export interface ModeForward {
  /** Per hidden layer: the BN input (dense output) z's mean over the n rows, per unit; length units. */
  zMean: Float64Array[];
  /** Per hidden layer: the biased variance of z over the n rows, per unit (the batch variance in training mode). */
  zVariance: Float64Array[];
  /** Per hidden layer: the nonlinearity inputs u (after BN when on), [n x units] row-major. */
  u: Float32Array[];
  /** Logits, [n x classes] row-major. */
  logits: Float32Array;
}

/**
 * out = x W (+ b): per row, a float64 sum over the nonzero inputs, rounded to float32.
 * x [n x fanIn], weight [fanIn x fanOut] row-major, bias null or length fanOut.
 */
export function denseRows(x: Float32Array, n: number, fanIn: number, weight: Float32Array, bias: Float32Array | null, fanOut: number): Float32Array {
  const out = new Float32Array(n * fanOut);
  const row = new Float64Array(fanOut);
  for (let r = 0; r < n; r++) {
    if (bias === null) row.fill(0);
    else for (let j = 0; j < fanOut; j++) row[j] = bias[j];
    for (let i = 0, xi = r * fanIn; i < fanIn; i++, xi++) {
      const value = x[xi];
      if (value === 0) continue;
      for (let j = 0, wi = i * fanOut; j < fanOut; j++, wi++) row[j] += value * weight[wi];
    }
    for (let j = 0, o = r * fanOut; j < fanOut; j++, o++) out[o] = row[j];
  }
  return out;
}

/** Per-unit mean and biased variance (float64) of the n rows of `z` [n x units]. */
export function columnMoments(z: Float32Array, n: number, units: number): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(units);
  const variance = new Float64Array(units);
  for (let r = 0, o = 0; r < n; r++, o += units) for (let u = 0; u < units; u++) mean[u] += z[o + u];
  for (let u = 0; u < units; u++) mean[u] /= n;
  for (let r = 0, o = 0; r < n; r++, o += units) {
    for (let u = 0; u < units; u++) {
      const centred = z[o + u] - mean[u];
      variance[u] += centred * centred;
    }
  }
  for (let u = 0; u < units; u++) variance[u] /= n;
  return { mean, variance };
}

/**
 * The forward pass of `n` examples `x` [n x inputs] through `network` in `mode`. Training mode
 * normalises with the batch's own mean and biased variance (needs n >= 2 with BN) and does not
 * touch the running statistics; inference mode uses them (Algorithm 2).
 */
export function forwardInMode(network: Network, x: Float32Array, n: number, mode: BnMode): ModeForward {
  const { layers, activation, batchNorm, bnEpsilon } = network.config;
  if (batchNorm && mode === 'train' && n < 2) throw new RangeError('Batch Normalization in training mode needs at least 2 examples');
  const parameters = network.parameters();
  const numDense = layers.length - 1;
  const result: ModeForward = { zMean: [], zVariance: [], u: [], logits: new Float32Array(0) };
  let input = x;
  for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
    const fanIn = layers[layerIdx];
    const fanOut = layers[layerIdx + 1];
    const z = denseRows(input, n, fanIn, parameters[`dense${layerIdx}.weight`], parameters[`dense${layerIdx}.bias`] ?? null, fanOut);
    if (layerIdx === numDense - 1) {
      result.logits = z;
      break;
    }
    const { mean, variance } = columnMoments(z, n, fanOut);
    result.zMean.push(mean);
    result.zVariance.push(variance);
    let u = z;
    if (batchNorm) {
      u = new Float32Array(n * fanOut);
      const gamma = parameters[`bn${layerIdx}.gamma`];
      const beta = parameters[`bn${layerIdx}.beta`];
      if (mode === 'train') {
        batchNormForward(z, u, n, fanOut, gamma, beta, bnEpsilon, createBatchNormState(n, fanOut));
      } else {
        batchNormInference(
          z, u, n, fanOut, gamma, beta, parameters[`bn${layerIdx}.runningMean`], parameters[`bn${layerIdx}.runningVar`],
          bnEpsilon, new Float64Array(fanOut), new Float64Array(fanOut),
        );
      }
    }
    result.u.push(u);
    const a = new Float32Array(n * fanOut);
    activationForward(activation, u, a, n * fanOut);
    input = a;
  }
  return result;
}

/** Softmax cross-entropy summed over the rows, and the number of rows whose argmax (first maximum) is the label. */
export function lossAndCorrect(logits: Float32Array, labels: Uint8Array, n: number, classes: number): { lossSum: number; correct: number } {
  let lossSum = 0;
  let correct = 0;
  for (let r = 0, o = 0; r < n; r++, o += classes) {
    let max = logits[o];
    let argmax = 0;
    for (let c = 1; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        argmax = c;
      }
    }
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp(logits[o + c] - max);
    lossSum += max + Math.log(sumExp) - logits[o + labels[r]];
    if (argmax === labels[r]) correct++;
  }
  return { lossSum, correct };
}
