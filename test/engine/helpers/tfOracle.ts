/**
 * The independent oracle: the same MLP written in TensorFlow.js ops (cpu backend), its
 * gradients from TF.js autodiff. Built from the engine's own parameters, so any difference
 * is a difference of maths, not of initialisation.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Activation, Batch, NetworkConfig } from '../../../src/engine/types.ts';

/** Selects the cpu backend once. */
export async function useTfCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

function applyActivation(activation: Activation, u: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'sigmoid': return tf.sigmoid(u);
    case 'tanh': return tf.tanh(u);
    case 'relu': return tf.relu(u);
    case 'linear': return u;
  }
}

/** A fixed draw of noisy BN per hidden layer: y -> scale * y + shift, both [n x units] (constants, not parameters). */
export interface FixedBnNoise {
  scale: Float32Array;
  shift: Float32Array;
}

/**
 * The normalization of a hidden layer in TF.js ops, training mode: BN (per unit over the batch,
 * or per virtual batch of `ghostBatchSize`), LayerNorm (per example over the units) or GroupNorm
 * (per example over `normGroups` groups of consecutive units); biased variances; then gamma, beta.
 */
function tfNormalize(config: Required<NetworkConfig>, x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  const [n, units] = x.shape;
  const standardize = (values: tf.Tensor, axis: number): tf.Tensor => {
    const { mean, variance } = tf.moments(values, axis, true);
    return tf.div(tf.sub(values, mean), tf.sqrt(tf.add(variance, config.bnEpsilon)));
  };
  let xHat: tf.Tensor;
  switch (config.normalization) {
    case 'batch': {
      const g = config.ghostBatchSize ?? n;
      xHat = tf.reshape(standardize(tf.reshape(x, [n / g, g, units]), 1), [n, units]);
      break;
    }
    case 'layer':
      xHat = standardize(x, 1);
      break;
    case 'group': {
      const groups = config.normGroups;
      xHat = tf.reshape(standardize(tf.reshape(x, [n, groups, units / groups]), 2), [n, units]);
      break;
    }
    case 'none':
      return x;
  }
  return tf.add<tf.Tensor2D>(tf.mul(xHat, gamma), beta);
}

/**
 * Loss and gradients (by parameter name) of the TF.js twin of a network with `parameters`;
 * `noise` (one per hidden layer) is applied after each BN affine map, before the nonlinearity.
 * Follows the config's normalization, normPlacement, ghostBatchSize and residual.
 */
export function tfLossAndGradients(
  config: Required<NetworkConfig>,
  parameters: Record<string, Float32Array>,
  batch: Batch,
  noise: readonly FixedBnNoise[] | null = null,
): { loss: number; gradients: Record<string, Float32Array> } {
  const names = Object.keys(parameters).filter((name) => !name.includes('.running'));
  return tf.tidy(() => {
    const numDense = config.layers.length - 1;
    const x = tf.tensor2d(batch.x.subarray(0, batch.n * config.layers[0]), [batch.n, config.layers[0]]);
    const oneHot = tf.oneHot(tf.tensor1d(Array.from(batch.y.subarray(0, batch.n)), 'int32'), config.layers[numDense]);
    const shapes = names.map((name) => {
      const layerIdx = Number(/\d+/.exec(name)?.[0]);
      return name.endsWith('.weight') ? [config.layers[layerIdx], config.layers[layerIdx + 1]] : [config.layers[layerIdx + 1]];
    });
    const inputs = names.map((name, i) => tf.tensor(parameters[name], shapes[i]));
    const lossOf = (...tensors: tf.Tensor[]): tf.Scalar => {
      const byName = new Map(names.map((name, i) => [name, tensors[i]]));
      let h: tf.Tensor2D = x;
      for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
        let z: tf.Tensor2D = tf.matMul(h, byName.get(`dense${layerIdx}.weight`) as tf.Tensor2D);
        const bias = byName.get(`dense${layerIdx}.bias`);
        if (bias !== undefined) z = tf.add<tf.Tensor2D>(z, bias);
        if (layerIdx === numDense - 1) {
          h = z;
          break;
        }
        const prefix = { none: '', batch: 'bn', layer: 'ln', group: 'gn' }[config.normalization] + String(layerIdx);
        const normalize = (values: tf.Tensor2D): tf.Tensor2D =>
          tfNormalize(config, values, byName.get(`${prefix}.gamma`) as tf.Tensor, byName.get(`${prefix}.beta`) as tf.Tensor);
        const before = config.normalization !== 'none' && config.normPlacement === 'before';
        if (before) z = normalize(z);
        if (noise !== null) {
          const shape: [number, number] = [batch.n, config.layers[layerIdx + 1]];
          const { scale, shift } = noise[layerIdx];
          z = tf.add<tf.Tensor2D>(tf.mul(z, tf.tensor2d(scale.subarray(0, shape[0] * shape[1]), shape)), tf.tensor2d(shift.subarray(0, shape[0] * shape[1]), shape));
        }
        let out = applyActivation(config.activation, z);
        if (config.normalization !== 'none' && !before) out = normalize(out);
        h = config.residual && config.layers[layerIdx] === config.layers[layerIdx + 1] ? tf.add<tf.Tensor2D>(h, out) : out;
      }
      const logProbabilities = tf.logSoftmax(h);
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbabilities), 1))) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(lossOf)(inputs);
    const gradients: Record<string, Float32Array> = {};
    names.forEach((name, i) => {
      gradients[name] = grads[i].dataSync() as Float32Array;
    });
    return { loss: value.dataSync()[0], gradients };
  });
}
