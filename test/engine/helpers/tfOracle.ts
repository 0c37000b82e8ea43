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
 * Loss and gradients (by parameter name) of the TF.js twin of a network with `parameters`;
 * `noise` (one per hidden layer) is applied after each BN affine map, before the nonlinearity.
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
        if (config.batchNorm) {
          const { mean, variance } = tf.moments(z, 0); // biased variance, as Algorithm 1
          const xHat = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, config.bnEpsilon)));
          z = tf.add<tf.Tensor2D>(tf.mul(xHat, byName.get(`bn${layerIdx}.gamma`) as tf.Tensor), byName.get(`bn${layerIdx}.beta`) as tf.Tensor);
        }
        if (noise !== null) {
          const shape: [number, number] = [batch.n, config.layers[layerIdx + 1]];
          const { scale, shift } = noise[layerIdx];
          z = tf.add<tf.Tensor2D>(tf.mul(z, tf.tensor2d(scale.subarray(0, shape[0] * shape[1]), shape)), tf.tensor2d(shift.subarray(0, shape[0] * shape[1]), shape));
        }
        h = applyActivation(config.activation, z);
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
