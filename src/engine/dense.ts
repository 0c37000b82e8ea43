/** The fully-connected layer's helpers beyond the matrix products (y = x W + b). */

/** Adds `bias` (length numUnits) to every row of `output` [n x numUnits]. */
export function addBias(output: Float32Array, bias: Float32Array, n: number, numUnits: number): void {
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) output[o + u] += bias[u];
  }
}

/** dL/db: the column sums of `delta` [n x numUnits] into `dBias` (length numUnits). */
export function sumColumns(delta: Float32Array, dBias: Float32Array, n: number, numUnits: number, scratch: Float64Array): void {
  scratch.fill(0);
  for (let r = 0, o = 0; r < n; r++, o += numUnits) {
    for (let u = 0; u < numUnits; u++) scratch[u] += delta[o + u];
  }
  for (let u = 0; u < numUnits; u++) dBias[u] = scratch[u];
}
