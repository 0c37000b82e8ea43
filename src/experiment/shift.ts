/**
 * Internal covariate shift measured over a fixed window of training steps (PAPER.md section 3):
 * how far each unit's input distribution moved over the last SHIFT_WINDOW_STEPS steps, in units
 * of its own spread. A fixed window, not "since the previous snapshot": SGD noise moves a
 * distribution by about sqrt(steps) while a drift moves it by about steps, so a rate measured
 * over short gaps is inflated by noise, and snapshots are spaced by wall-clock time, which
 * differs between networks, presets and machines. The same window for every network makes
 * their figures comparable at a glance.
 */

/** The window every shift figure is measured over, in training steps. */
export const SHIFT_WINDOW_STEPS = 1_000;

/** Reference snapshots are kept at least this many steps apart: the window is then 1,000 to 1,100 steps (plus a snapshot's gap). */
export const SHIFT_REFERENCE_SPACING = 100;

/**
 * No reference is kept before this step: with BN, the layer inputs measured in inference mode use
 * running averages that start at mean 0, variance 1 and take ~100 steps to forget it (momentum 0.1:
 * 0.9^100 < 1e-4). Against a step-0 reference, that warm-up of Algorithm 2 would read as a large
 * shift for a whole window and then drop at once; it is not covariate shift.
 */
export const SHIFT_WARMUP_STEPS = 100;

/** Quantile levels per unit kept for a reference snapshot: the 256 probe values thinned to 64 evenly spaced order statistics. */
export const SHIFT_QUANTILES = 64;

/** Spread below which a unit counts as constant: its movement is measured against this floor. */
export const SHIFT_SPREAD_FLOOR = 1e-3;

/** One layer's inputs at one snapshot, summarised per unit: evenly spaced order statistics, exact mean and variance. */
export interface QuantileSummary {
  units: number;
  /** Order statistics per unit, unit-major: [units x levels]. */
  quantiles: Float32Array;
  levels: number;
  /** Per unit, the mean and the (biased) variance of its values. */
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Summarises a sortedByUnit matrix ([units x n], each unit ascending): per unit, `levels` order
 * statistics at ranks floor((k + 0.5) n / levels) (all n when n <= levels), and the exact mean and variance.
 */
export function summarizeSorted(sorted: Float32Array, units: number, levels = SHIFT_QUANTILES): QuantileSummary {
  const n = units > 0 ? sorted.length / units : 0;
  const kept = Math.min(levels, n);
  const quantiles = new Float32Array(units * kept);
  const mean = new Float64Array(units);
  const variance = new Float64Array(units);
  for (let unit = 0; unit < units; unit++) {
    const start = unit * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[start + i];
    const m = n > 0 ? sum / n : 0;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (sorted[start + i] - m) ** 2;
    mean[unit] = m;
    variance[unit] = n > 0 ? squares / n : 0;
    for (let k = 0; k < kept; k++) quantiles[unit * kept + k] = sorted[start + Math.floor(((k + 0.5) * n) / kept)];
  }
  return { units, quantiles, levels: kept, mean, variance };
}

/** How far a layer's inputs moved between two summaries: `scaled` in units of each unit's pooled std, `raw` in the input's units; both averaged over units. */
export interface LayerShift {
  scaled: number;
  raw: number;
}

/**
 * The shift between two summaries of the same layer: per unit, the Wasserstein-1 distance between
 * its two distributions (estimated from their order statistics: the mean absolute difference of
 * matching quantiles), raw and divided by the pooled std sqrt((var_a + var_b) / 2) (at least
 * SHIFT_SPREAD_FLOOR); each averaged over units. 1 = the inputs moved by one of their own standard deviations.
 */
export function layerShift(before: QuantileSummary, after: QuantileSummary): LayerShift {
  if (before.units !== after.units || before.levels !== after.levels) {
    throw new Error(`layerShift: ${before.units} x ${before.levels} quantiles before, ${after.units} x ${after.levels} after`);
  }
  const { units, levels } = before;
  if (units === 0 || levels === 0) return { scaled: 0, raw: 0 };
  let scaled = 0;
  let raw = 0;
  for (let unit = 0; unit < units; unit++) {
    let distance = 0;
    for (let i = unit * levels, end = i + levels; i < end; i++) distance += Math.abs(before.quantiles[i] - after.quantiles[i]);
    distance /= levels;
    const pooledStd = Math.sqrt((before.variance[unit] + after.variance[unit]) / 2);
    raw += distance;
    scaled += distance / Math.max(pooledStd, SHIFT_SPREAD_FLOOR);
  }
  return { scaled: scaled / units, raw: raw / units };
}

/**
 * One network's reference snapshots, and the shift of each layer over the last SHIFT_WINDOW_STEPS
 * steps: `measure(step, layers)` compares the layers with the newest reference at least a window
 * old (before a window has passed, with the first reference: the shift since then; before
 * SHIFT_WARMUP_STEPS, 0), then keeps the layers as a reference, from SHIFT_WARMUP_STEPS on, when
 * SHIFT_REFERENCE_SPACING steps have passed since the last one kept.
 * References no later measurement can need are dropped, so a window holds about 11 of them.
 */
export class ShiftWindow {
  private references: { step: number; layers: QuantileSummary[] }[] = [];

  constructor(
    private readonly windowSteps = SHIFT_WINDOW_STEPS,
    private readonly spacing = SHIFT_REFERENCE_SPACING,
    private readonly warmupSteps = SHIFT_WARMUP_STEPS,
  ) {}

  /** The shift of every layer at `step` (all zero until the first reference), keeping `layers` as a reference when due. */
  measure(step: number, layers: QuantileSummary[]): LayerShift[] {
    if (step < this.warmupSteps) return layers.map(() => ({ scaled: 0, raw: 0 }));
    let refIdx = -1;
    for (let i = 0; i < this.references.length && this.references[i].step <= step - this.windowSteps; i++) refIdx = i;
    // Older references can serve no later step: a later one will take this one or a newer one.
    if (refIdx > 0) {
      this.references.splice(0, refIdx);
      refIdx = 0;
    }
    const reference = this.references[Math.max(refIdx, 0)];
    const shifts = reference ? layers.map((layer, l) => layerShift(reference.layers[l], layer)) : layers.map(() => ({ scaled: 0, raw: 0 }));
    const last = this.references[this.references.length - 1];
    if (!last || step - last.step >= this.spacing) this.references.push({ step, layers });
    return shifts;
  }

  /** The step of the reference the next measurement at `step` would compare with, or null before any snapshot (for tests and tooltips). */
  referenceStep(step: number): number | null {
    let found: number | null = this.references.length > 0 ? this.references[0].step : null;
    for (const reference of this.references) if (reference.step <= step - this.windowSteps) found = reference.step;
    return found;
  }

  /** How many reference snapshots are held: at most about windowSteps / spacing + 2. */
  get referenceCount(): number {
    return this.references.length;
  }

  /** Forgets every reference (a diverged network). */
  clear(): void {
    this.references = [];
  }
}
