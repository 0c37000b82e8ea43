/**
 * Every variant of the paper network keeps its arrays in the fast path's memory, so no fused
 * WebAssembly kernel declines (returns false) and silently leaves the work to the TypeScript
 * fallback: training at batch 60 and 1,000 (the app's largest), evaluating and probing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Kernels } from '../../src/engine/kernels.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { NetworkConfig } from '../../src/engine/types.ts';
import { kernelsFor } from '../../src/engine/wasm/selectKernels.ts';
import type * as WasmKernelsModule from '../../src/engine/wasm/wasmKernels.ts';
import { randomBatch } from './helpers/fixtures.ts';

/** Names of the fused kernels that declined a call since the last reset. */
const declined: string[] = [];
const FUSED = ['sigmoid', 'sgdUpdate', 'biasActivation', 'batchNormForward', 'batchNormInference', 'activationBackward', 'batchNormBackward',
  'groupNormForward', 'groupNormBackward'] as const;

vi.mock('../../src/engine/wasm/wasmKernels.ts', async (importOriginal) => {
  const original = await importOriginal<typeof WasmKernelsModule>();
  return {
    ...original,
    createWasmKernels: (...args: Parameters<typeof original.createWasmKernels>): Kernels | null => {
      const kernels = original.createWasmKernels(...args);
      if (kernels === null) return null;
      const watched: Record<string, unknown> = { ...kernels };
      for (const name of FUSED) {
        const kernel = kernels[name] as ((...call: unknown[]) => boolean) | undefined;
        if (kernel === undefined) continue;
        watched[name] = (...call: unknown[]): boolean => {
          const done = kernel(...call);
          if (!done) declined.push(name);
          return done;
        };
      }
      return watched as unknown as Kernels;
    },
  };
});

const VARIANTS: [string, Partial<NetworkConfig>][] = [
  ['BN', { normalization: 'batch' }],
  ['LayerNorm', { normalization: 'layer' }],
  ['GroupNorm', { normalization: 'group', normGroups: 4 }],
  ['BN after the sigmoid', { normalization: 'batch', normPlacement: 'after' }],
  ['GroupNorm after, residual', { normalization: 'group', normPlacement: 'after', residual: true }],
  ['ghost BN (virtual batches of 20)', { normalization: 'batch', ghostBatchSize: 20 }],
  ['ghost BN, residual', { normalization: 'batch', ghostBatchSize: 20, residual: true }],
  ['plain, residual', { normalization: 'none', residual: true }],
];

describe('the fast path', () => {
  it.each(VARIANTS)('%s: no fused kernel declines a call (batches of 60 and 1,000, evaluate, probe)', (_name, variant) => {
    const net = createNetwork({ layers: [784, 100, 100, 100, 10], activation: 'sigmoid', init: { scheme: 'gaussian', std: 0.1 }, seed: 1, ...variant }, 'wasm-simd');
    const rng = createRng(2);
    declined.length = 0;
    for (const n of [60, 1000]) net.trainStep(randomBatch(rng, n, 784, 10), { learningRate: 0.1, momentum: 0.9, weightDecay: 1e-4 });
    const test = randomBatch(rng, 600, 784, 10);
    net.evaluate(test);
    net.probe(test);
    expect(declined).toEqual([]);
  });

  it('sees a decline: arrays outside the kernels\' memory (so the check above can fail)', () => {
    const kernels = kernelsFor([4, 4], 'wasm-simd');
    declined.length = 0;
    expect(kernels.sigmoid?.(new Float32Array(4), new Float32Array(4), 4)).toBe(false);
    expect(declined).toEqual(['sigmoid']);
  });
});
