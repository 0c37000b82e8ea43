/**
 * The BatchNorm Explorer engine: a pure-TypeScript MLP with optional Batch Normalization
 * (Ioffe & Szegedy 2015), ghost BN (Hoffer et al. 2017), LayerNorm (Ba et al. 2016) or GroupNorm
 * (Wu & He 2018), before or after the nonlinearity, optional residual connections and weight
 * decay. Runs unchanged in Node, tests and the Web Worker.
 */
export { createNetwork, INFERENCE_CHUNK } from './network.ts';
export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
export { jsKernels } from './kernels.ts';
export type { KernelName, Kernels } from './kernels.ts';
export { fastPathAvailable, kernelsFor } from './wasm/selectKernels.ts';
export { DEFAULT_BN_EPSILON, DEFAULT_BN_MOMENTUM, DEFAULT_NORM_GROUPS, resolveNormalization } from './config.ts';
export { DEFAULT_INIT_STD } from './init.ts';
export {
  batchNormBackward, batchNormForward, batchNormInference, createBatchNormState, updateRunningStatistics,
} from './batchNorm.ts';
export type { BatchNormState } from './batchNorm.ts';
export { createGroupNormState, groupNormBackward, groupNormForward } from './groupNorm.ts';
export type { GroupNormState } from './groupNorm.ts';
export { MomentAccumulator } from './populationStatistics.ts';
export type { PopulationStatistics } from './populationStatistics.ts';
export { effectiveLearningRates, weightNorm } from './effectiveLearningRate.ts';
export type { LayerLearningRate } from './effectiveLearningRate.ts';
export {
  applyBnNoise, bnNoiseBackward, bnNoiseSeed, bnProbeNoiseSeed, drawExampleNoise, drawUnitNoise, SANTURKAR_BN_NOISE,
} from './bnNoise.ts';
export type {
  Activation, BatchNormUnitBatch, BnNoiseConfig, ProbeOptions, Batch, BatchResult, InitConfig, Network, NetworkConfig, Normalization,
  NormPlacement, ParameterMap, StepOptions,
} from './types.ts';
