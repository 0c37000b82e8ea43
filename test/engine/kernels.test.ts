/** The matrix kernels (JS and WebAssembly SIMD) against a naive float64 triple loop, on sizes that hit every remainder path. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';
import { kernelsFor } from '../../src/engine/wasm/selectKernels.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

/** Standard normals; with `zeros` > 0, that fraction of entries (about) set to exactly 0. */
function randomMatrix(seed: number, length: number, zeros = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => (rng.next() < zeros ? 0 : rng.normal()));
}

/** Naive C[i, j] = sum_p A(i, p) B(p, j) with accessor functions. */
function naive(m: number, k: number, n: number, aAt: (i: number, p: number) => number, bAt: (p: number, j: number) => number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let p = 0; p < k; p++) sum += aAt(i, p) * bAt(p, j);
    c[i * n + j] = sum;
  }
  return c;
}

function expectClose(actual: Float32Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThan(1e-5 * (1 + Math.abs(value))));
}

const DENSE: [number, number, number][] = [[1, 1, 1], [4, 4, 4], [5, 3, 7], [9, 13, 6], [8, 1, 11], [3, 17, 2], [60, 20, 10]];
// Mostly-zero A (as binarised MNIST or relu outputs) takes the zero-skipping path.
const SIZES: [number, number, number, number][] = [...DENSE.map(([m, k, n]) => [m, k, n, 0] as [number, number, number, number]),
  [7, 30, 9, 0.8], [60, 50, 12, 0.6], [1, 8, 3, 1]];

describe.each(KERNEL_BACKENDS)('the %s kernels', (kernel) => {
  const kernels = kernelsFor([64, 64], kernel);

  it('report their name', () => expect(kernels.name).toBe(kernel));

  it.each(SIZES)('matmul computes A B for m=%i k=%i n=%i, zeros %d', (m, k, n, zeros) => {
    const a = randomMatrix(1, m * k, zeros);
    const b = randomMatrix(2, k * n);
    const c = new Float32Array(m * n).fill(Number.NaN);
    kernels.matmul(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]));
  });

  it.each(SIZES)('matmulTransB computes A B^T for m=%i k=%i n=%i, zeros %d', (m, k, n, zeros) => {
    const a = randomMatrix(3, m * k, zeros);
    const b = randomMatrix(4, n * k);
    const c = new Float32Array(m * n).fill(Number.NaN);
    kernels.matmulTransB(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]));
  });

  it.each(SIZES)('matmulTransA computes A^T B for m=%i k=%i n=%i, zeros %d', (m, k, n, zeros) => {
    const a = randomMatrix(5, k * m, zeros);
    const b = randomMatrix(6, k * n);
    const c = new Float32Array(m * n).fill(Number.NaN);
    kernels.matmulTransA(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]));
  });
});
