/** Chooses a network's kernels: WebAssembly SIMD where the runtime has it, else plain JavaScript. */
import { jsKernels } from '../kernels.ts';
import type { KernelName, Kernels } from '../kernels.ts';
import { createWasmKernels } from './wasmKernels.ts';
import { wasmSimdAvailable } from './wasmRuntime.ts';

/** Rows of examples the arena holds in workspaces (z, u, a, delta, BN's xHat of every layer), e.g. 8 blocks of 256. */
export const ARENA_ROWS = 2048;
/** Largest batch whose inputs are staged into wasm memory (the app's batch size goes to 1000); larger ones run on JS. */
export const MAX_STAGED_ROWS = 1024;

/** Whether WebAssembly SIMD runs here, so `createNetwork` takes the fast path by default. */
export function fastPathAvailable(): boolean {
  return wasmSimdAvailable();
}

/** How much wasm memory a network needs beyond its weights (`kernelsFor`'s defaults fit a BN or plain network). */
export interface ArenaNeeds {
  /** Floats a workspace holds per example over all layers; default 5 per unit of every layer. */
  rowFloats?: number;
  /** Further floats of per-layer scratch (e.g. ghost BN's per-virtual-batch statistics); default 0. */
  extraFloats?: number;
}

/**
 * Kernels for a network of widths `layers`: `choice` 'wasm-simd' (throws if unavailable),
 * 'js', or 'auto' (the fast path when available, else the fallback). Each wasm-simd call
 * builds a new instance with its own memory, sized for this network (`needs`).
 */
export function kernelsFor(layers: readonly number[], choice: KernelName | 'auto' = 'auto', needs: ArenaNeeds = {}): Kernels {
  if (choice === 'js' || (choice === 'auto' && !wasmSimdAvailable())) return jsKernels;
  let weightFloats = 0;
  let maxWeight = 0;
  for (let layerIdx = 0; layerIdx + 1 < layers.length; layerIdx++) {
    const size = layers[layerIdx] * layers[layerIdx + 1];
    weightFloats += size;
    maxWeight = Math.max(maxWeight, size);
  }
  const outputs = layers.slice(1).reduce((sum, width) => sum + width, 0);
  const slack = 256 * layers.length; // alignment of each array to 16 bytes
  // Weights, gradients, velocities; per unit up to 8 BN/bias vectors and 4 workspaces' float64 BN
  // scratch (5 arrays); float64 scratch of the network; per row of workspace up to 5 floats a unit.
  const perUnitFloats = 8 + 4 * 5 * 2;
  const kernels = createWasmKernels({
    arenaFloats: 3 * weightFloats + perUnitFloats * outputs + 4 * Math.max(...layers)
      + ARENA_ROWS * (needs.rowFloats ?? 5 * outputs) + (needs.extraFloats ?? 0) + slack,
    stagingFloats: MAX_STAGED_ROWS * Math.max(...layers) + maxWeight + 2 * MAX_STAGED_ROWS + slack,
  });
  if (kernels === null) {
    if (choice === 'wasm-simd') throw new Error('WebAssembly SIMD is not available in this runtime');
    return jsKernels;
  }
  return kernels;
}
