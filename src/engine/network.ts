/**
 * A multi-layer perceptron with optional Batch Normalization before every hidden
 * nonlinearity: the engine behind DESIGN.md's "Engine contract".
 */
import { activationBackward, activationForward } from './activations.ts';
import { batchNormBackward, batchNormForward, batchNormInference, updateRunningStatistics } from './batchNorm.ts';
import { resolveNetworkConfig } from './config.ts';
import { addBias, sumColumns } from './dense.ts';
import type { KernelName, Kernels } from './kernels.ts';
import { createParameters } from './layers.ts';
import { softmaxCrossEntropy } from './loss.ts';
import { sgdUpdate } from './sgd.ts';
import type { Batch, BatchResult, Network, NetworkConfig, ParameterMap, StepOptions } from './types.ts';
import { kernelsFor } from './wasm/selectKernels.ts';
import { WorkspaceCache } from './workspace.ts';
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
  const scratchA = new Float64Array(maxWidth);
  const scratchB = new Float64Array(maxWidth);

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

  /** Forward pass of `n` examples into `ws`; training mode uses batch statistics. */
  function forward(ws: Workspace, x: Float32Array, n: number, training: boolean): void {
    let input = x;
    for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
      const layer = layers[layerIdx];
      const z = ws.z[layerIdx];
      kernels.matmul(input, layer.weight, z, n, layer.fanIn, layer.fanOut);
      if (layer.bias !== null) addBias(z, layer.bias, n, layer.fanOut);
      if (!layer.hidden) break;
      const u = ws.u[layerIdx];
      if (layer.gamma !== null && layer.beta !== null) {
        if (training) {
          batchNormForward(z, u, n, layer.fanOut, layer.gamma, layer.beta, bnEpsilon, ws.batchNorm[layerIdx]);
        } else {
          batchNormInference(z, u, n, layer.fanOut, layer.gamma, layer.beta,
            layer.runningMean as Float32Array, layer.runningVar as Float32Array, bnEpsilon, scratchA, scratchB);
        }
      }
      const count = n * layer.fanOut;
      if (activation !== 'sigmoid' || kernels.sigmoid?.(u, ws.a[layerIdx], count) !== true) activationForward(activation, u, ws.a[layerIdx], count);
      input = ws.a[layerIdx];
    }
  }

  /** Backward pass from dL/dlogits (in ws.delta of the last layer) down to every gradient. */
  function backward(ws: Workspace, x: Float32Array, n: number): void {
    for (let layerIdx = numDense - 1; layerIdx >= 0; layerIdx--) {
      const layer = layers[layerIdx];
      const delta = ws.delta[layerIdx];
      if (layer.hidden) {
        activationBackward(activation, ws.u[layerIdx], ws.a[layerIdx], delta, n * layer.fanOut);
        if (layer.gamma !== null && layer.dGamma !== null && layer.dBeta !== null) {
          batchNormBackward(delta, n, layer.fanOut, layer.gamma, ws.batchNorm[layerIdx], layer.dGamma, layer.dBeta);
        }
      }
      const input = layerIdx === 0 ? x : ws.a[layerIdx - 1];
      kernels.matmulTransA(input, delta, layer.dWeight, layer.fanIn, n, layer.fanOut);
      if (layer.dBias !== null) sumColumns(delta, layer.dBias, n, layer.fanOut, scratchA);
      if (layerIdx > 0) kernels.matmulTransB(delta, layer.weight, ws.delta[layerIdx - 1], n, layer.fanOut, layer.fanIn);
    }
  }

  /** Training-mode forward + backward; fills every gradient, returns loss and accuracy. */
  function computeGradients(batch: Batch): { ws: Workspace; result: BatchResult } {
    checkBatch(batch, true);
    const { x, y, n } = batch;
    const ws = workspaces.get(n);
    forward(ws, x, n, true);
    const sums = softmaxCrossEntropy(ws.z[numDense - 1], y, n, numClasses, ws.delta[numDense - 1], 1 / n);
    backward(ws, x, n);
    return { ws, result: { loss: sums.lossSum / n, accuracy: sums.correct / n } };
  }

  /** Runs `visit` on each inference-mode block of at most INFERENCE_CHUNK examples. */
  function forEachInferenceChunk(batch: Batch, visit: (ws: Workspace, start: number, count: number) => void): void {
    checkBatch(batch, false);
    for (let start = 0; start < batch.n; start += INFERENCE_CHUNK) {
      const count = Math.min(INFERENCE_CHUNK, batch.n - start);
      const ws = workspaces.get(count);
      forward(ws, batch.x.subarray(start * numInputs, (start + count) * numInputs), count, false);
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

    probe(batch: Batch): Float32Array[] {
      const outputs = layers.filter((layer) => layer.hidden).map((layer) => new Float32Array(batch.n * layer.fanOut));
      forEachInferenceChunk(batch, (ws, start, count) => {
        outputs.forEach((output, layerIdx) => {
          const width = layers[layerIdx].fanOut;
          output.set(ws.u[layerIdx].subarray(0, count * width), start * width);
        });
      });
      return outputs;
    },

    parameters(): ParameterMap {
      return { ...parameters };
    },
  };
}
