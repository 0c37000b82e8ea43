/**
 * Section 3.3 measured: BN makes a layer blind to the scale of its weights. For one hidden layer
 * of the initialised BN network and one real training batch, scale the layer's weights W by a and
 * compare: BN(aWu) against BN(Wu), the gradient dL/d(aW) against dL/dW (claim: 1/a times it), and
 * the gradient that reaches the layer below (claim: unchanged, since dBN((aW)u)/du = dBN(Wu)/du).
 * With epsilon > 0 the invariance is approximate: BN(aWu) = (z - mu) / sqrt(var + eps / a^2), so a
 * small a magnifies epsilon; the job predicts that gap from epsilon alone next to the measured one.
 */
import { createBatchSampler } from '../data/batches.ts';
import { batchSeedFor } from '../experiment/session.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { buildNetwork, copyBatch } from './labTraining.ts';
import { finiteOrNull } from './vectors.ts';
import { forwardInMode } from './modeForward.ts';
import { encodeNumberParams, parseNumberParams } from './numberParams.ts';
import type { NumberParamSpecs } from './numberParams.ts';
import type { LabContext, LabJob } from './types.ts';

/** Parameters of the scale-invariance job. */
export type ScaleInvarianceParams = {
  /** The factors a applied to the layer's weights. */
  scales: number[];
  /** Hidden layer whose weights are scaled, 1-based (clamped to the network's depth). */
  layer: number;
  /** Examples in the batch (the first batch the live run trains on). */
  batchSize: number;
};

/** One scale a: what was measured, and what the paper (and epsilon) predict. */
export interface ScaleRow {
  /** The factor a. */
  scale: number;
  /** max over the batch and units of |BN(aWu) - BN(Wu)| at the layer; the paper: 0. */
  maxOutputChange: number | null;
  /** The same gap predicted from epsilon alone: max |xHat * gamma| * |sqrt(var + eps) / sqrt(var + eps / a^2) - 1|. */
  epsilonPrediction: number | null;
  /** max |logits(aW) - logits(W)| over the batch: the whole network's output. */
  maxLogitChange: number | null;
  /** Training-mode loss of the batch with the layer's weights aW. */
  loss: number | null;
  /** ||dL/d(aW)|| / ||dL/dW|| (Frobenius norms); the paper: 1/a. */
  gradientRatio: number | null;
  /** 1/a. */
  expectedRatio: number;
  /** max_ij |a dL/d(aW)_ij - dL/dW_ij| / max_ij |dL/dW_ij|: how far each entry is from exactly 1/a; 0 ideally. */
  maxRatioDeviation: number | null;
  /** ||G'(below) - G(below)|| / ||G(below)|| for the weights of the layer below (the Jacobian claim); null for layer 1. */
  belowGradientChange: number | null;
  /** Without BN, max |aWu + b - (Wu + b)| at the same layer, same weights: what BN removes. */
  plainMaxOutputChange: number | null;
}

/** The result of the scale-invariance job. */
export interface ScaleInvarianceResult {
  /** The layer measured, 1-based. */
  layer: number;
  batchSize: number;
  /** BN's epsilon in the config. */
  epsilon: number;
  /** Smallest and median batch variance of the layer's BN input z at a = 1: epsilon matters when a^2 var is near it. */
  varianceMin: number | null;
  varianceMedian: number | null;
  rows: ScaleRow[];
}

const SPECS: NumberParamSpecs<ScaleInvarianceParams> = {
  scales: { kind: 'list', min: 1e-3, max: 1e3, maxCount: 12, help: 'factors applied to the weights' },
  layer: { kind: 'number', min: 1, max: 10, integer: true, help: 'hidden layer, 1-based' },
  batchSize: { kind: 'number', min: 2, max: 1000, integer: true, help: 'examples in the batch' },
};

const frobenius = (values: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
};

const maxAbsDifference = (a: Float32Array, b: Float32Array): number => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

/** The job's defaults for `config`. */
function defaults(config: ExperimentConfig): ScaleInvarianceParams {
  return { scales: [0.1, 0.5, 2, 10, 100], layer: Math.min(2, config.depth), batchSize: config.batchSize };
}

/** Measure BN's weight-scale invariance on `config`'s data and initialised network. */
export async function runScaleInvariance(params: ScaleInvarianceParams, config: ExperimentConfig, context: LabContext): Promise<ScaleInvarianceResult> {
  const data = await context.dataset(config);
  const layerIdx = Math.min(params.layer, config.depth) - 1;
  const batch = copyBatch(createBatchSampler(data.train, params.batchSize, batchSeedFor(config.seed)).next());
  const bn = buildNetwork(config, data, true);
  const plain = buildNetwork(config, data, false);
  const weightName = `dense${layerIdx}.weight`;
  const belowName = `dense${layerIdx - 1}.weight`;
  const bnWeight = bn.parameters()[weightName];
  const plainWeight = plain.parameters()[weightName];
  const original = bnWeight.slice();
  const gamma = bn.parameters()[`bn${layerIdx}.gamma`];
  const beta = bn.parameters()[`bn${layerIdx}.beta`];
  const units = gamma.length;

  const base = forwardInMode(bn, batch.x, batch.n, 'train');
  const plainBase = forwardInMode(plain, batch.x, batch.n, 'train');
  const baseGradients = bn.lossAndGradients(batch).gradients;
  const variance = base.zVariance[layerIdx];
  const sortedVariance = Array.from(variance).sort((p, q) => p - q);
  const epsilon = bn.config.bnEpsilon;
  const rows: ScaleRow[] = [];
  for (let s = 0; s < params.scales.length; s++) {
    const a = params.scales[s];
    for (let i = 0; i < original.length; i++) {
      bnWeight[i] = original[i] * a;
      plainWeight[i] = original[i] * a;
    }
    const scaled = forwardInMode(bn, batch.x, batch.n, 'train');
    const plainScaled = forwardInMode(plain, batch.x, batch.n, 'train');
    const { loss, gradients } = bn.lossAndGradients(batch);
    const g = gradients[weightName];
    const g0 = baseGradients[weightName];
    let deviation = 0;
    let g0Max = 0;
    for (let i = 0; i < g.length; i++) {
      deviation = Math.max(deviation, Math.abs(a * g[i] - g0[i]));
      g0Max = Math.max(g0Max, Math.abs(g0[i]));
    }
    let prediction = 0;
    const u0 = base.u[layerIdx];
    for (let k = 0; k < units; k++) {
      const factor = Math.abs(Math.sqrt(variance[k] + epsilon) / Math.sqrt(variance[k] + epsilon / (a * a)) - 1);
      for (let r = 0; r < batch.n; r++) prediction = Math.max(prediction, Math.abs(u0[r * units + k] - beta[k]) * factor);
    }
    const below = layerIdx > 0 ? gradients[belowName] : null;
    let belowChange: number | null = null;
    if (below !== null) {
      const below0 = baseGradients[belowName];
      const difference = below.map((value, i) => value - below0[i]);
      belowChange = frobenius(difference) / frobenius(below0);
    }
    rows.push({
      scale: a,
      maxOutputChange: finiteOrNull(maxAbsDifference(scaled.u[layerIdx], base.u[layerIdx])),
      epsilonPrediction: finiteOrNull(prediction),
      maxLogitChange: finiteOrNull(maxAbsDifference(scaled.logits, base.logits)),
      loss: finiteOrNull(loss),
      gradientRatio: finiteOrNull(frobenius(g) / frobenius(g0)),
      expectedRatio: 1 / a,
      maxRatioDeviation: finiteOrNull(deviation / g0Max),
      belowGradientChange: belowChange === null ? null : finiteOrNull(belowChange),
      plainMaxOutputChange: finiteOrNull(maxAbsDifference(plainScaled.u[layerIdx], plainBase.u[layerIdx])),
    });
    bnWeight.set(original);
    plainWeight.set(original);
    await context.progress(s + 1, params.scales.length);
  }
  const median = sortedVariance[Math.floor((sortedVariance.length - 1) / 2)];
  return {
    layer: layerIdx + 1,
    batchSize: batch.n,
    epsilon,
    varianceMin: finiteOrNull(sortedVariance[0]),
    varianceMedian: finiteOrNull(median),
    rows,
  };
}

/** Section 3.3 as a lab job: BN(aWu) = BN(Wu) and dL/d(aW) = dL/dW / a, measured on a real batch. */
export const scaleInvarianceJob: LabJob<ScaleInvarianceParams, ScaleInvarianceResult> = {
  id: 'scale-invariance',
  title: 'Scale invariance (section 3.3)',
  summary: 'Multiply one layer\'s weights by a: with BN its output stays the same and its weight gradient shrinks by 1/a, '
    + 'so large weights take smaller steps, which is why BN tolerates high learning rates. Without BN the output scales with a.',
  defaults,
  parse: (raw, config) => parseNumberParams(raw, defaults(config), SPECS),
  encode: (params, config) => encodeNumberParams(params, defaults(config)),
  cost: (params) => params.scales.length,
  run: runScaleInvariance,
};
