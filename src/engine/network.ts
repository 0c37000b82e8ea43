/**
 * A multi-layer perceptron with an optional normalization at every hidden layer (Batch
 * Normalization, ghost BN, LayerNorm or GroupNorm, before or after the nonlinearity) and optional
 * residual connections: the engine behind DESIGN.md's "Engine contract".
 */
import { checkGhostBatch, updateGhostRunningStatistics, updateRunningStatistics } from './batchNorm.ts';
import type { BatchNormState } from './batchNorm.ts';
import {
  applyBnNoise, bnNoiseSeed, bnProbeNoiseSeed, createBnNoiseBuffers, drawExampleNoise, drawUnitNoise, ensureBnNoiseCapacity,
} from './bnNoise.ts';
import type { BnNoiseBuffers } from './bnNoise.ts';
import { resolveNetworkConfig } from './config.ts';
import type { KernelName, Kernels } from './kernels.ts';
import { createParameters } from './layers.ts';
import { createPasses } from './passes.ts';
import { softmaxCrossEntropy } from './loss.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import { sgdUpdate } from './sgd.ts';
import type { Batch, BatchNormUnitBatch, BatchResult, Network, NetworkConfig, ParameterMap, ProbeOptions, StepOptions } from './types.ts';
import { kernelsFor } from './wasm/selectKernels.ts';
import { WorkspaceCache, workspaceFloatsPerRow } from './workspace.ts';
import { MomentAccumulator } from './populationStatistics.ts';
import type { PopulationStatistics } from './populationStatistics.ts';
import type { WorkspaceLayout } from './workspace.ts';
import { allocateFloat64, allocateOnHeap } from './allocate.ts';
import type { Workspace } from './workspace.ts';

/** Examples per block when evaluating or probing in inference mode (any n is accepted). */
export const INFERENCE_CHUNK = 256;

/** Ghost BN virtual batches per layer whose statistics the fast path's memory holds (more run in JS). */
const GHOST_BATCHES_IN_WASM = 64;

/**
 * Builds a network from `config` (defaults: bnMomentum 0.1, bnEpsilon 1e-5, init std 0.1,
 * scale 1, normalization from `batchNorm`, normGroups 4, normPlacement 'before', no ghost
 * batches, not residual). `kernels`: 'auto' (default) takes WebAssembly SIMD where available and plain
 * JavaScript otherwise; 'wasm-simd' or 'js' forces one (see `network.kernel`); or a `Kernels` object.
 */
export function createNetwork(networkConfig: NetworkConfig, kernelChoice: Kernels | KernelName | 'auto' = 'auto'): Network {
  const config = resolveNetworkConfig(networkConfig);
  const { batchNorm, bnEpsilon, ghostBatchSize } = config;
  const shapes = config.layers.slice(1).map((fanOut, layerIdx) => {
    const hidden = layerIdx < config.layers.length - 2;
    return { fanOut, hidden, norm: hidden ? config.normalization : 'none' as const,
      residual: hidden && config.residual && config.layers[layerIdx] === fanOut };
  });
  const layout: WorkspaceLayout = { shapes, placement: config.normPlacement, normGroups: config.normGroups };
  const hiddenUnits = shapes.reduce((sum, shape) => sum + (shape.hidden ? shape.fanOut : 0), 0);
  const kernels = typeof kernelChoice === 'string'
    ? kernelsFor(config.layers, kernelChoice, {
      rowFloats: workspaceFloatsPerRow(shapes),
      // Bias and gamma/beta of every layout (value, gradient, velocity), GroupNorm's per-example
      // statistics of a full arena, ghost BN's statistics (5 float64 + 2 float32 a unit per virtual batch).
      extraFloats: 6 * hiddenUnits + 2 * 2048 * config.normGroups * shapes.length
        + (ghostBatchSize === null ? 0 : 12 * GHOST_BATCHES_IN_WASM * hiddenUnits),
    })
    : kernelChoice;
  const allocate = kernels.allocate?.bind(kernels);
  const { layers, trainables, parameters } = createParameters(config, allocate);
  const numDense = layers.length;
  const numInputs = config.layers[0];
  const numClasses = config.layers[numDense];
  const singleTrainables = trainables.map((trainable) => [trainable]);
  /** The dense weights, the only tensors weight decay acts on. */
  const denseWeights = trainables.filter((trainable) => trainable.name.endsWith('.weight'));
  const workspaces = new WorkspaceCache(layout, 4, allocate);
  const maxWidth = Math.max(...config.layers);
  const scratchA = allocateFloat64(allocate ?? allocateOnHeap, maxWidth);
  const scratchB = allocateFloat64(allocate ?? allocateOnHeap, maxWidth);
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
    if (training && ghostBatchSize !== null) checkGhostBatch(n, ghostBatchSize);
    if (x.length < n * numInputs) throw new RangeError(`batch.x holds ${x.length} values, expected n * inputs = ${n * numInputs}`);
    if (y.length < n) throw new RangeError(`batch.y holds ${y.length} labels, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (y[i] >= numClasses) throw new RangeError(`label ${y[i]} out of range [0, ${numClasses})`);
    }
  }

  const passes = createPasses({
    config, layers, kernels, allocate: allocate ?? allocateOnHeap, scratchA, scratchB, noiseBuffers, addNoise,
  });

  /** Forward pass that also remembers which workspace holds the last training-mode pass. */
  function forward(ws: Workspace, x: Float32Array, n: number, training: boolean, noiseRng: Rng | null = null, drawUnits = true): void {
    if (training) lastTraining = ws;
    else if (ws === lastTraining) lastTraining = null;
    passes.forward(ws, x, n, training, noiseRng, drawUnits);
  }

  /** Training-mode forward + backward; fills every gradient, returns loss and accuracy. */
  function computeGradients(batch: Batch): { ws: Workspace; result: BatchResult } {
    checkBatch(batch, true);
    const { x, y, n } = batch;
    const ws = workspaces.get(n);
    forward(ws, x, n, true, trainNoiseRng);
    const sums = softmaxCrossEntropy(ws.z[numDense - 1], y, n, numClasses, ws.delta[numDense - 1], 1 / n);
    passes.backward(ws, x, n);
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
      const weightDecay = options.weightDecay ?? 0;
      if (!(weightDecay >= 0 && Number.isFinite(weightDecay))) throw new RangeError(`weightDecay must be a finite number >= 0, got ${weightDecay}`);
      const { ws, result } = computeGradients(batch);
      for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
        const layer = layers[layerIdx];
        if (layer.runningMean !== null && layer.runningVar !== null) {
          if (ghostBatchSize === null) {
            const state = ws.batchNorm[layerIdx] as BatchNormState;
            updateRunningStatistics(layer.runningMean, layer.runningVar, state, batch.n, layer.fanOut, config.bnMomentum);
          } else {
            updateGhostRunningStatistics(layer.runningMean, layer.runningVar, passes.ghostState(ws, layerIdx), layer.fanOut, config.bnMomentum);
          }
        }
      }
      if (weightDecay > 0) {
        // L2 on the dense weights only: g <- g + lambda w (float64, stored float32), before SGD / momentum.
        // The SGD kernel with momentum 0 computes a -= eta b: with a = g, b = w, eta = -lambda that is
        // exactly g + lambda w (a sign flip is exact), vectorised; velocity is untouched at momentum 0.
        for (const { value, gradient, velocity } of denseWeights) {
          if (kernels.sgdUpdate?.(gradient, value, velocity, -weightDecay, 0) !== true) {
            for (let i = 0; i < value.length; i++) gradient[i] += weightDecay * value[i];
          }
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
      }, options.bnNoise !== true || probeNoiseRng === null ? null : options.noiseSeed === undefined ? probeNoiseRng : createRng(options.noiseSeed));
      return outputs;
    },

    parameters(): ParameterMap {
      return { ...parameters };
    },

    recomputeBatchNormStatistics(batch: Batch, only?: readonly number[]): (PopulationStatistics | null)[] {
      checkBatch(batch, false);
      const result: (PopulationStatistics | null)[] = [];
      for (let layerIdx = 0; layerIdx < numDense && layers[layerIdx].hidden; layerIdx++) {
        const { runningMean, runningVar, fanOut } = layers[layerIdx];
        if (runningMean === null || runningVar === null || (only !== undefined && !only.includes(layerIdx))) {
          result.push(null);
          continue;
        }
        // One inference pass per BN layer: the layers below already hold their precise statistics.
        const moments = new MomentAccumulator(fanOut);
        forEachInferenceChunk(batch, (ws, _start, count) => {
          moments.add(config.normPlacement === 'before' ? ws.z[layerIdx] : ws.a[layerIdx], count);
        });
        const statistics = moments.statistics();
        for (let u = 0; u < fanOut; u++) {
          runningMean[u] = statistics.mean[u];
          runningVar[u] = statistics.variance[u];
        }
        result.push(statistics);
      }
      return result;
    },

    batchNormInputs(layerIdx: number, unit: number): BatchNormUnitBatch | null {
      const layer = layers[layerIdx] as (typeof layers)[number] | undefined;
      if (!Number.isInteger(layerIdx) || layer === undefined || !layer.hidden) throw new RangeError(`no hidden layer ${layerIdx}`);
      if (!Number.isInteger(unit) || unit < 0 || unit >= layer.fanOut) throw new RangeError(`layer ${layerIdx} has no unit ${unit}`);
      const { gamma, beta, runningMean, runningVar, fanOut } = layer;
      const ws = lastTraining;
      if (ws === null || gamma === null || beta === null || runningMean === null || runningVar === null) return null;
      // BN's input: the dense output before the nonlinearity, its output after it.
      const inputs = config.normPlacement === 'before' ? ws.z[layerIdx] : ws.a[layerIdx];
      const state = ghostBatchSize === null ? ws.batchNorm[layerIdx] as BatchNormState : passes.ghostState(ws, layerIdx).states[0];
      const m = ghostBatchSize ?? ws.n;
      const x = new Float32Array(m);
      for (let i = 0; i < m; i++) x[i] = inputs[i * fanOut + unit];
      return {
        x, mean: state.mean[unit], variance: state.variance[unit], gamma: gamma[unit], beta: beta[unit],
        runningMean: runningMean[unit], runningVar: runningVar[unit], epsilon: bnEpsilon,
      };
    },
  };
}
