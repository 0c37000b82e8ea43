/**
 * The WebAssembly SIMD fast path beyond the shared kernel tests: operands in wasm memory vs
 * staged copies, the fallbacks when memory runs out, the fused sigmoid and SGD, the default
 * choice of createNetwork, and the committed module against its WAT source.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../src/engine/kernels.ts';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import { fastPathAvailable, kernelsFor } from '../../src/engine/wasm/selectKernels.ts';
import { createWasmKernels } from '../../src/engine/wasm/wasmKernels.ts';
import { KERNELS_WAT_SHA256 } from '../../src/engine/wasm/kernelsWasm.ts';
import { decodeBase64 } from '../../src/engine/wasm/wasmRuntime.ts';
import type { Kernels } from '../../src/engine/kernels.ts';
import { randomBatch } from './helpers/fixtures.ts';

function randomInto(target: Float32Array, seed: number, zeros = 0): Float32Array {
  const rng = createRng(seed);
  for (let i = 0; i < target.length; i++) target[i] = rng.next() < zeros ? 0 : rng.normal();
  return target;
}

/** One ulp of float32 at |x|. */
function ulp(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

describe('the WebAssembly SIMD fast path', () => {
  it('is available in this Node, so createNetwork takes it by default', () => {
    expect(fastPathAvailable()).toBe(true);
    const config = { layers: [4, 3, 2], activation: 'sigmoid' as const, batchNorm: true, init: { scheme: 'xavier' as const }, seed: 1 };
    expect(createNetwork(config).kernel).toBe('wasm-simd');
    expect(createNetwork(config, 'js').kernel).toBe('js');
  });

  it('gives bit-identical products whether operands live in wasm memory or are staged copies', () => {
    const kernels = kernelsFor([64, 64], 'wasm-simd') as Required<Kernels>;
    for (const [m, k, n, zeros] of [[13, 9, 11, 0], [60, 50, 12, 0.8], [8, 21, 17, 0]] as const) {
      const inside = { a: kernels.allocate(m * k), b: kernels.allocate(k * n), bt: kernels.allocate(n * k), c: kernels.allocate(m * n) };
      randomInto(inside.a, 1, zeros);
      randomInto(inside.b, 2);
      randomInto(inside.bt, 3);
      const outside = { a: inside.a.slice(), b: inside.b.slice(), bt: inside.bt.slice(), c: new Float32Array(m * n) };
      kernels.matmul(inside.a, inside.b, inside.c, m, k, n);
      kernels.matmul(outside.a, outside.b, outside.c, m, k, n);
      expect(outside.c).toEqual(inside.c);
      kernels.matmulTransB(inside.a, inside.bt, inside.c, m, k, n);
      kernels.matmulTransB(outside.a, outside.bt, outside.c, m, k, n);
      expect(outside.c).toEqual(inside.c);
    }
  });

  it('falls back to the JS kernels when an operand does not fit its staging area', () => {
    const kernels = createWasmKernels({ arenaFloats: 0, stagingFloats: 100 }) as Kernels;
    const [m, k, n] = [20, 30, 10];
    const a = randomInto(new Float32Array(m * k), 4);
    const b = randomInto(new Float32Array(k * n), 5);
    const expected = new Float32Array(m * n);
    jsKernels.matmul(a, b, expected, m, k, n);
    const c = new Float32Array(m * n).fill(Number.NaN);
    kernels.matmul(a, b, c, m, k, n);
    expect(c).toEqual(expected);
  });

  it('hands out ordinary arrays once its arena is full, and they still multiply correctly', () => {
    const kernels = createWasmKernels({ arenaFloats: 8, stagingFloats: 4096 }) as Required<Kernels>;
    const first = kernels.allocate(8);
    const second = kernels.allocate(8);
    expect(first.buffer).not.toBe(second.buffer);
    expect(second).toEqual(new Float32Array(8));
    const a = randomInto(new Float32Array(6 * 5), 6);
    const b = randomInto(new Float32Array(5 * 7), 7);
    const expected = new Float32Array(6 * 7);
    jsKernels.matmul(a, b, expected, 6, 5, 7);
    const c = new Float32Array(6 * 7);
    kernels.matmul(a, b, c, 6, 5, 7);
    c.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(1e-5 * (1 + Math.abs(expected[i]))));
  });

  it('computes the sigmoid within 2 float32 ulps of float64 maths, saturating and keeping NaN', () => {
    const kernels = kernelsFor([8, 8], 'wasm-simd') as Required<Kernels>;
    const values = [0, -0, 1e-8, -1e-8, 0.5, -0.5, 3, -3, 10, -10, 20, -20, 40, -40, 80, -80, 86, -86, 87, -87, 88, -88,
      100, -100, 1e30, -1e30, Infinity, -Infinity, NaN];
    const rng = createRng(8);
    for (let i = 0; i < 2000; i++) values.push(30 * (rng.next() - 0.5));
    for (let i = 0; i < 7; i++) values.push(rng.normal()); // 2036 + 7: a tail of 3 lanes
    const u = kernels.allocate(values.length);
    u.set(values);
    const a = kernels.allocate(values.length);
    expect(kernels.sigmoid(u, a, values.length)).toBe(true);
    u.forEach((x, i) => {
      if (Number.isNaN(x)) return expect(a[i]).toBeNaN();
      const exact = 1 / (1 + Math.exp(-x));
      // Below -87 the clamp keeps exp(-x) finite: a tiny positive value instead of ~0.
      if (x < -87) return expect(a[i]).toBeLessThan(1e-37);
      expect(Math.abs(a[i] - exact), `sigmoid(${x})`).toBeLessThanOrEqual(2 * ulp(exact));
    });
  });

  it('refuses the fused ops for arrays outside its memory, so the caller runs JS', () => {
    const kernels = kernelsFor([8, 8], 'wasm-simd') as Required<Kernels>;
    const outside = new Float32Array(4);
    expect(kernels.sigmoid(outside, outside, 4)).toBe(false);
    expect(kernels.sgdUpdate(outside, outside, outside, 0.1, 0)).toBe(false);
  });

  it('trains binary MNIST-like data like the JS path, within float32 round-off, over 20 steps', () => {
    const layers = [196, 40, 30, 10];
    const rng = createRng(9);
    const batches = Array.from({ length: 5 }, () => {
      const batch = randomBatch(rng, 24, layers[0], 10);
      for (let i = 0; i < batch.x.length; i++) batch.x[i] = rng.next() < 0.2 ? 1 : 0;
      return batch;
    });
    for (const batchNorm of [true, false]) {
      const config = { layers, activation: 'sigmoid' as const, batchNorm, init: { scheme: 'gaussian' as const, std: 0.1 }, seed: 4 };
      const [js, wasm] = [createNetwork(config, 'js'), createNetwork(config, 'wasm-simd')];
      for (let step = 0; step < 20; step++) {
        const options = { learningRate: 0.5, momentum: 0.5 };
        const [lossJs, lossWasm] = [js.trainStep(batches[step % 5], options).loss, wasm.trainStep(batches[step % 5], options).loss];
        expect(Math.abs(lossWasm - lossJs)).toBeLessThan(1e-5 * lossJs);
      }
      const wasmParameters = wasm.parameters();
      for (const [name, values] of Object.entries(js.parameters())) {
        const scale = Math.max(...values.map(Math.abs));
        values.forEach((value, i) => expect(Math.abs(wasmParameters[name][i] - value), name).toBeLessThan(1e-5 * scale));
      }
      expect(wasm.evaluate(batches[0]).accuracy).toBe(js.evaluate(batches[0]).accuracy);
    }
  });

  it('decodes base64 as the standard alphabet says', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 97) % 256);
    for (const length of [0, 1, 2, 3, 299, 300]) {
      const text = Buffer.from(bytes.subarray(0, length)).toString('base64');
      expect(decodeBase64(text)).toEqual(bytes.subarray(0, length));
    }
  });

  it('ships a module built from the current kernels.wat (its recorded SHA-256; `npx tsx scripts/buildWasm.ts --check` rebuilds and compares)', () => {
    const wat = readFileSync(new URL('../../src/engine/wasm/kernels.wat', import.meta.url), 'utf8');
    expect(KERNELS_WAT_SHA256).toBe(createHash('sha256').update(wat).digest('hex'));
  });
});
