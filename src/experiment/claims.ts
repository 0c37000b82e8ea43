/**
 * What a preset says it shows, as data: each claim names a network, a figure, a step and a
 * threshold, renders as one sentence (claimText, ./claimWords.ts) and is measured on any run (evaluateClaim),
 * headless (`npm run experiment -- claims`) and live in the app, so the caption and the run can
 * never disagree unnoticed. Claims are chosen to hold on every seed, not tuned to one.
 */
import { claimText } from './claimWords.ts';
import type { NetworkId, Run } from './types.ts';

export { claimText, formatMeasured } from './claimWords.ts';

/** A layer index (0 = first hidden layer) or -1 for the last hidden layer. */
export type LayerRef = number;

/** One checkable statement about a run. */
export type Claim =
  /** At `atStep`, `network`'s test accuracy is at least `points` percentage points above `over`'s. */
  | { type: 'accuracyLead'; network: NetworkId; over: NetworkId; atStep: number; points: number }
  /** At `atStep`, `network`'s test accuracy is within `points` percentage points of `of`'s (either side). */
  | { type: 'accuracyClose'; network: NetworkId; of: NetworkId; atStep: number; points: number }
  /** At `atStep`, `network`'s test accuracy is at least `atLeast` (0..1). */
  | { type: 'accuracyAtLeast'; network: NetworkId; atStep: number; atLeast: number }
  /** At `atStep`, `network`'s test accuracy is below `below` (0..1). */
  | { type: 'accuracyBelow'; network: NetworkId; atStep: number; below: number }
  /** Over steps `fromStep` (default 0)..`untilStep`, the tracked unit's median (p50) spans at least `atLeast` / less than `below`. */
  | { type: 'medianRange'; network: NetworkId; fromStep?: number; untilStep: number; atLeast?: number; below?: number }
  /** Over steps 0..`untilStep`, `network`'s tracked median spans at least `times` times `over`'s span. */
  | { type: 'medianRangeRatio'; network: NetworkId; over: NetworkId; untilStep: number; times: number }
  /** At `atStep`, the share of `layer`'s inputs with |x| > 4 is at least `atLeast` / below `below` (0..1). */
  | { type: 'saturation'; network: NetworkId; layer: LayerRef; atStep: number; atLeast?: number; below?: number }
  /** At `atStep`, `network`'s test loss is below `other`'s. */
  | { type: 'testLossBelow'; network: NetworkId; other: NetworkId; atStep: number }
  /** Averaged over evaluations in fromStep..untilStep, `network`'s training loss exceeds its test loss by at least `atLeast` / by less than `below`. */
  | { type: 'trainLossAboveTest'; network: NetworkId; fromStep: number; untilStep: number; atLeast?: number; below?: number }
  /** Averaged over the points in fromStep..untilStep, `network`'s training loss is at least `atLeast` / less than `below` times `over`'s. */
  | { type: 'trainLossRatio'; network: NetworkId; over: NetworkId; fromStep: number; untilStep: number; atLeast?: number; below?: number }
  /**
   * Averaged over the points in fromStep..untilStep, `network`'s `layer` inputs shift (LayerStats.drift: how far they
   * moved in 1,000 steps, in their own standard deviations) less than `below` times as much as `over`'s, or at least
   * `atLeast` times as much.
   */
  | { type: 'shiftRatio'; network: NetworkId; over: NetworkId; layer: LayerRef; fromStep: number; untilStep: number; below?: number; atLeast?: number }
  /** At `atStep`, the norm ||W|| of the dense weights feeding `network`'s `layer` is at least `atLeast` / less than `below` times `over`'s (RunPoint.weightNorm). */
  | { type: 'weightNormRatio'; network: NetworkId; over: NetworkId; layer: LayerRef; atStep: number; atLeast?: number; below?: number }
  /** At `atStep`, `network`'s effective step on `layer`, eta / ||W||^2 (BN directly after the layer only: RunPoint.effectiveStep), is at least `atLeast` / below `below`. */
  | { type: 'effectiveStep'; network: NetworkId; layer: LayerRef; atStep: number; atLeast?: number; below?: number };

/** One network's figures as claims read them: a CLI Run, or the app's history adapted (claimSeriesOfHistory). */
export interface ClaimSeries {
  /** Steps of the test evaluations, ascending, with their accuracy (0..1) and loss. */
  testSteps: readonly number[];
  testAccuracy: readonly number[];
  testLoss: readonly number[];
  /** Steps of the points below, ascending: training loss and tracked-unit median per point (null: none there). */
  steps: readonly number[];
  trainLoss: readonly (number | null)[];
  p50: readonly (number | null)[];
  /** Per hidden layer, the saturated share at each of `steps`. */
  saturation: readonly (readonly number[])[];
  /** Per hidden layer, the shift over the last 1,000 steps at each of `steps` (LayerStats.drift). */
  shift: readonly (readonly number[])[];
  /** The step the network diverged at, if it did. */
  divergedStep: number | null;
  /** Per hidden layer, ||W_l|| at each of `testSteps` (null: not recorded there); absent when the run did not record it. */
  weightNorm?: readonly (readonly (number | null)[])[];
  /** Per hidden layer, eta / ||W_l||^2 at each of `testSteps`, or null for a layer no BN directly follows; absent when not recorded. */
  effectiveStep?: readonly (readonly (number | null)[] | null)[];
}

/** A claim measured on a run: the figure it compares, and whether it holds; `measured` null = not yet measurable (the run has not reached its step). */
export interface ClaimResult {
  text: string;
  measured: number | null;
  holds: boolean | null;
}

/** The adapter from the CLI's Run record. */
export function claimSeriesOfRun(run: Run): ClaimSeries {
  return {
    testSteps: run.steps,
    testAccuracy: run.testAccuracy,
    testLoss: run.testLoss,
    steps: run.steps,
    trainLoss: run.trainLoss,
    p50: run.trackedUnit.p50,
    saturation: run.saturation,
    shift: run.drift,
    divergedStep: run.diverged?.step ?? null,
    ...(run.weightNorm ? { weightNorm: run.weightNorm } : {}),
    ...(run.effectiveStep ? { effectiveStep: run.effectiveStep } : {}),
  };
}

/** Index of the first entry of ascending `steps` at or after `step`; -1 when none. */
function firstAtOrAfter(steps: readonly number[], step: number): number {
  for (let i = 0; i < steps.length; i++) if (steps[i] >= step) return i;
  return -1;
}

/** Latest step a series has reached (the divergence step for a diverged network). */
function reached(series: ClaimSeries): number {
  const last = Math.max(series.steps[series.steps.length - 1] ?? 0, series.testSteps[series.testSteps.length - 1] ?? 0);
  return series.divergedStep ?? last;
}

/** Test accuracy at `step` (the first evaluation at or after it); 0 after a divergence; null when not reached. */
function accuracyAt(series: ClaimSeries, step: number): number | null {
  const i = firstAtOrAfter(series.testSteps, step);
  if (i >= 0) return series.testAccuracy[i];
  return series.divergedStep !== null && series.divergedStep <= step ? 0 : null;
}

/** Test loss at `step` (the first evaluation at or after it); null when not reached or diverged. */
function testLossAt(series: ClaimSeries, step: number): number | null {
  const i = firstAtOrAfter(series.testSteps, step);
  return i >= 0 ? series.testLoss[i] : null;
}

/** max - min of the tracked median over points in fromStep..untilStep; null until the run reaches untilStep. */
function medianRangeUntil(series: ClaimSeries, untilStep: number, fromStep = 0): number | null {
  if (reached(series) < untilStep) return null;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.steps.length && series.steps[i] <= untilStep; i++) {
    if (series.steps[i] < fromStep) continue;
    const value = series.p50[i];
    if (value === null || !Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return high >= low ? high - low : null;
}

function saturationAt(series: ClaimSeries, layer: LayerRef, step: number): number | null {
  const i = firstAtOrAfter(series.steps, step);
  const values = series.saturation[layer < 0 ? series.saturation.length - 1 : layer];
  return i >= 0 && values && i < values.length ? values[i] : null;
}

function trainAboveTest(series: ClaimSeries, fromStep: number, untilStep: number): number | null {
  if (reached(series) < untilStep) return null;
  let trainSum = 0;
  let trainCount = 0;
  for (let i = 0; i < series.steps.length; i++) {
    const loss = series.trainLoss[i];
    if (series.steps[i] < fromStep || series.steps[i] > untilStep || loss === null) continue;
    trainSum += loss;
    trainCount++;
  }
  let testSum = 0;
  let testCount = 0;
  for (let i = 0; i < series.testSteps.length; i++) {
    if (series.testSteps[i] < fromStep || series.testSteps[i] > untilStep) continue;
    testSum += series.testLoss[i];
    testCount++;
  }
  return trainCount > 0 && testCount > 0 ? trainSum / trainCount - testSum / testCount : null;
}

/** Mean training loss over the points in fromStep..untilStep; null until the run reaches untilStep or with no point there. */
function meanTrainLoss(series: ClaimSeries, fromStep: number, untilStep: number): number | null {
  if (reached(series) < untilStep) return null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < series.steps.length; i++) {
    const loss = series.trainLoss[i];
    if (series.steps[i] < fromStep || series.steps[i] > untilStep || loss === null || !Number.isFinite(loss)) continue;
    sum += loss;
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** Mean of `layer`'s shift over the points in fromStep..untilStep; null until the run reaches untilStep or with no point there. */
function meanShift(series: ClaimSeries, layer: LayerRef, fromStep: number, untilStep: number): number | null {
  if (reached(series) < untilStep) return null;
  const values = series.shift[layer < 0 ? series.shift.length - 1 : layer];
  if (!values) return null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < series.steps.length && i < values.length; i++) {
    if (series.steps[i] < fromStep || series.steps[i] > untilStep || !Number.isFinite(values[i])) continue;
    sum += values[i];
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** `layer`'s value of the per-layer figures `layers` (indexed like testSteps) at the first evaluation at or after `step`; null when not recorded or not reached. */
function layerFigureAt(series: ClaimSeries, layers: ClaimSeries['effectiveStep'], layer: LayerRef, step: number): number | null {
  if (!layers) return null;
  const values = layers[layer < 0 ? layers.length - 1 : layer];
  const i = firstAtOrAfter(series.testSteps, step);
  if (!values || i < 0 || i >= values.length) return null;
  const value = values[i];
  return value !== null && Number.isFinite(value) ? value : null;
}

const atLeastOrBelow = (value: number, atLeast: number | undefined, below: number | undefined): boolean =>
  (atLeast === undefined || value >= atLeast) && (below === undefined || value < below);

/**
 * Measure `claim` on the series of each network (`series(id)`, undefined when the run has no
 * such network: then the claim cannot be measured). Accuracy figures are in percentage points
 * for leads and closeness, else shares 0..1; ranges in the input's units; ratios as ratios.
 */
export function evaluateClaim(claim: Claim, series: (id: NetworkId) => ClaimSeries | undefined): ClaimResult {
  const text = claimText(claim);
  const pending: ClaimResult = { text, measured: null, holds: null };
  const a = series(claim.network);
  if (!a) return pending;
  const done = (measured: number | null, holds: (value: number) => boolean): ClaimResult =>
    (measured === null || !Number.isFinite(measured) ? pending : { text, measured, holds: holds(measured) });
  switch (claim.type) {
    case 'accuracyLead':
    case 'accuracyClose': {
      const b = series(claim.type === 'accuracyLead' ? claim.over : claim.of);
      const accA = accuracyAt(a, claim.atStep);
      const accB = b ? accuracyAt(b, claim.atStep) : null;
      const lead = accA === null || accB === null ? null : 100 * (accA - accB);
      return claim.type === 'accuracyLead'
        ? done(lead, (v) => v >= claim.points)
        : done(lead, (v) => Math.abs(v) <= claim.points);
    }
    case 'accuracyAtLeast':
      return done(accuracyAt(a, claim.atStep), (v) => v >= claim.atLeast);
    case 'accuracyBelow':
      return done(accuracyAt(a, claim.atStep), (v) => v < claim.below);
    case 'medianRange':
      return done(medianRangeUntil(a, claim.untilStep, claim.fromStep), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    case 'medianRangeRatio': {
      const b = series(claim.over);
      const rangeA = medianRangeUntil(a, claim.untilStep);
      const rangeB = b ? medianRangeUntil(b, claim.untilStep) : null;
      const ratio = rangeA === null || rangeB === null ? null : rangeA / Math.max(rangeB, 1e-9);
      return done(ratio, (v) => v >= claim.times);
    }
    case 'saturation':
      return done(saturationAt(a, claim.layer, claim.atStep), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    case 'testLossBelow': {
      const b = series(claim.other);
      const lossA = testLossAt(a, claim.atStep);
      const lossB = b ? testLossAt(b, claim.atStep) : null;
      return done(lossA === null || lossB === null ? null : lossB - lossA, (v) => v > 0);
    }
    case 'trainLossAboveTest':
      return done(trainAboveTest(a, claim.fromStep, claim.untilStep), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    case 'trainLossRatio': {
      const b = series(claim.over);
      const lossA = meanTrainLoss(a, claim.fromStep, claim.untilStep);
      const lossB = b ? meanTrainLoss(b, claim.fromStep, claim.untilStep) : null;
      return done(lossA === null || lossB === null ? null : lossA / Math.max(lossB, 1e-9), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    }
    case 'shiftRatio': {
      const b = series(claim.over);
      const shiftA = meanShift(a, claim.layer, claim.fromStep, claim.untilStep);
      const shiftB = b ? meanShift(b, claim.layer, claim.fromStep, claim.untilStep) : null;
      const ratio = shiftA === null || shiftB === null ? null : shiftA / Math.max(shiftB, 1e-9);
      return done(ratio, (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    }
    case 'weightNormRatio': {
      const b = series(claim.over);
      const normA = layerFigureAt(a, a.weightNorm, claim.layer, claim.atStep);
      const normB = b ? layerFigureAt(b, b.weightNorm, claim.layer, claim.atStep) : null;
      return done(normA === null || normB === null ? null : normA / Math.max(normB, 1e-12), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    }
    case 'effectiveStep':
      return done(layerFigureAt(a, a.effectiveStep, claim.layer, claim.atStep), (v) => atLeastOrBelow(v, claim.atLeast, claim.below));
    default: {
      const never: never = claim;
      throw new Error(`unknown claim ${JSON.stringify(never)}`);
    }
  }
}

/** The last step any of `claims` reads: how long a run must train to check them all. */
export function claimsHorizon(claims: readonly Claim[]): number {
  let horizon = 0;
  for (const claim of claims) {
    const step = 'atStep' in claim ? claim.atStep : claim.untilStep;
    horizon = Math.max(horizon, step);
  }
  return horizon;
}
