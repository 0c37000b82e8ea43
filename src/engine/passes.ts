/**
 * The forward and backward passes through the network's layers: dense, the normalization (BN,
 * ghost BN, LayerNorm or GroupNorm, before or after the nonlinearity), the nonlinearity and the
 * residual connection. The fused kernels run where they exist (the WebAssembly fast path), the
 * TypeScript functions otherwise; both give the same result.
 */
import { activationBackward, activationForward } from './activations.ts';
import {
  batchNormBackward, batchNormForward, batchNormInference, checkGhostBatch, createGhostBatchNormState, sumGhostGradients,
} from './batchNorm.ts';
import type { BatchNormState, GhostBatchNormState } from './batchNorm.ts';
import { bnNoiseBackward } from './bnNoise.ts';
import type { BnNoiseBuffers } from './bnNoise.ts';
import { addBias, sumColumns } from './dense.ts';
import { groupNormBackward, groupNormForward } from './groupNorm.ts';
import type { Kernels } from './kernels.ts';
import type { DenseLayer } from './layers.ts';
import type { Rng } from './rng.ts';
import type { Activation, NetworkConfig } from './types.ts';
import type { Allocate, Workspace } from './workspace.ts';

/** What the passes need from the network that builds them. */
export interface PassContext {
  /** The resolved config (normalization, placement, ghost batches, epsilon, activation). */
  config: Required<NetworkConfig>;
  /** The dense layers and their normalization parameters. */
  layers: DenseLayer[];
  /** The kernels in use (fused ops where they exist). */
  kernels: Kernels;
  /** Where ghost BN's scratch is allocated (the kernels' memory on the fast path). */
  allocate: Allocate;
  /** Float64 scratch of the widest layer (two of them). */
  scratchA: Float64Array;
  scratchB: Float64Array;
  /** Per layer the noisy-BN buffers (null: no noise there). */
  noiseBuffers: (BnNoiseBuffers | null)[];
  /** Draws (per-unit too when `drawUnits`) and applies layer `layerIdx`'s BN noise to u in place. */
  addNoise(layerIdx: number, u: Float32Array, n: number, rng: Rng, drawUnits: boolean): void;
}

/** The two passes over a workspace. */
export interface Passes {
  /** Forward pass of `n` examples into `ws`; training mode uses batch statistics; `noiseRng` (null: none) adds BN noise. */
  forward(ws: Workspace, x: Float32Array, n: number, training: boolean, noiseRng: Rng | null, drawUnits: boolean): void;
  /** Backward pass from dL/dlogits (in ws.delta of the last layer) down to every gradient. */
  backward(ws: Workspace, x: Float32Array, n: number): void;
  /** Ghost BN's scratch of hidden layer `layerIdx` in `ws` (made on first use); throws a RangeError for a batch that does not split. */
  ghostState(ws: Workspace, layerIdx: number): GhostBatchNormState;
}

const rows = (array: Float32Array, from: number, to: number, width: number): Float32Array => array.subarray(from * width, to * width);

/** Builds the forward and backward passes of a network. */
export function createPasses(ctx: PassContext): Passes {
  const { config, layers, kernels, scratchA, scratchB, noiseBuffers } = ctx;
  const { activation, bnEpsilon, normPlacement, ghostBatchSize } = config;
  /** The nonlinearity the fused kernels apply; tanh (Math.tanh) always runs in JS. */
  const fusedActivation = activation === 'tanh' ? null : activation;
  const numDense = layers.length;

  function ghostState(ws: Workspace, layerIdx: number): GhostBatchNormState {
    const existing = ws.ghost[layerIdx];
    if (existing !== null) return existing;
    if (ghostBatchSize === null) throw new Error('no ghost batch norm in this network');
    checkGhostBatch(ws.n, ghostBatchSize);
    const state = ws.batchNorm[layerIdx] as BatchNormState;
    const ghost = createGhostBatchNormState(ws.n, layers[layerIdx].fanOut, ghostBatchSize, state.xHat, ctx.allocate);
    ws.ghost[layerIdx] = ghost;
    return ghost;
  }

  /** Algorithm 1 on `n` rows from `input` into `output` (a = f(output) when `act` is fused); whether a was written. */
  function batchNormTrain(
    input: Float32Array, output: Float32Array, a: Float32Array, n: number, layer: DenseLayer, state: BatchNormState, act: Activation | null,
  ): boolean {
    const { fanOut, gamma, beta } = layer as { fanOut: number; gamma: Float32Array; beta: Float32Array };
    if (kernels.batchNormForward?.(input, output, a, n, fanOut, gamma, beta, bnEpsilon, state, act) === true) return true;
    batchNormForward(input, output, n, fanOut, gamma, beta, bnEpsilon, state);
    return false;
  }

  /** The layer's normalization from `input` into `output`; a = f(output) when `act` is not null and a kernel fused it. Whether it did. */
  function normalize(
    ws: Workspace, layerIdx: number, input: Float32Array, output: Float32Array, a: Float32Array, n: number, training: boolean,
    act: Activation | null,
  ): boolean {
    const layer = layers[layerIdx];
    const { fanOut } = layer;
    const gamma = layer.gamma as Float32Array;
    const beta = layer.beta as Float32Array;
    const groupState = ws.groupNorm[layerIdx];
    if (groupState !== null) {
      if (kernels.groupNormForward?.(input, output, a, n, fanOut, gamma, beta, bnEpsilon, groupState, act) === true) return true;
      groupNormForward(input, output, n, fanOut, gamma, beta, bnEpsilon, groupState);
      return false;
    }
    if (!training) {
      const runningMean = layer.runningMean as Float32Array;
      const runningVar = layer.runningVar as Float32Array;
      if (kernels.batchNormInference?.(input, output, a, n, fanOut, gamma, beta, runningMean, runningVar, bnEpsilon, scratchA, scratchB, act) === true) {
        return true;
      }
      batchNormInference(input, output, n, fanOut, gamma, beta, runningMean, runningVar, bnEpsilon, scratchA, scratchB);
      return false;
    }
    if (ghostBatchSize === null) return batchNormTrain(input, output, a, n, layer, ws.batchNorm[layerIdx] as BatchNormState, act);
    const ghost = ghostState(ws, layerIdx);
    let fused = true;
    for (let k = 0, from = 0; from < n; k++, from += ghostBatchSize) {
      const to = from + ghostBatchSize;
      fused = batchNormTrain(rows(input, from, to, fanOut), rows(output, from, to, fanOut), rows(a, from, to, fanOut),
        ghostBatchSize, layer, ghost.states[k], act) && fused;
    }
    // Unless every virtual batch was fused (their statistics may outgrow the fast path's memory), the
    // caller applies the nonlinearity to every row again: same values, correct either way.
    return fused;
  }

  /** The normalization's backward, in place on delta (dL/dy -> dL/dx), after `act`'s derivative when fusable. */
  function normalizeBackward(ws: Workspace, layerIdx: number, n: number, u: Float32Array, a: Float32Array, act: Activation): void {
    const layer = layers[layerIdx];
    const { fanOut } = layer;
    const gamma = layer.gamma as Float32Array;
    const dGamma = layer.dGamma as Float32Array;
    const dBeta = layer.dBeta as Float32Array;
    const delta = ws.delta[layerIdx];
    const groupState = ws.groupNorm[layerIdx];
    if (groupState !== null) {
      if (kernels.groupNormBackward?.(delta, u, a, n, fanOut, act, gamma, groupState, dGamma, dBeta) === true) return;
      activationBackward(act, u, a, delta, n * fanOut);
      groupNormBackward(delta, n, fanOut, gamma, groupState, dGamma, dBeta);
      return;
    }
    const batchBackward = (from: number, to: number, state: BatchNormState, dG: Float32Array, dB: Float32Array): void => {
      const m = to - from;
      const d = rows(delta, from, to, fanOut), uRows = rows(u, from, to, fanOut), aRows = rows(a, from, to, fanOut);
      if (kernels.batchNormBackward?.(d, uRows, aRows, m, fanOut, act, gamma, state, dG, dB) !== true) {
        activationBackward(act, uRows, aRows, d, m * fanOut);
        batchNormBackward(d, m, fanOut, gamma, state, dG, dB);
      }
    };
    if (ghostBatchSize === null) {
      batchBackward(0, n, ws.batchNorm[layerIdx] as BatchNormState, dGamma, dBeta);
      return;
    }
    const ghost = ghostState(ws, layerIdx);
    for (let k = 0, from = 0; from < n; k++, from += ghostBatchSize) {
      batchBackward(from, from + ghostBatchSize, ghost.states[k], ghost.dGamma[k], ghost.dBeta[k]);
    }
    sumGhostGradients(ghost, fanOut, dGamma, dBeta);
  }

  function forward(ws: Workspace, x: Float32Array, n: number, training: boolean, noiseRng: Rng | null, drawUnits: boolean): void {
    let input = x;
    for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
      const layer = layers[layerIdx];
      const z = ws.z[layerIdx];
      const { fanOut, bias } = layer;
      kernels.matmul(input, layer.weight, z, n, layer.fanIn, fanOut);
      if (!layer.hidden) {
        if (bias !== null && kernels.biasActivation?.(z, bias, z, n, fanOut, null) !== true) addBias(z, bias, n, fanOut);
        break;
      }
      const u = ws.u[layerIdx];
      const a = ws.a[layerIdx];
      const count = n * fanOut;
      const before = layer.norm !== 'none' && normPlacement === 'before';
      // Whether a fused kernel already wrote a = f(u).
      let activated = false;
      if (bias !== null) {
        // Dense + bias feeds the nonlinearity directly unless a normalization sits between them.
        const fused = kernels.biasActivation?.(z, bias, a, n, fanOut, before ? null : fusedActivation) === true;
        if (!fused) addBias(z, bias, n, fanOut);
        activated = fused && !before;
      }
      if (before) {
        // With noise the nonlinearity must wait for it: fused kernels then write u only.
        const noisy = noiseRng !== null && noiseBuffers[layerIdx] !== null;
        activated = normalize(ws, layerIdx, z, u, a, n, training, noisy ? null : fusedActivation);
        if (noisy && noiseRng !== null) {
          ctx.addNoise(layerIdx, u, n, noiseRng, drawUnits);
          activated = false;
        }
      }
      if (!activated || fusedActivation === null) {
        if (activation !== 'sigmoid' || kernels.sigmoid?.(u, a, count) !== true) activationForward(activation, u, a, count);
      }
      const y = ws.y[layerIdx];
      if (layer.norm !== 'none' && normPlacement === 'after') normalize(ws, layerIdx, a, y, y, n, training, null);
      const h = ws.h[layerIdx];
      if (layer.residual) for (let i = 0; i < count; i++) h[i] = input[i] + y[i];
      input = h;
    }
  }

  function backward(ws: Workspace, x: Float32Array, n: number): void {
    for (let layerIdx = numDense - 1; layerIdx >= 0; layerIdx--) {
      const layer = layers[layerIdx];
      const { fanOut, dBias } = layer;
      const delta = ws.delta[layerIdx];
      let biasDone = false;
      if (layer.hidden) {
        const u = ws.u[layerIdx];
        const a = ws.a[layerIdx];
        const skip = ws.skip[layerIdx];
        if (skip !== null && layerIdx > 0) skip.set(delta.subarray(0, n * fanOut));
        if (layer.norm === 'none') {
          biasDone = kernels.activationBackward?.(delta, u, a, n, fanOut, activation, dBias, scratchA) === true;
          if (!biasDone) activationBackward(activation, u, a, delta, n * fanOut);
        } else if (normPlacement === 'after') {
          // dL/dy -> dL/da through the normalization, then dL/da -> dL/dz through the nonlinearity (and dBias).
          normalizeBackward(ws, layerIdx, n, a, a, 'linear');
          biasDone = kernels.activationBackward?.(delta, u, a, n, fanOut, activation, dBias, scratchA) === true;
          if (!biasDone) activationBackward(activation, u, a, delta, n * fanOut);
        } else {
          const noise = noiseBuffers[layerIdx];
          if (noise !== null) {
            // Noisy BN: dL/du' = f'(u') dL/da, dL/du = s dL/du', then Algorithm 1's backward.
            if (kernels.activationBackward?.(delta, u, a, n, fanOut, activation, null, scratchA) !== true) {
              activationBackward(activation, u, a, delta, n * fanOut);
            }
            bnNoiseBackward(delta, n * fanOut, noise.scale);
            normalizeBackward(ws, layerIdx, n, u, a, 'linear');
          } else {
            normalizeBackward(ws, layerIdx, n, u, a, activation);
          }
        }
      }
      const input = layerIdx === 0 ? x : ws.h[layerIdx - 1];
      kernels.matmulTransA(input, delta, layer.dWeight, layer.fanIn, n, fanOut);
      if (dBias !== null && !biasDone && kernels.activationBackward?.(delta, delta, delta, n, fanOut, 'linear', dBias, scratchA) !== true) {
        sumColumns(delta, dBias, n, fanOut, scratchA);
      }
      if (layerIdx > 0) {
        const below = ws.delta[layerIdx - 1];
        kernels.matmulTransB(delta, layer.weight, below, n, fanOut, layer.fanIn);
        const skip = layer.residual ? ws.skip[layerIdx] : null;
        if (skip !== null) for (let i = 0, count = n * fanOut; i < count; i++) below[i] += skip[i];
      }
    }
  }

  return { forward, backward, ghostState };
}
