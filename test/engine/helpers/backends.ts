/** The kernel backends every network test runs on (describe.each over them). */
import type { KernelName } from '../../../src/engine/kernels.ts';

/** Plain JavaScript (the fallback) and WebAssembly SIMD (the fast path). */
export const KERNEL_BACKENDS: KernelName[] = ['js', 'wasm-simd'];
