/**
 * A histogram fitted to one snapshot of one layer: equal bins over mean ± FITTED_STDS standard
 * deviations (cut to the values' own min and max), the few values beyond in two edge intervals that
 * reach the min and the max. Where the run's fixed bins (./bins.ts, 0.25 wide over -8..8) show a layer
 * of std 0.003 as one bin and a layer at -95 not at all, this one resolves either; the charts place
 * every snapshot's fitted bins on one value axis of their choosing (src/charts/valueRange.ts).
 */

/** Bins between `lo` and `hi`. */
export const FITTED_BIN_COUNT = 64;
/** Half-width of the binned range, in standard deviations (Chebyshev: at most 1/36 of the values lie beyond). */
export const FITTED_STDS = 6;

/** One snapshot's fitted histogram: plain numbers and one typed array (structured clone keeps it). */
export interface FittedHistogram {
  /** Smallest value. */
  min: number;
  /** Left edge of the first bin: max(min, mean - FITTED_STDS * std). */
  lo: number;
  /** Right edge of the last bin: min(max, mean + FITTED_STDS * std). */
  hi: number;
  /** Largest value. */
  max: number;
  /** [values in [min, lo), counts of the FITTED_BIN_COUNT equal bins over [lo, hi] (the last one closed), values in (hi, max]]. */
  counts: Uint32Array;
}

/**
 * The fitted histogram of `values` given their `mean` and `std` (non-finite values are skipped).
 * Constant values give lo = hi and every count in the first bin.
 */
export function fittedHistogram(values: ArrayLike<number>, mean: number, std: number, binCount = FITTED_BIN_COUNT): FittedHistogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Uint32Array(binCount + 2);
  if (!(min <= max)) return { min: 0, lo: 0, hi: 0, max: 0, counts };
  // Without a usable mean and std (or with rounding that puts the mean outside the values), the bins span min..max.
  const known = Number.isFinite(std) && Number.isFinite(mean) && mean >= min && mean <= max;
  const lo = known ? Math.max(min, mean - FITTED_STDS * std) : min;
  const hi = known ? Math.min(max, mean + FITTED_STDS * std) : max;
  const width = (hi - lo) / binCount;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) counts[0]++;
    else if (v > hi) counts[binCount + 1]++;
    else counts[1 + (width > 0 ? Math.min(binCount - 1, Math.floor((v - lo) / width)) : 0)]++;
  }
  return { min, lo, hi, max, counts };
}
