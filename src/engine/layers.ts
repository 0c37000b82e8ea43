/** The network's parameters, laid out per dense layer and named as in DESIGN.md. */
import { fillInitialWeights } from './init.ts';
import { createRng } from './rng.ts';
import type { Trainable } from './sgd.ts';
import type { NetworkConfig, ParameterMap } from './types.ts';

/** One dense layer (y = x W + b) and, for a hidden layer with BN on, its BN parameters. */
export interface DenseLayer {
  /** Input width of the layer. */
  fanIn: number;
  /** Output width (units) of the layer. */
  fanOut: number;
  /** Whether a nonlinearity (and BN when on) follows: every layer but the last. */
  hidden: boolean;
  /** W, [fanIn x fanOut] row-major. */
  weight: Float32Array;
  /** b, length fanOut; null for hidden layers with BN (beta replaces it). */
  bias: Float32Array | null;
  /** BN scale gamma, length fanOut; null without BN. */
  gamma: Float32Array | null;
  /** BN shift beta, length fanOut; null without BN. */
  beta: Float32Array | null;
  /** Running mean E[x] (Algorithm 2), starts at 0; null without BN. */
  runningMean: Float32Array | null;
  /** Running variance Var[x] (Algorithm 2), starts at 1; null without BN. */
  runningVar: Float32Array | null;
  /** dL/dW, same shape as `weight`. */
  dWeight: Float32Array;
  /** dL/db, or null. */
  dBias: Float32Array | null;
  /** dL/dgamma, or null. */
  dGamma: Float32Array | null;
  /** dL/dbeta, or null. */
  dBeta: Float32Array | null;
}

/** The parameters of a network, with views by name. */
export interface NetworkParameters {
  /** Dense layers in order, input to output. */
  layers: DenseLayer[];
  /** Everything SGD updates (weights, biases, gamma, beta), in a fixed order. */
  trainables: Trainable[];
  /** Live views of every parameter and running statistic, by name. */
  parameters: ParameterMap;
}

/**
 * Builds the parameters of `config`. Every dense layer's weights are drawn from `seed` in
 * the same order whether BN is on or off, so a BN / no-BN pair shares its initial weights.
 * `allocate` provides every parameter, gradient and velocity (wasm memory on the fast path).
 */
export function createParameters(
  config: Required<NetworkConfig>, allocate: (length: number) => Float32Array = (length) => new Float32Array(length),
): NetworkParameters {
  const rng = createRng(config.seed);
  const numDense = config.layers.length - 1;
  const layers: DenseLayer[] = [];
  const trainables: Trainable[] = [];
  const parameters: ParameterMap = {};
  const addTrainable = (name: string, value: Float32Array, gradient: Float32Array, velocity: Float32Array = allocate(value.length)): void => {
    trainables.push({ name, value, gradient, velocity });
    parameters[name] = value;
  };
  for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
    const fanIn = config.layers[layerIdx];
    const fanOut = config.layers[layerIdx + 1];
    const hidden = layerIdx < numDense - 1;
    const withBatchNorm = hidden && config.batchNorm;
    const weight = allocate(fanIn * fanOut);
    fillInitialWeights(weight, fanIn, fanOut, config.init, rng);
    const layer: DenseLayer = {
      fanIn, fanOut, hidden, weight,
      bias: withBatchNorm ? null : allocate(fanOut),
      gamma: withBatchNorm ? allocate(fanOut).fill(1) : null,
      beta: withBatchNorm ? allocate(fanOut) : null,
      runningMean: withBatchNorm ? allocate(fanOut) : null,
      runningVar: withBatchNorm ? allocate(fanOut).fill(1) : null,
      dWeight: allocate(fanIn * fanOut),
      dBias: withBatchNorm ? null : allocate(fanOut),
      dGamma: withBatchNorm ? allocate(fanOut) : null,
      dBeta: withBatchNorm ? allocate(fanOut) : null,
    };
    layers.push(layer);
    addTrainable(`dense${layerIdx}.weight`, layer.weight, layer.dWeight, allocate(fanIn * fanOut));
    if (layer.bias !== null && layer.dBias !== null) addTrainable(`dense${layerIdx}.bias`, layer.bias, layer.dBias);
    if (layer.gamma !== null && layer.dGamma !== null) addTrainable(`bn${layerIdx}.gamma`, layer.gamma, layer.dGamma);
    if (layer.beta !== null && layer.dBeta !== null) addTrainable(`bn${layerIdx}.beta`, layer.beta, layer.dBeta);
    if (layer.runningMean !== null && layer.runningVar !== null) {
      parameters[`bn${layerIdx}.runningMean`] = layer.runningMean;
      parameters[`bn${layerIdx}.runningVar`] = layer.runningVar;
    }
  }
  return { layers, trainables, parameters };
}
