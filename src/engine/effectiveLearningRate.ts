/**
 * The effective learning rate of layers followed by Batch Normalization (van Laarhoven 2017,
 * "L2 Regularization versus Batch and Weight Normalization"). BN right after a dense layer makes
 * the loss invariant to the scale of its weights W (BN(a W u) = BN(W u) for a > 0), so the
 * gradient scales as 1 / ||W|| and one SGD step of size eta turns the direction W / ||W|| by about
 * eta / ||W||^2: that, not eta, is the step the layer feels. Weight decay shrinks ||W|| and so
 * raises it. Pure: reads parameters, changes nothing.
 */
import { resolveNormalization } from './config.ts';
import type { NetworkConfig, ParameterMap } from './types.ts';

/** One dense layer's weight norm and, when BN directly follows it, its effective learning rate. */
export interface LayerLearningRate {
  /** Index i of `dense{i}.weight`. */
  layer: number;
  /** ||W_l||, the Frobenius norm of the layer's weights (float64 sum of squares). */
  weightNorm: number;
  /**
   * eta / ||W_l||^2 when BN directly follows the layer (a hidden layer with BN placed before its
   * nonlinearity, the only layout that makes the loss scale-invariant in W_l); null otherwise
   * (no BN, LayerNorm / GroupNorm with their dense bias, BN after the nonlinearity, the output layer).
   */
  effectiveLearningRate: number | null;
}

/** ||W||: the Frobenius norm of a weight matrix (any shape, flat). */
export function weightNorm(weight: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < weight.length; i++) sum += weight[i] * weight[i];
  return Math.sqrt(sum);
}

/**
 * Per dense layer of a network with `config` and `parameters` (e.g. `net.parameters()`), at SGD step
 * size `learningRate`: ||W_l|| and, for layers directly followed by BN, eta / ||W_l||^2.
 */
export function effectiveLearningRates(
  config: Pick<NetworkConfig, 'layers' | 'batchNorm' | 'normalization' | 'normPlacement'>,
  parameters: ParameterMap,
  learningRate: number,
): LayerLearningRate[] {
  const batchNormBefore = resolveNormalization(config) === 'batch' && (config.normPlacement ?? 'before') === 'before';
  const numDense = config.layers.length - 1;
  return Array.from({ length: numDense }, (_, layer) => {
    const weight = parameters[`dense${layer}.weight`] as Float32Array | undefined;
    if (weight === undefined) throw new RangeError(`no parameter dense${layer}.weight`);
    const norm = weightNorm(weight);
    const followedByBn = batchNormBefore && layer < numDense - 1;
    return { layer, weightNorm: norm, effectiveLearningRate: followedByBn ? learningRate / (norm * norm) : null };
  });
}
