/**
 * The benchmark's TF.js contenders: the same MLP (optionally with BN in training mode), one
 * SGD step = optimizer.minimize of the mean softmax cross-entropy, on the cpu or wasm backend.
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Batch, ParameterMap } from '../src/engine/types.ts';

const require = createRequire(import.meta.url);

/**
 * Registers TF.js gradients and the local wasm binaries. tfjs-core's ESM dist (which holds
 * the gradient configs) uses extension-less imports that Node cannot load, so it is bundled
 * once with esbuild into node_modules/.cache. Nothing is fetched from the network.
 */
export async function prepareTfjs(): Promise<{ simd: boolean; threads: boolean }> {
  const outfile = join(dirname(require.resolve('@tensorflow/tfjs-core/package.json')), '../../.cache/bn-bench/register_all_gradients.mjs');
  mkdirSync(dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')],
    bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error',
  });
  await import(pathToFileURL(outfile).href);
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist/');
  setWasmPaths(pathToFileURL(wasmDir).href);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm failed to initialise');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { simd, threads };
}

/** A TF.js model whose training step is timed. */
export interface TfjsTwin {
  /** One SGD step on batch `index` of the prepared batches; returns the loss. */
  step(index: number): number;
  /** Frees every tensor. */
  dispose(): void;
}

/**
 * Builds the twin on `backend` from the engine's initial parameters. Its step leaves out the
 * BN running-statistics update (the engine's step includes it): a small advantage to TF.js.
 */
export async function createTfjsTwin(
  backend: 'cpu' | 'wasm', layers: number[], batchNorm: boolean, initial: ParameterMap, batches: Batch[], learningRate: number,
): Promise<TfjsTwin> {
  await tf.setBackend(backend);
  const numDense = layers.length - 1;
  const variables = new Map<string, tf.Variable>();
  for (const [name, values] of Object.entries(initial)) {
    if (name.includes('.running')) continue;
    const layerIdx = Number(/\d+/.exec(name)?.[0]);
    const shape = name.endsWith('.weight') ? [layers[layerIdx], layers[layerIdx + 1]] : [layers[layerIdx + 1]];
    variables.set(name, tf.variable(tf.tensor(values, shape), true, `${backend}-${batchNorm ? "bn" : "plain"}-${name}`));
  }
  const inputs = batches.map((batch) => tf.tensor2d(batch.x, [batch.n, layers[0]]));
  const targets = batches.map((batch) => tf.oneHot(tf.tensor1d(Array.from(batch.y), 'int32'), layers[numDense]));
  const optimizer = tf.train.sgd(learningRate);
  const get = (name: string): tf.Variable => variables.get(name) as tf.Variable;

  const lossOf = (x: tf.Tensor2D, target: tf.Tensor): tf.Scalar => {
    let h: tf.Tensor2D = x;
    for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
      let z: tf.Tensor2D = tf.matMul(h, get(`dense${layerIdx}.weight`) as tf.Tensor2D);
      if (variables.has(`dense${layerIdx}.bias`)) z = tf.add<tf.Tensor2D>(z, get(`dense${layerIdx}.bias`));
      if (layerIdx === numDense - 1) {
        h = z;
        break;
      }
      if (batchNorm) {
        const { mean, variance } = tf.moments(z, 0);
        const xHat = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5)));
        z = tf.add<tf.Tensor2D>(tf.mul(xHat, get(`bn${layerIdx}.gamma`)), get(`bn${layerIdx}.beta`));
      }
      h = tf.sigmoid(z);
    }
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(h)), 1))) as tf.Scalar;
  };

  return {
    step(index: number): number {
      const cost = optimizer.minimize(() => lossOf(inputs[index], targets[index]), true) as tf.Scalar;
      const loss = cost.dataSync()[0];
      cost.dispose();
      return loss;
    },
    dispose(): void {
      for (const variable of variables.values()) variable.dispose();
      for (const tensor of [...inputs, ...targets]) tensor.dispose();
      optimizer.dispose();
    },
  };
}

/** Switches the active TF.js backend (tensors stay on the backend that made them). */
export async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(backend);
}
