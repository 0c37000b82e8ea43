/**
 * "Precise BN" (Wu & Johnson 2021, "Rethinking 'Batch' in BatchNorm", section 3): the population
 * mean and variance of each BN layer's inputs over many training examples at the current weights,
 * in place of Algorithm 2's exponential running averages, which lag the weights. The network's
 * `recomputeBatchNormStatistics` computes them layer by layer (./network.ts); this file holds the
 * per-unit moments it accumulates over inference chunks.
 */

/** One BN layer's population statistics: per unit, the mean and the variance (divided by N) over the sample. */
export interface PopulationStatistics {
  /** Examples they are over. */
  count: number;
  mean: Float64Array;
  /** The variance over the N examples, divided by N: the sample is the population. */
  variance: Float64Array;
}

/**
 * Per-unit mean and sum of squared deviations over rows added chunk by chunk: each chunk's own
 * two-pass moments in float64, merged by Chan, Golub & LeVeque's pairwise update, so the result
 * does not depend on the size of the values' mean (no sum of squares cancels).
 */
export class MomentAccumulator {
  count = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  private readonly chunkMean: Float64Array;
  private readonly chunkM2: Float64Array;

  constructor(readonly units: number) {
    this.mean = new Float64Array(units);
    this.m2 = new Float64Array(units);
    this.chunkMean = new Float64Array(units);
    this.chunkM2 = new Float64Array(units);
  }

  /** Adds `n` rows of `values` [n x units] row-major (extra trailing values are ignored). */
  add(values: Float32Array, n: number): void {
    if (n < 1) return;
    const { units, chunkMean, chunkM2, mean, m2 } = this;
    chunkMean.fill(0);
    chunkM2.fill(0);
    for (let r = 0, o = 0; r < n; r++, o += units) for (let u = 0; u < units; u++) chunkMean[u] += values[o + u];
    for (let u = 0; u < units; u++) chunkMean[u] /= n;
    for (let r = 0, o = 0; r < n; r++, o += units) {
      for (let u = 0; u < units; u++) {
        const centred = values[o + u] - chunkMean[u];
        chunkM2[u] += centred * centred;
      }
    }
    const total = this.count + n;
    for (let u = 0; u < units; u++) {
      const delta = chunkMean[u] - mean[u];
      mean[u] += (delta * n) / total;
      m2[u] += chunkM2[u] + (delta * delta * this.count * n) / total;
    }
    this.count = total;
  }

  /** The mean and the variance (m2 / N) so far. */
  statistics(): PopulationStatistics {
    const variance = new Float64Array(this.units);
    for (let u = 0; u < this.units; u++) variance[u] = this.count > 0 ? this.m2[u] / this.count : 0;
    return { count: this.count, mean: this.mean.slice(), variance };
  }
}
