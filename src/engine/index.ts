/**
 * The BatchNorm Explorer engine: a pure-TypeScript MLP with optional Batch Normalization
 * (Ioffe & Szegedy 2015). Runs unchanged in Node, tests and the Web Worker.
 */
export { createNetwork, INFERENCE_CHUNK } from './network.ts';
export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
export { jsKernels } from './kernels.ts';
export type { KernelName, Kernels } from './kernels.ts';
export { fastPathAvailable, kernelsFor } from './wasm/selectKernels.ts';
export { DEFAULT_BN_EPSILON, DEFAULT_BN_MOMENTUM } from './config.ts';
export { DEFAULT_INIT_STD } from './init.ts';
export {
  batchNormBackward, batchNormForward, batchNormInference, createBatchNormState, updateRunningStatistics,
} from './batchNorm.ts';
export type { BatchNormState } from './batchNorm.ts';
export {
  applyBnNoise, bnNoiseBackward, bnNoiseSeed, bnProbeNoiseSeed, drawExampleNoise, drawUnitNoise, SANTURKAR_BN_NOISE,
} from './bnNoise.ts';
export type {
  Activation, BatchNormUnitBatch, BnNoiseConfig, ProbeOptions, Batch, BatchResult, InitConfig, Network, NetworkConfig, ParameterMap, StepOptions,
} from './types.ts';
