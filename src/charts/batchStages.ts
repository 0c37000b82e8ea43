/**
 * The four stages of Algorithm 1 on one unit's mini-batch (a BatchSample), and where the batch
 * panel draws them: which examples get a dot, which lane each dot takes so that none hides
 * another, and whether the three number lines can share one scale. Pure functions.
 */
import type { BatchSample } from '../experiment/batchSample.ts';

/** Algorithm 1 on one unit: the normalised and the scaled-and-shifted values, with what they measure. */
export interface BatchStages {
  /** Examples in the batch. */
  m: number;
  /** sigma_B = sqrt(sigma_B^2). */
  std: number;
  /** 1 / sqrt(sigma_B^2 + epsilon), the factor that normalises. */
  invStd: number;
  /** x-hat_i = (x_i - mu_B) / sqrt(sigma_B^2 + epsilon); length m. */
  xHat: Float64Array;
  /** y_i = gamma * x-hat_i + beta; length m. */
  y: Float64Array;
  /** Mean and (biased) standard deviation of x-hat as computed: 0 and sqrt(var / (var + eps)), about 1. */
  xHatMean: number;
  xHatStd: number;
  /** Mean and standard deviation of y: beta and |gamma| * xHatStd. */
  yMean: number;
  yStd: number;
  /** sqrt(Var[x]) of the running estimate. */
  runningStd: number;
}

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

/** The stages of Algorithm 1 for `sample`, from its inputs and batch statistics (float64). */
export function batchStages(sample: BatchSample): BatchStages {
  const { x, mean, variance, gamma, beta, epsilon } = sample;
  const m = x.length;
  const invStd = 1 / Math.sqrt(variance + epsilon);
  const xHat = new Float64Array(m);
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    xHat[i] = (x[i] - mean) * invStd;
    y[i] = gamma * xHat[i] + beta;
  }
  const normalised = meanAndStd(xHat);
  const output = meanAndStd(y);
  return {
    m, std: Math.sqrt(variance), invStd, xHat, y,
    xHatMean: normalised.mean, xHatStd: normalised.std, yMean: output.mean, yStd: output.std,
    runningStd: Math.sqrt(Math.max(0, sample.runningVar)),
  };
}

/** Indices of at most `max` examples out of `m`, evenly spread (a batch is in random order already). */
export function sampleIndices(m: number, max: number): number[] {
  const count = Math.min(m, max);
  return Array.from({ length: count }, (_, k) => Math.floor((k * m) / count));
}

/**
 * A lane (0 = next to the axis) per dot at pixel positions `px`, so that dots in one lane are at
 * least `gap` apart; beyond `maxLanes` a dot goes to the lane whose last dot is farthest behind it.
 */
export function dodgeLanes(px: readonly number[], gap: number, maxLanes: number): number[] {
  const order = px.map((_, i) => i).sort((a, b) => px[a] - px[b]);
  const laneEnd: number[] = [];
  const lanes = new Array<number>(px.length).fill(0);
  for (const i of order) {
    let lane = laneEnd.findIndex((end) => px[i] - end >= gap);
    if (lane < 0 && laneEnd.length < maxLanes) lane = laneEnd.length;
    if (lane < 0) {
      lane = 0;
      for (let k = 1; k < laneEnd.length; k++) if (laneEnd[k] < laneEnd[lane]) lane = k;
    }
    laneEnd[lane] = px[i];
    lanes[i] = lane;
  }
  return lanes;
}

/** A number line's value range. */
export type Domain = [number, number];

/** The ranges of the three number lines (x, x-hat, y), and whether they share one. */
export interface StageDomains {
  x: Domain;
  xHat: Domain;
  y: Domain;
  /** True when one range serves all three lines, so the dots' moves are drawn to scale. */
  shared: boolean;
  /** Width of x's own range over x-hat's (how much normalising rescaled). */
  xOverXHat: number;
}

function extent(values: ArrayLike<number>, ...extra: number[]): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number): void => {
    if (!Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (let i = 0; i < values.length; i++) take(values[i]);
  extra.forEach(take);
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo - 1, lo + 1] : [-1, 1];
  return [lo, hi];
}

const span = (d: Domain): number => d[1] - d[0];

/**
 * Each line's range covers its dots and its markers (x: mu_B +- sigma_B and E[x] +- sqrt(Var[x]);
 * x-hat: 0 +- 1; y: beta +- |gamma|). When no range is more than `shareRatio` times another, all
 * three take their union, so the picture shows each value being shifted and scaled.
 */
export function stageDomains(sample: BatchSample, stages: BatchStages, shareRatio: number): StageDomains {
  const { mean, runningMean, gamma, beta } = sample;
  const x = extent(sample.x, mean - stages.std, mean + stages.std, runningMean - stages.runningStd, runningMean + stages.runningStd);
  const xHat = extent(stages.xHat, -1, 1);
  const y = extent(stages.y, beta - Math.abs(gamma), beta + Math.abs(gamma));
  const widest = Math.max(span(x), span(xHat), span(y));
  const narrowest = Math.min(span(x), span(xHat), span(y));
  const shared = widest <= shareRatio * narrowest;
  const union: Domain = [Math.min(x[0], xHat[0], y[0]), Math.max(x[1], xHat[1], y[1])];
  return shared
    ? { x: union, xHat: union, y: union, shared, xOverXHat: span(x) / span(xHat) }
    : { x, xHat, y, shared, xOverXHat: span(x) / span(xHat) };
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const COUNT = new Intl.NumberFormat('en-US');

/** A value as the panel prints it: three significant digits, plain decimals (never an exponent). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = NUMBER.format(value);
  return text === '-0' ? '0' : text;
}

const FIXED = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A value near 0 or 1 by construction (x-hat's mean and std) to two decimals: 0.00, not float rounding's -0.00000000858. */
export function formatFixed(value: number): string {
  const text = FIXED.format(value);
  return text === '-0.00' ? '0.00' : text;
}

/** A count or step with thousands separators: 1,234. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** The picture's accessible name: which unit, which mini-batch, and what BN did to it. */
export function batchLabel(sample: BatchSample, stages: BatchStages): string {
  return `Batch normalisation of unit ${sample.unit}, layer ${sample.layer + 1}, on the mini-batch of step ${formatCount(sample.step)}: `
    + `${formatCount(stages.m)} examples, mean ${formatValue(sample.mean)}, std ${formatValue(stages.std)}; `
    + `normalised to mean ${formatFixed(stages.xHatMean)}, std ${formatFixed(stages.xHatStd)}; `
    + `then scaled by gamma ${formatValue(sample.gamma)} and shifted by beta ${formatValue(sample.beta)}`;
}
