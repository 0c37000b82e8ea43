/**
 * A deliberately plain float64 forward pass of the MLP, written from the papers' formulas,
 * to check the engine's BN statistics (Algorithm 1), running averages and inference map
 * (Algorithm 2), LayerNorm and GroupNorm (per example), the placement after the nonlinearity
 * and residual connections by hand. (Ghost BN: run it on each virtual batch.)
 */
import type { NetworkConfig } from '../../../src/engine/types.ts';

/** What the reference forward computes, per hidden layer and at the output. */
export interface ReferenceForward {
  /** Per hidden layer: batch mean of the dense output z (training mode only). */
  batchMean: number[][];
  /** Per hidden layer: BIASED batch variance of z (training mode only). */
  batchVariance: number[][];
  /** Per hidden layer: dense outputs z = h W (+ b), the BN inputs when BN is on, [n][units]. */
  z: number[][][];
  /** Per hidden layer: nonlinearity inputs u, [n][units]. */
  u: number[][][];
  /** Per hidden layer: layer outputs h (the next layer's input), [n][units]. */
  h: number[][][];
  /** Logits, [n][classes]. */
  logits: number[][];
}

function activate(activation: NetworkConfig['activation'], value: number): number {
  switch (activation) {
    case 'sigmoid': return 1 / (1 + Math.exp(-value));
    case 'tanh': return Math.tanh(value);
    case 'relu': return Math.max(0, value);
    case 'linear': return value;
  }
}

/** Float64 forward pass of `n` examples; 'train' uses batch statistics, 'inference' the running ones. */
export function referenceForward(
  config: Required<NetworkConfig>, parameters: Record<string, Float32Array>,
  x: Float32Array, n: number, mode: 'train' | 'inference',
): ReferenceForward {
  const numDense = config.layers.length - 1;
  let h: number[][] = Array.from({ length: n }, (_, r) => Array.from(x.subarray(r * config.layers[0], (r + 1) * config.layers[0])));
  const result: ReferenceForward = { batchMean: [], batchVariance: [], z: [], u: [], h: [], logits: [] };
  const normalization = config.normalization ?? (config.batchNorm ? 'batch' : 'none');
  const placement = config.normPlacement ?? 'before';
  for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
    const fanIn = config.layers[layerIdx];
    const fanOut = config.layers[layerIdx + 1];
    const weight = parameters[`dense${layerIdx}.weight`];
    const bias = parameters[`dense${layerIdx}.bias`];
    const z = h.map((row) => Array.from({ length: fanOut }, (_, j) => {
      let sum = bias === undefined ? 0 : bias[j];
      for (let i = 0; i < fanIn; i++) sum += row[i] * weight[i * fanOut + j];
      return sum;
    }));
    if (layerIdx === numDense - 1) {
      result.logits = z;
      break;
    }
    result.z.push(z);
    const normalize = (values: number[][]): number[][] => {
      if (normalization === 'none') return values;
      const prefix = `${{ batch: 'bn', layer: 'ln', group: 'gn' }[normalization]}${layerIdx}`;
      const gamma = parameters[`${prefix}.gamma`];
      const beta = parameters[`${prefix}.beta`];
      if (normalization === 'batch') {
        let mean: number[];
        let variance: number[];
        if (mode === 'train') {
          mean = Array.from({ length: fanOut }, (_, j) => values.reduce((s, row) => s + row[j], 0) / n);
          variance = Array.from({ length: fanOut }, (_, j) => values.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n);
          result.batchMean.push(mean);
          result.batchVariance.push(variance);
        } else {
          mean = Array.from(parameters[`${prefix}.runningMean`]);
          variance = Array.from(parameters[`${prefix}.runningVar`]);
        }
        return values.map((row) => row.map((value, j) => gamma[j] * (value - mean[j]) / Math.sqrt(variance[j] + config.bnEpsilon) + beta[j]));
      }
      // LayerNorm is one group; GroupNorm normGroups groups of consecutive units; per example either way.
      const width = normalization === 'layer' ? fanOut : fanOut / (config.normGroups ?? 4);
      return values.map((row) => row.map((value, j) => {
        const group = row.slice(j - (j % width), j - (j % width) + width);
        const mean = group.reduce((s, v) => s + v, 0) / width;
        const variance = group.reduce((s, v) => s + (v - mean) ** 2, 0) / width;
        return gamma[j] * (value - mean) / Math.sqrt(variance + config.bnEpsilon) + beta[j];
      }));
    };
    const u = placement === 'before' ? normalize(z) : z;
    result.u.push(u);
    const a = u.map((row) => row.map((value) => activate(config.activation, value)));
    const y = placement === 'after' ? normalize(a) : a;
    const residual = (config.residual ?? false) && fanIn === fanOut;
    h = residual ? y.map((row, r) => row.map((value, j) => value + h[r][j])) : y;
    result.h.push(h);
  }
  return result;
}
