/** The network's parameters, laid out per dense layer and named as in DESIGN.md. */
import { fillInitialWeights } from './init.ts';
import { createRng } from './rng.ts';
import type { Trainable } from './sgd.ts';
import type { NetworkConfig, Normalization, ParameterMap } from './types.ts';

/** Parameter-name prefix of each normalization's gamma and beta (`bn0.gamma`, `ln0.gamma`, `gn0.gamma`). */
export const NORM_PREFIX: Record<Exclude<Normalization, 'none'>, string> = { batch: 'bn', layer: 'ln', group: 'gn' };

/** One dense layer (y = x W + b) and, for a hidden layer with a normalization, its parameters. */
export interface DenseLayer {
  /** Input width of the layer. */
  fanIn: number;
  /** Output width (units) of the layer. */
  fanOut: number;
  /** Whether a nonlinearity (and the normalization) follows: every layer but the last. */
  hidden: boolean;
  /** The normalization of this layer ('none' for the output layer). */
  norm: Normalization;
  /** Whether the layer adds its input to its output (residual config and width equal to its input's). */
  residual: boolean;
  /** W, [fanIn x fanOut] row-major. */
  weight: Float32Array;
  /** b, length fanOut; null for hidden layers with BN placed before the nonlinearity (beta replaces it). */
  bias: Float32Array | null;
  /** The normalization's scale gamma (BN, LN or GN), length fanOut; null without one. */
  gamma: Float32Array | null;
  /** The normalization's shift beta, length fanOut; null without one. */
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
 * the same order whatever the normalization, placement or residual setting, so every variant
 * of an experiment shares its initial dense weights.
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
    const norm: Normalization = hidden ? config.normalization : 'none';
    const withNorm = norm !== 'none';
    const withBatchNorm = norm === 'batch';
    // BN right after the dense layer makes its bias redundant (beta replaces it); any other layout keeps it.
    const withBias = !(withBatchNorm && config.normPlacement === 'before');
    const weight = allocate(fanIn * fanOut);
    fillInitialWeights(weight, fanIn, fanOut, config.init, rng);
    const layer: DenseLayer = {
      fanIn, fanOut, hidden, norm, weight,
      residual: hidden && config.residual && fanIn === fanOut,
      bias: withBias ? allocate(fanOut) : null,
      gamma: withNorm ? allocate(fanOut).fill(1) : null,
      beta: withNorm ? allocate(fanOut) : null,
      runningMean: withBatchNorm ? allocate(fanOut) : null,
      runningVar: withBatchNorm ? allocate(fanOut).fill(1) : null,
      dWeight: allocate(fanIn * fanOut),
      dBias: withBias ? allocate(fanOut) : null,
      dGamma: withNorm ? allocate(fanOut) : null,
      dBeta: withNorm ? allocate(fanOut) : null,
    };
    layers.push(layer);
    addTrainable(`dense${layerIdx}.weight`, layer.weight, layer.dWeight, allocate(fanIn * fanOut));
    if (layer.bias !== null && layer.dBias !== null) addTrainable(`dense${layerIdx}.bias`, layer.bias, layer.dBias);
    const prefix = norm === 'none' ? '' : `${NORM_PREFIX[norm]}${layerIdx}`;
    if (layer.gamma !== null && layer.dGamma !== null) addTrainable(`${prefix}.gamma`, layer.gamma, layer.dGamma);
    if (layer.beta !== null && layer.dBeta !== null) addTrainable(`${prefix}.beta`, layer.beta, layer.dBeta);
    if (layer.runningMean !== null && layer.runningVar !== null) {
      parameters[`${prefix}.runningMean`] = layer.runningMean;
      parameters[`${prefix}.runningVar`] = layer.runningVar;
    }
  }
  return { layers, trainables, parameters };
}
