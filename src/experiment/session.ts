/**
 * A paired experiment: every network variant (plain, BN, ...) starts from the same weights and
 * steps on the same mini-batch, in lockstep. Pure; the worker and the CLI drive it.
 */
import { createNetwork, effectiveLearningRates } from '../engine/index.ts';
import type { Network } from '../engine/types.ts';
import { createBatchSampler, takeFirst } from '../data/batches.ts';
import type { Dataset } from '../data/types.ts';
import { batchSampleOf } from './batchSample.ts';
import { hasRunningStatistics, preciseSample, recomputeNetworkStatistics } from './preciseStatistics.ts';
import type { RecomputedStatistics } from './preciseStatistics.ts';
import { binsFor } from './bins.ts';
import { fittedHistogram } from './fittedHistogram.ts';
import { histogram, meanStd, percentileOfSorted, saturation, sortedByUnit } from './metrics.ts';
import { ShiftWindow, summarizeSorted } from './shift.ts';
import { createFloat32Sorter } from './sortFloat32.ts';
import type { ExperimentConfig } from './settings.ts';
import { settingFor } from './settings.ts';
import type { HistogramBins, LayerStats, NetworkFrame, NetworkStatus, RunPoint, Session, Snapshot, TestEvaluation, TrackedPercentiles } from './types.ts';
import { DEFAULT_VARIANTS, networkConfigFor } from './variants.ts';
import type { NetworkVariant } from './variants.ts';

/** Held-out examples whose layer inputs are measured at every snapshot (the first ones of the test set): 256 x 100 units fill a 64-bin histogram smoothly, and a snapshot stays cheap next to a step. */
export const PROBE_SIZE = 256;

/** Units of the tracked layer whose medians every frame carries (NetworkFrame.unitMedians): enough to see a layer's units move, few enough to stay cheap. */
export const UNIT_VIEW_COUNT = 12;

/** Seed of the batch order of an experiment seeded `seed`: offset so batches and weights draw from different streams. */
export function batchSeedFor(seed: number): number {
  return seed + 7919;
}

/** Options of createSession beyond the config. */
export interface SessionOptions {
  /** The networks to train; default plain and BN. */
  variants?: readonly NetworkVariant[];
}

interface Member {
  id: NetworkVariant['id'];
  network: Network;
  /** Probe with the network's BN noise (NetworkVariant.probeNoise). */
  probeNoise: boolean;
  status: NetworkStatus;
  lossSum: number;
  accuracySum: number;
  stepsSinceFrame: number;
  test: NetworkFrame['test'];
  /** Evaluations since the last frame (NetworkFrame.tests). */
  tests: TestEvaluation[];
  /** Reference snapshots for each layer's shift over the last 1,000 steps (LayerStats.drift). */
  shift: ShiftWindow;
  /** Training loss summed since the previous evaluation, and its steps (RunPoint.trainLoss). */
  evalLossSum: number;
  evalSteps: number;
  /** References for the shift at evaluations, fed at evaluations only (RunPoint.drift): independent of the snapshots' timing. */
  evalShift: ShiftWindow;
}

/** Seed of the probe noise at an evaluation at `step` of an experiment seeded `seed` (RunPoint: the same draw however many snapshots came before). */
export function evaluationNoiseSeed(seed: number, step: number): number {
  return (Math.imul(seed, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b)) >>> 0;
}

/** True when every value is finite: a sum of finite values is finite, and NaN or an infinity makes it not. */
const allFinite = (values: Float32Array): boolean => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * 0;
  return sum === 0;
};

/** The probe set used by a session on `data`: its first PROBE_SIZE test examples. */
export function probeSizeFor(data: Dataset): number {
  return Math.min(PROBE_SIZE, data.test.n);
}

/** The hidden layer and unit `config` tracks, resolved (-1 = last) and clamped to the network. */
export function resolveTracked(config: ExperimentConfig, hiddenUnits: readonly number[]): { layer: number; unit: number } {
  const depth = hiddenUnits.length;
  const layer = config.trackedLayer < 0 ? depth - 1 : Math.min(config.trackedLayer, depth - 1);
  const unit = Math.max(0, Math.min(config.trackedUnit, hiddenUnits[layer] - 1));
  return { layer, unit };
}

/** Build a paired experiment on `data` from `config` (see Session in ./types.ts). */
export function createSession(initialConfig: ExperimentConfig, data: Dataset, options: SessionOptions = {}): Session {
  let config = { ...initialConfig };
  const variants = options.variants ?? DEFAULT_VARIANTS;
  const members: Member[] = variants.map((variant) => ({
    id: variant.id,
    network: createNetwork(networkConfigFor(config, data.inputs, data.classes, variant)),
    probeNoise: variant.probeNoise === true,
    status: { type: 'training' },
    lossSum: 0,
    accuracySum: 0,
    stepsSinceFrame: 0,
    test: null,
    tests: [],
    shift: new ShiftWindow(),
    evalLossSum: 0,
    evalSteps: 0,
    evalShift: new ShiftWindow(),
  }));
  const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
  const probeSet = takeFirst(data.test, PROBE_SIZE);
  const bins: HistogramBins = binsFor(config.activation);
  const hiddenUnits = Array.from({ length: config.depth }, () => config.width);
  const sorter = createFloat32Sorter();
  let step = 0;
  let lastEvalStep: number | null = null;
  /** The BN unit's batch sample taken just before an evaluation at the current step reused its buffers. */
  let batchBeforeEval: Snapshot['batch'] | null = null;

  const diverge = (member: Member, atStep: number, reason: string): void => {
    member.status = { type: 'diverged', step: atStep, reason };
    member.shift.clear();
    member.evalShift.clear();
  };
  const training = (member: Member): boolean => member.status.type === 'training';

  function parametersFinite(member: Member): boolean {
    return Object.values(member.network.parameters()).every(allFinite);
  }

  function layerStats(member: Member, probes: Float32Array[], sorted: Float32Array[]): LayerStats[] {
    const shifts = member.shift.measure(step, sorted.map((values, layerIdx) => summarizeSorted(values, hiddenUnits[layerIdx])));
    return probes.map((values, layerIdx) => {
      const { counts, under, over } = histogram(values, bins);
      const { mean, std } = meanStd(values);
      const { scaled: drift, raw: driftRaw } = shifts[layerIdx];
      return { counts, under, over, mean, std, drift, driftRaw, saturation: saturation(values) };
    });
  }

  /**
   * Evaluate `member` on the test set now (inference mode), at `step`: its latest test, or its
   * divergence; with the run file's point for this step when training steps preceded it.
   */
  function evaluateMember(member: Member): void {
    const result = member.network.evaluate(data.test);
    if (Number.isFinite(result.loss)) {
      member.test = { step, loss: result.loss, accuracy: result.accuracy };
      const point = runPointOf(member);
      member.tests.push(point ? { step, loss: result.loss, accuracy: result.accuracy, point } : member.test);
    } else {
      diverge(member, step, `test loss became ${result.loss} at step ${step}`);
    }
  }

  /**
   * What a run file records at this evaluation, measured now (RunPoint): the probe (its noise drawn
   * from a seed of the step), the training loss since the last evaluation, and the shift against
   * earlier evaluations. Null at an evaluation with no training step before it, or when the probe is not finite.
   */
  function runPointOf(member: Member): RunPoint | null {
    const probes = member.network.probe(probeSet, { bnNoise: member.probeNoise, noiseSeed: evaluationNoiseSeed(config.seed, step) });
    if (!probes.every(allFinite)) return null;
    const sorted = probes.map((values, layerIdx) => sortedByUnit(values, hiddenUnits[layerIdx], sorter));
    const shifts = member.evalShift.measure(step, sorted.map((values, layerIdx) => summarizeSorted(values, hiddenUnits[layerIdx])));
    if (member.evalSteps === 0) return null;
    const trainLoss = member.evalLossSum / member.evalSteps;
    member.evalLossSum = 0;
    member.evalSteps = 0;
    const trackedUnit = resolveTracked(config, hiddenUnits);
    // Per hidden layer, the dense weights feeding it (the output layer's are left out).
    const rates = effectiveLearningRates(member.network.config, member.network.parameters(), config.learningRate).slice(0, hiddenUnits.length);
    return {
      trainLoss, trackedUnit, tracked: trackedPercentilesOf(sorted, trackedUnit),
      saturation: probes.map((values) => saturation(values)), drift: shifts.map((shift) => shift.scaled),
      weightNorm: rates.map((rate) => rate.weightNorm),
      effectiveStep: rates.map((rate) => (rate.effectiveLearningRate !== null && Number.isFinite(rate.effectiveLearningRate) ? rate.effectiveLearningRate : null)),
    };
  }

  /** The 15/50/85th percentiles of unit `tracked` over the probe set, from the sortedByUnit layers `sorted`. */
  function trackedPercentilesOf(sorted: Float32Array[], tracked: { layer: number; unit: number }): TrackedPercentiles {
    const n = probeSet.n;
    const column = sorted[tracked.layer].subarray(tracked.unit * n, (tracked.unit + 1) * n);
    const [p15, p50, p85] = [15, 50, 85].map((p) => percentileOfSorted(column, p));
    return { p15, p50, p85 };
  }

  /** Evaluate every network still training, at `step`. */
  function evaluateAll(): void {
    lastEvalStep = step;
    for (const member of members) if (training(member)) evaluateMember(member);
  }

  /** The BN network's tracked unit on its latest training batch, while no evaluation has reused the batch's buffers. */
  function batchSample(): Snapshot['batch'] | null {
    const bn = members.find((member) => member.id === 'bn' && training(member));
    return bn ? batchSampleOf(bn.network, bn.id, step, resolveTracked(config, hiddenUnits)) : null;
  }

  function frameOf(member: Member, evaluate: boolean, tracked: { layer: number; unit: number }): NetworkFrame {
    const n = member.stepsSinceFrame;
    const trainLoss = n > 0 ? member.lossSum / n : null;
    const trainAccuracy = n > 0 ? member.accuracySum / n : null;
    member.lossSum = 0;
    member.accuracySum = 0;
    member.stepsSinceFrame = 0;
    let layers: LayerStats[] = [];
    let trackedPercentiles: NetworkFrame['tracked'] = null;
    let unitMedians: number[] | null = null;
    if (training(member) && !parametersFinite(member)) diverge(member, step, `a weight became NaN or infinite by step ${step}`);
    if (training(member) && evaluate) evaluateMember(member);
    const tests = member.tests;
    member.tests = [];
    if (training(member)) {
      const probes = member.network.probe(probeSet, { bnNoise: member.probeNoise });
      if (probes.every(allFinite)) {
        const sorted = probes.map((values, layerIdx) => sortedByUnit(values, hiddenUnits[layerIdx], sorter));
        layers = layerStats(member, probes, sorted);
        // The histogram fitted to each layer's own values, for the charts' value ranges (fittedHistogram.ts).
        layers.forEach((stats, layerIdx) => { stats.fitted = fittedHistogram(probes[layerIdx], stats.mean, stats.std); });
        const n = probeSet.n;
        trackedPercentiles = trackedPercentilesOf(sorted, tracked);
        const viewed = Math.min(UNIT_VIEW_COUNT, hiddenUnits[tracked.layer]);
        unitMedians = Array.from({ length: viewed }, (_, unit) => percentileOfSorted(sorted[tracked.layer].subarray(unit * n, (unit + 1) * n), 50));
      } else {
        diverge(member, step, `layer inputs became NaN or infinite by step ${step}`);
      }
    }
    return { id: member.id, step, trainLoss, trainAccuracy, test: member.test, tests, layers, tracked: trackedPercentiles, unitMedians, status: member.status };
  }

  return {
    get step() {
      return step;
    },
    bins,
    hiddenUnits,
    kernel: members[0].network.kernel,
    get allDiverged() {
      return members.every((member) => !training(member));
    },

    advance(count: number): void {
      for (let k = 0; k < count; k++) {
        if (members.every((member) => !training(member))) return;
        const batch = sampler.next();
        step++;
        const stepOptions = { learningRate: config.learningRate, momentum: config.momentum, weightDecay: config.weightDecay };
        for (const member of members) {
          if (!training(member)) continue;
          const result = member.network.trainStep(batch, stepOptions);
          if (Number.isFinite(result.loss)) {
            member.lossSum += result.loss;
            member.accuracySum += result.accuracy;
            member.stepsSinceFrame++;
            member.evalLossSum += result.loss;
            member.evalSteps++;
          } else {
            diverge(member, step, `training loss became ${result.loss} at step ${step}`);
          }
        }
        // Test evaluations fall on a fixed grid, whatever the snapshots' timing: every evalEvery steps and the last step.
        if (step % config.evalEvery === 0 || step === config.maxSteps) {
          batchBeforeEval = batchSample();
          evaluateAll();
        }
      }
    },

    snapshot(stepsPerSecond: number): Snapshot {
      // The grid's evaluations happen in advance(); a snapshot evaluates only the first time and
      // when asked to by a shorter evalEvery (the CLI's last step).
      const evaluate = lastEvalStep === null || step - lastEvalStep >= config.evalEvery;
      if (evaluate) lastEvalStep = step;
      const tracked = resolveTracked(config, hiddenUnits);
      // Read before the frames: their evaluation and probe may reuse the buffers that hold the last batch;
      // after an evaluation in advance() at this step, the sample taken just before it.
      const batch = lastEvalStep === step && batchBeforeEval && batchBeforeEval.step === step ? batchBeforeEval : batchSample();
      const frames = members.map((member) => frameOf(member, evaluate, tracked));
      return { step, stepsPerSecond: Number.isFinite(stepsPerSecond) ? stepsPerSecond : 0, tracked, frames, ...(batch ? { batch } : {}) };
    },

    recomputeBatchNormStatistics(): RecomputedStatistics[] {
      const bn = members.filter((member) => training(member) && hasRunningStatistics(member.network));
      if (bn.length === 0) return [];
      const sample = preciseSample(data.train);
      return bn.map((member) => recomputeNetworkStatistics(member.id, step, member.network, sample, data.test));
    },

    /** 'reset' settings (bnMomentum among them: it is fixed at construction) are ignored: rebuild the session instead. */
    applyLive(patch: Partial<ExperimentConfig>): void {
      const next = { ...config };
      for (const [key, value] of Object.entries(patch) as [keyof ExperimentConfig, unknown][]) {
        if (value === undefined || settingFor(key).effect === 'reset') continue;
        (next as Record<string, unknown>)[key] = value;
      }
      config = next;
    },
  };
}
