/**
 * A multi-layer perceptron with optional Batch Normalization before every hidden
 * nonlinearity: the engine behind DESIGN.md's "Engine contract".
 */
import { activationBackward, activationForward } from './activations.ts';
import { batchNormBackward, batchNormForward, batchNormInference, updateRunningStatistics } from './batchNorm.ts';
import {
  applyBnNoise, bnNoiseBackward, bnNoiseSeed, bnProbeNoiseSeed, createBnNoiseBuffers, drawExampleNoise, drawUnitNoise,
  ensureBnNoiseCapacity,
} from './bnNoise.ts';
import type { BnNoiseBuffers } from './bnNoise.ts';
import { resolveNetworkConfig } from './config.ts';
import { addBias, sumColumns } from './dense.ts';
import type { KernelName, Kernels } from './kernels.ts';
import { createParameters } from './layers.ts';
import { softmaxCrossEntropy } from './loss.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import { sgdUpdate } from './sgd.ts';
import type { Batch, BatchNormUnitBatch, BatchResult, Network, NetworkConfig, ParameterMap, ProbeOptions, StepOptions } from './types.ts';
import { kernelsFor } from './wasm/selectKernels.ts';
import { WorkspaceCache } from './workspace.ts';
import { allocateFloat64, allocateOnHeap } from './allocate.ts';
import type { Workspace } from './workspace.ts';

/** Examples per block when evaluating or probing in inference mode (any n is accepted). */
export const INFERENCE_CHUNK = 256;

/**
 * Builds a network from `config` (defaults: bnMomentum 0.1, bnEpsilon 1e-5, init std 0.1,
 * scale 1). `kernels`: 'auto' (default) takes WebAssembly SIMD where available and plain
 * JavaScript otherwise; 'wasm-simd' or 'js' forces one (see `network.kernel`); or a `Kernels` object.
 */
export function createNetwork(networkConfig: NetworkConfig, kernelChoice: Kernels | KernelName | 'auto' = 'auto'): Network {
  const config = resolveNetworkConfig(networkConfig);
  const { activation, batchNorm, bnEpsilon } = config;
  const kernels = typeof kernelChoice === 'string' ? kernelsFor(config.layers, kernelChoice) : kernelChoice;
  const allocate = kernels.allocate?.bind(kernels);
  const { layers, trainables, parameters } = createParameters(config, allocate);
  const numDense = layers.length;
  const numInputs = config.layers[0];
  const numClasses = config.layers[numDense];
  const singleTrainables = trainables.map((trainable) => [trainable]);
  const workspaces = new WorkspaceCache(config.layers, batchNorm, 4, allocate);
  const maxWidth = Math.max(...config.layers);
  const scratchA = allocateFloat64(allocate ?? allocateOnHeap, maxWidth);
  const scratchB = allocateFloat64(allocate ?? allocateOnHeap, maxWidth);
  /** The nonlinearity the fused kernels apply; tanh (Math.tanh) always runs in JS. */
  const fusedActivation = activation === 'tanh' ? null : activation;
  const { bnNoise } = config;
  /** Noisy BN (Santurkar et al. Algorithm 1): its training and probe streams, and per hidden layer the latest draw. */
  const trainNoiseRng = bnNoise === null ? null : createRng(bnNoiseSeed(config.seed));
  const probeNoiseRng = bnNoise === null ? null : createRng(bnProbeNoiseSeed(config.seed));
  const noiseBuffers: (BnNoiseBuffers | null)[] = layers.map((layer) => (bnNoise !== null && layer.hidden ? createBnNoiseBuffers(layer.fanOut) : null));

  /** Draws (per-unit draw too when `drawUnits`) and applies the BN noise of layer `layerIdx` to u in place. */
  function addNoise(layerIdx: number, u: Float32Array, n: number, rng: Rng, drawUnits: boolean): void {
    const buffers = noiseBuffers[layerIdx];
    if (buffers === null || bnNoise === null) return;
    const numUnits = layers[layerIdx].fanOut;
    ensureBnNoiseCapacity(buffers, n, numUnits);
    if (drawUnits) drawUnitNoise(rng, numUnits, bnNoise, buffers.unitMu, buffers.unitSigma);
    drawExampleNoise(rng, n, numUnits, bnNoise, buffers.unitMu, buffers.unitSigma, buffers.scale, buffers.shift);
    applyBnNoise(u, n * numUnits, buffers.scale, buffers.shift);
  }

  /** The workspace whose buffers hold the last training-mode forward pass; null before one, or once reused by inference. */
  let lastTraining: Workspace | null = null;

  function checkBatch(batch: Batch, training: boolean): void {
    const { x, y, n } = batch;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`a batch needs n >= 1 examples, got ${n}`);
    if (training && batchNorm && n < 2) throw new RangeError('Batch Normalization in training mode needs at least 2 examples');
    if (x.length < n * numInputs) throw new RangeError(`batch.x holds ${x.length} values, expected n * inputs = ${n * numInputs}`);
    if (y.length < n) throw new RangeError(`batch.y holds ${y.length} labels, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (y[i] >= numClasses) throw new RangeError(`label ${y[i]} out of range [0, ${numClasses})`);
    }
  }

  /**
   * Forward pass of `n` examples into `ws`; training mode uses batch statistics. `noiseRng` (null:
   * none) adds BN noise after every BN layer, drawing the per-unit part too when `drawUnits`.
   */
  function forward(ws: Workspace, x: Float32Array, n: number, training: boolean, noiseRng: Rng | null = null, drawUnits = true): void {
    if (training) lastTraining = ws;
    else if (ws === lastTraining) lastTraining = null;
    let input = x;
    for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
      const layer = layers[layerIdx];
      const z = ws.z[layerIdx];
      const { fanOut, bias, gamma, beta } = layer;
      kernels.matmul(input, layer.weight, z, n, layer.fanIn, fanOut);
      if (!layer.hidden) {
        if (bias !== null && kernels.biasActivation?.(z, bias, z, n, fanOut, null) !== true) addBias(z, bias, n, fanOut);
        break;
      }
      const u = ws.u[layerIdx];
      const a = ws.a[layerIdx];
      // Whether a fused kernel already wrote a = f(u).
      let activated = false;
      if (gamma !== null && beta !== null) {
        // With noise the nonlinearity must wait for it: fused kernels then write u only.
        const noisy = noiseRng !== null && noiseBuffers[layerIdx] !== null;
        const bnActivation = noisy ? null : fusedActivation;
        if (training) {
          const state = ws.batchNorm[layerIdx];
          activated = kernels.batchNormForward?.(z, u, a, n, fanOut, gamma, beta, bnEpsilon, state, bnActivation) === true;
          if (!activated) batchNormForward(z, u, n, fanOut, gamma, beta, bnEpsilon, state);
        } else {
          const runningMean = layer.runningMean as Float32Array;
          const runningVar = layer.runningVar as Float32Array;
          activated = kernels.batchNormInference?.(
            z, u, a, n, fanOut, gamma, beta, runningMean, runningVar, bnEpsilon, scratchA, scratchB, bnActivation) === true;
          if (!activated) batchNormInference(z, u, n, fanOut, gamma, beta, runningMean, runningVar, bnEpsilon, scratchA, scratchB);
        }
        if (noisy && noiseRng !== null) {
          addNoise(layerIdx, u, n, noiseRng, drawUnits);
          activated = false;
        }
      } else if (bias !== null) {
        activated = kernels.biasActivation?.(z, bias, a, n, fanOut, fusedActivation) === true;
        if (!activated) addBias(z, bias, n, fanOut);
      }
      const count = n * fanOut;
      if (!activated || fusedActivation === null) {
        if (activation !== 'sigmoid' || kernels.sigmoid?.(u, a, count) !== true) activationForward(activation, u, a, count);
      }
      input = a;
    }
  }

  /** Backward pass from dL/dlogits (in ws.delta of the last layer) down to every gradient. */
  function backward(ws: Workspace, x: Float32Array, n: number): void {
    for (let layerIdx = numDense - 1; layerIdx >= 0; layerIdx--) {
      const layer = layers[layerIdx];
      const { fanOut, gamma, dGamma, dBeta, dBias } = layer;
      const delta = ws.delta[layerIdx];
      // Hidden layers: dL/da -> dL/du (-> dL/dz through BN); dBias summed on the way when fused.
      const u = layer.hidden ? ws.u[layerIdx] : delta;
      const a = layer.hidden ? ws.a[layerIdx] : delta;
      const nonlinearity = layer.hidden ? activation : 'linear';
      let biasDone = false;
      if (gamma !== null && dGamma !== null && dBeta !== null) {
        const state = ws.batchNorm[layerIdx];
        const noise = noiseBuffers[layerIdx];
        if (noise !== null) {
          // Noisy BN: dL/du' = f'(u') dL/da, dL/du = s dL/du', then Algorithm 1's backward.
          if (kernels.activationBackward?.(delta, u, a, n, fanOut, nonlinearity, null, scratchA) !== true) {
            activationBackward(nonlinearity, u, a, delta, n * fanOut);
          }
          bnNoiseBackward(delta, n * fanOut, noise.scale);
          if (kernels.batchNormBackward?.(delta, u, a, n, fanOut, 'linear', gamma, state, dGamma, dBeta) !== true) {
            batchNormBackward(delta, n, fanOut, gamma, state, dGamma, dBeta);
          }
        } else if (kernels.batchNormBackward?.(delta, u, a, n, fanOut, nonlinearity, gamma, state, dGamma, dBeta) !== true) {
          activationBackward(nonlinearity, u, a, delta, n * fanOut);
          batchNormBackward(delta, n, fanOut, gamma, state, dGamma, dBeta);
        }
      } else if (layer.hidden || dBias !== null) {
        biasDone = kernels.activationBackward?.(delta, u, a, n, fanOut, nonlinearity, dBias, scratchA) === true;
        if (!biasDone) activationBackward(nonlinearity, u, a, delta, n * fanOut);
      }
      const input = layerIdx === 0 ? x : ws.a[layerIdx - 1];
      kernels.matmulTransA(input, delta, layer.dWeight, layer.fanIn, n, fanOut);
      if (dBias !== null && !biasDone) sumColumns(delta, dBias, n, fanOut, scratchA);
      if (layerIdx > 0) kernels.matmulTransB(delta, layer.weight, ws.delta[layerIdx - 1], n, fanOut, layer.fanIn);
    }
  }

  /** Training-mode forward + backward; fills every gradient, returns loss and accuracy. */
  function computeGradients(batch: Batch): { ws: Workspace; result: BatchResult } {
    checkBatch(batch, true);
    const { x, y, n } = batch;
    const ws = workspaces.get(n);
    forward(ws, x, n, true, trainNoiseRng);
    const sums = softmaxCrossEntropy(ws.z[numDense - 1], y, n, numClasses, ws.delta[numDense - 1], 1 / n);
    backward(ws, x, n);
    return { ws, result: { loss: sums.lossSum / n, accuracy: sums.correct / n } };
  }

  /** Runs `visit` on each inference-mode block of at most INFERENCE_CHUNK examples. */
  function forEachInferenceChunk(
    batch: Batch, visit: (ws: Workspace, start: number, count: number) => void, noiseRng: Rng | null = null,
  ): void {
    checkBatch(batch, false);
    if (noiseRng !== null && bnNoise !== null) {
      // One per-unit draw for the whole call, so that every chunk sees the same shifted distribution.
      noiseBuffers.forEach((buffers, layerIdx) => {
        if (buffers !== null) drawUnitNoise(noiseRng, layers[layerIdx].fanOut, bnNoise, buffers.unitMu, buffers.unitSigma);
      });
    }
    for (let start = 0; start < batch.n; start += INFERENCE_CHUNK) {
      const count = Math.min(INFERENCE_CHUNK, batch.n - start);
      const ws = workspaces.get(count);
      forward(ws, batch.x.subarray(start * numInputs, (start + count) * numInputs), count, false, noiseRng, false);
      visit(ws, start, count);
    }
  }

  return {
    config,
    kernel: kernels.name,

    trainStep(batch: Batch, options: StepOptions): BatchResult {
      const { ws, result } = computeGradients(batch);
      for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
        const layer = layers[layerIdx];
        if (layer.runningMean !== null && layer.runningVar !== null) {
          updateRunningStatistics(layer.runningMean, layer.runningVar, ws.batchNorm[layerIdx], batch.n, layer.fanOut, config.bnMomentum);
        }
      }
      const momentum = options.momentum ?? 0;
      for (let index = 0; index < trainables.length; index++) {
        const { value, gradient, velocity } = trainables[index];
        if (kernels.sgdUpdate?.(value, gradient, velocity, options.learningRate, momentum) !== true) {
          sgdUpdate(singleTrainables[index], options.learningRate, momentum);
        }
      }
      return result;
    },

    lossAndGradients(batch: Batch): { loss: number; gradients: ParameterMap } {
      const { result } = computeGradients(batch);
      const gradients: ParameterMap = {};
      for (const trainable of trainables) gradients[trainable.name] = trainable.gradient.slice();
      return { loss: result.loss, gradients };
    },

    evaluate(batch: Batch): BatchResult {
      let lossSum = 0;
      let correct = 0;
      forEachInferenceChunk(batch, (ws, start, count) => {
        const sums = softmaxCrossEntropy(ws.z[numDense - 1], batch.y.subarray(start, start + count), count, numClasses, null, 0);
        lossSum += sums.lossSum;
        correct += sums.correct;
      });
      return { loss: lossSum / batch.n, accuracy: correct / batch.n };
    },

    probe(batch: Batch, options: ProbeOptions = {}): Float32Array[] {
      const outputs = layers.filter((layer) => layer.hidden).map((layer) => new Float32Array(batch.n * layer.fanOut));
      forEachInferenceChunk(batch, (ws, start, count) => {
        outputs.forEach((output, layerIdx) => {
          const width = layers[layerIdx].fanOut;
          output.set(ws.u[layerIdx].subarray(0, count * width), start * width);
        });
      }, options.bnNoise === true ? probeNoiseRng : null);
      return outputs;
    },

    parameters(): ParameterMap {
      return { ...parameters };
    },

    batchNormInputs(layerIdx: number, unit: number): BatchNormUnitBatch | null {
      const layer = layers[layerIdx] as (typeof layers)[number] | undefined;
      if (!Number.isInteger(layerIdx) || layer === undefined || !layer.hidden) throw new RangeError(`no hidden layer ${layerIdx}`);
      if (!Number.isInteger(unit) || unit < 0 || unit >= layer.fanOut) throw new RangeError(`layer ${layerIdx} has no unit ${unit}`);
      const { gamma, beta, runningMean, runningVar, fanOut } = layer;
      const ws = lastTraining;
      if (ws === null || gamma === null || beta === null || runningMean === null || runningVar === null) return null;
      const z = ws.z[layerIdx];
      const x = new Float32Array(ws.n);
      for (let i = 0; i < ws.n; i++) x[i] = z[i * fanOut + unit];
      const state = ws.batchNorm[layerIdx];
      return {
        x, mean: state.mean[unit], variance: state.variance[unit], gamma: gamma[unit], beta: beta[unit],
        runningMean: runningMean[unit], runningVar: runningVar[unit], epsilon: bnEpsilon,
      };
    },
  };
}
