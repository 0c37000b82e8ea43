/**
 * What a running experiment reports: plain data, shared by the worker protocol, the store,
 * the charts and the headless CLI. Metric definitions follow PAPER.md section 3.
 */
import type { ExperimentConfig } from './settings.ts';
import type { FittedHistogram } from './fittedHistogram.ts';
import type { RecomputedStatistics } from './preciseStatistics.ts';
import type { BatchSample } from './batchSample.ts';

/**
 * The variants of one experiment, trained in lockstep on the same batches from the same weights:
 * without normalization, BN (the paper's, before the nonlinearity), BN + Santurkar's noise, BN after
 * the nonlinearity, ghost BN (virtual batches), LayerNorm and GroupNorm (variants.ts).
 */
export type NetworkId = 'plain' | 'bn' | 'noisy' | 'bn-after' | 'ghost' | 'ln' | 'gn';
/**
 * Display order of the networks of the default experiment. 'noisy' (Santurkar's noisy BN) joins
 * them when the config says `noisyBn` (variants.ts networksFor), or when asked (the CLI's --variants).
 */
export const NETWORK_IDS: readonly NetworkId[] = ['plain', 'bn'];

/** The networks of the paper's experiment and Santurkar et al.'s (the lab's gradient-ICS and landscape jobs' default). */
export const PAPER_NETWORK_IDS: readonly NetworkId[] = ['plain', 'bn', 'noisy'];

/** Display order of every network an experiment can train. */
export const ALL_NETWORK_IDS: readonly NetworkId[] = ['plain', 'bn', 'noisy', 'bn-after', 'ghost', 'ln', 'gn'];

/** The fixed bins of every layer histogram of a run, so that frames compare. */
export interface HistogramBins {
  /** Left edge of the first bin. */
  min: number;
  /** Right edge of the last bin. */
  max: number;
  /** Number of equal-width bins between min and max. */
  count: number;
}

/** One hidden layer's nonlinearity inputs over the probe set, at one snapshot. */
export interface LayerStats {
  /** Counts per bin (length bins.count); values below min / above max are in `under` / `over`. */
  counts: Uint32Array;
  /** Values below bins.min (drawn as the left edge bin, labelled as out of range). */
  under: number;
  /** Values above bins.max. */
  over: number;
  /** Mean over all units and probe examples. */
  mean: number;
  /** Standard deviation over all units and probe examples. */
  std: number;
  /**
   * Shift over the last 1,000 steps (src/experiment/shift.ts), scale-free: per unit, the 1-D
   * Wasserstein-1 distance between its input distribution now and 1,000 steps ago (since the first
   * snapshot before then) divided by their pooled standard deviation, averaged over units
   * (1 = the inputs moved by one of their own standard deviations). NaN-free: 0 at the first snapshot.
   */
  drift: number;
  /** The same distance unscaled, in the input's units: it grows with the layer's scale. */
  driftRaw: number;
  /** Fraction of inputs with |x| > 4 (sigmoid/tanh derivative under 2% of its peak). */
  saturation: number;
  /** The histogram fitted to this snapshot's own values (equal bins over mean ± 6 std), for the charts' value ranges. */
  fitted?: FittedHistogram;
}

/** Percentiles of the tracked unit's input over the probe set (Figure 1 b, c). */
export interface TrackedPercentiles {
  p15: number;
  p50: number;
  p85: number;
}

/** Health of one network of the run. */
export type NetworkStatus =
  | { type: 'training' }
  | { type: 'diverged'; step: number; reason: string };

/**
 * What a run file records at an evaluation besides the test figures (src/experiment/run.ts): measured at
 * the evaluation's own step, whenever snapshots are taken, so the same run exports the same file.
 */
export interface RunPoint {
  /** Mean training loss over the steps since the previous evaluation. */
  trainLoss: number;
  /** The unit the percentiles are of, and its 15/50/85th percentiles over the probe set. */
  trackedUnit: { layer: number; unit: number };
  tracked: TrackedPercentiles;
  /** Per hidden layer: the saturated share, and the shift over the last 1,000 steps measured at evaluations only. */
  saturation: number[];
  drift: number[];
  /** Per hidden layer l: ||W_l||, the Frobenius norm of the dense weights feeding it (float64 sum of squares). */
  weightNorm: number[];
  /**
   * Per hidden layer l: the effective step eta / ||W_l||^2 when BN directly follows the layer's dense
   * weights (scale-invariant, van Laarhoven 2017; src/engine/effectiveLearningRate.ts), null otherwise.
   */
  effectiveStep: (number | null)[];
}

/** One held-out evaluation; `point` when it follows training steps and the network is healthy (a run file's point). */
export interface TestEvaluation {
  step: number;
  loss: number;
  accuracy: number;
  point?: RunPoint;
}

/** One network's state at one snapshot. */
export interface NetworkFrame {
  id: NetworkId;
  /** Steps taken so far. */
  step: number;
  /** Mean training loss over the steps since the previous frame (NaN-free; null before the first step). */
  trainLoss: number | null;
  /** Training accuracy averaged like trainLoss. */
  trainAccuracy: number | null;
  /** Latest held-out evaluation (inference mode) and the step it was taken at; null before the first. */
  test: { step: number; loss: number; accuracy: number } | null;
  /** Every evaluation since the previous frame, ascending (on the grid of evalEvery; absent from older workers). */
  tests?: TestEvaluation[];
  /** Per hidden layer, from the first. Empty once diverged. */
  layers: LayerStats[];
  /** The tracked unit's percentiles; null once diverged. */
  tracked: TrackedPercentiles | null;
  /** Medians of the first UNIT_VIEW_COUNT units of the tracked layer over the probe set (measured with any probe noise); null once diverged, absent from older workers. */
  unitMedians?: number[] | null;
  status: NetworkStatus;
}

/** A snapshot of the whole experiment: one frame per network, same step. */
export interface Snapshot {
  /** Steps taken by the experiment (all networks step together). */
  step: number;
  /** Wall-clock training speed in steps per second (per network) since the previous snapshot. */
  stepsPerSecond: number;
  /** Where the tracked unit is. */
  tracked: { layer: number; unit: number };
  frames: NetworkFrame[];
  /** The BN network's tracked unit on its latest training batch (batchSample.ts); absent before the first step, without BN, or diverged. */
  batch?: BatchSample;
}

/** Arrays over evaluation points: the headless CLI's output schema (DESIGN.md), one per network. */
export interface Run {
  steps: number[];
  trainLoss: number[];
  testAccuracy: number[];
  testLoss: number[];
  trackedUnit: { layer: number; unit: number; p15: number[]; p50: number[]; p85: number[] };
  /** Per hidden layer: fraction saturated and drift at each evaluation point. */
  saturation: number[][];
  drift: number[][];
  /**
   * Per hidden layer: ||W_l|| at each evaluation point (RunPoint.weightNorm). Absent from files written
   * before it was recorded.
   */
  weightNorm?: number[][];
  /**
   * Per hidden layer: eta / ||W_l||^2 at each evaluation point when BN directly follows the layer, null for
   * a layer no BN follows (RunPoint.effectiveStep). Absent from files written before it was recorded.
   */
  effectiveStep?: (number[] | null)[];
  /** Present when the network diverged (loss NaN or infinite): the step, and no NaN in the arrays. */
  diverged?: { step: number };
}

/**
 * A paired experiment in progress (src/experiment/session.ts implements it): every network
 * steps on the same mini-batch from the same initial weights. Pure; the worker and the CLI drive it.
 */
export interface Session {
  /** Steps taken so far. */
  readonly step: number;
  /** The fixed histogram bins of this run. */
  readonly bins: HistogramBins;
  /** Hidden layer widths. */
  readonly hiddenUnits: number[];
  /** Compute kernels of the networks: 'wasm-simd' (fast path) or 'js' (fallback). */
  readonly kernel: string;
  /** Take `count` training steps on every network that has not diverged. */
  advance(count: number): void;
  /** Measure every network on the probe / test set now and return a snapshot (evaluates the test set when due). */
  snapshot(stepsPerSecond: number): Snapshot;
  /** Apply settings whose effect is 'live' or 'view' (learning rate, momentum, tracked unit...). */
  applyLive(patch: Partial<ExperimentConfig>): void;
  /** True when every network has diverged. */
  readonly allDiverged: boolean;
  /**
   * "Precise BN" on every network with BN still training: its running statistics recomputed over the
   * training set at the current weights (./preciseStatistics.ts), with test accuracy before and after.
   * Weights and training are untouched; later evaluations and probes use the new statistics.
   */
  recomputeBatchNormStatistics(): RecomputedStatistics[];
}
