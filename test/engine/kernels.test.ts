/** The matrix kernels against a naive float64 triple loop, on sizes that hit every remainder path. */
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../src/engine/kernels.ts';
import { createRng } from '../../src/engine/rng.ts';

function randomMatrix(seed: number, length: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
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

const SIZES: [number, number, number][] = [[1, 1, 1], [4, 4, 4], [5, 3, 7], [9, 13, 6], [8, 1, 11], [3, 17, 2], [60, 20, 10]];

describe('jsKernels', () => {
  it.each(SIZES)('matmul computes A B for m=%i k=%i n=%i', (m, k, n) => {
    const a = randomMatrix(1, m * k);
    const b = randomMatrix(2, k * n);
    const c = new Float32Array(m * n).fill(Number.NaN);
    jsKernels.matmul(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]));
  });

  it.each(SIZES)('matmulTransB computes A B^T for m=%i k=%i n=%i', (m, k, n) => {
    const a = randomMatrix(3, m * k);
    const b = randomMatrix(4, n * k);
    const c = new Float32Array(m * n).fill(Number.NaN);
    jsKernels.matmulTransB(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]));
  });

  it.each(SIZES)('matmulTransA computes A^T B for m=%i k=%i n=%i', (m, k, n) => {
    const a = randomMatrix(5, k * m);
    const b = randomMatrix(6, k * n);
    const c = new Float32Array(m * n).fill(Number.NaN);
    jsKernels.matmulTransA(a, b, c, m, k, n);
    expectClose(c, naive(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]));
  });
});
