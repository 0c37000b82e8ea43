/**
 * Running statistics vs the population ("precise BN", Wu & Johnson 2021, "Rethinking 'Batch' in
 * BatchNorm"). For each BN momentum m, the BN network trains N steps from the same initial weights
 * on the same batches; then, per BN layer, its running mean and variance (Algorithm 2's exponential
 * averages, PyTorch's convention: running = (1 - m) running + m batch statistic, so m = 0.1 is
 * TensorFlow/Keras's momentum 0.9) are compared with the population statistics recomputed over a
 * fixed sample of the training set at the final weights, layer by layer (Network.recomputeBatchNormStatistics),
 * and the test set is classified with each.
 *
 * Training mode never reads the running statistics, so every momentum trains the very same weights
 * (the result says whether they came out bit-identical): only the estimates differ.
 */
import { takeFirst } from '../data/batches.ts';
import type { PopulationStatistics } from '../engine/index.ts';
import type { Network } from '../engine/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { trainInLockstep } from './labTraining.ts';
import { encodeNumberParams, parseNumberParams } from './numberParams.ts';
import type { NumberParamSpecs } from './numberParams.ts';
import { copyParameters, createLabTrainer, trainableNames } from './santurkarTraining.ts';
import type { LabContext, LabJob } from './types.ts';
import { finiteOrNull } from './vectors.ts';

/** Parameters of the population-stats job. */
export type PopulationStatsParams = {
  /** Training steps per momentum. */
  steps: number;
  /** BN momenta in PyTorch's convention (weight of the new batch); Keras's is 1 - m. */
  momenta: number[];
  /** Training examples the precise statistics are computed over (the first ones; at most the training set). */
  examples: number;
};

/** One BN layer's running statistics against the population's. */
export interface LayerDiscrepancy {
  /** Hidden layer, 1-based. */
  layer: number;
  /** Mean over units of |running mean - population mean| / population std (std = sqrt(var + eps)). */
  meanGap: number | null;
  /** The largest of those over the units. */
  worstMeanGap: number | null;
  /** Mean over units of |ln((running var + eps) / (population var + eps))|. */
  logVarRatio: number | null;
  /** The same without the absolute value: > 0 when the running variances are too large on average. */
  signedLogVarRatio: number | null;
}

/** Everything measured for one momentum. */
export interface MomentumRow {
  /** PyTorch's convention: the weight of the newest batch in the running averages (the engine's). */
  momentum: number;
  /** TensorFlow/Keras's convention for the same averaging: the weight of the old average, 1 - momentum. */
  kerasMomentum: number;
  /** Share of the initial running values (mean 0, variance 1) still in the averages after N steps: (1 - m)^N. */
  initialShare: number;
  /** Step at which the training loss stopped being finite (training then stopped), or null. */
  divergedAt: number | null;
  /** Test accuracy and mean loss with the running statistics (what evaluation uses) and with the recomputed ones. */
  runningAccuracy: number | null;
  preciseAccuracy: number | null;
  runningLoss: number | null;
  preciseLoss: number | null;
  /** Per BN layer, from the first. Empty when the network diverged. */
  layers: LayerDiscrepancy[];
  /** Whether the trained weights (not the running statistics) are bit-identical to the first momentum's. */
  sameWeightsAsFirst: boolean;
}

/** The result of the population-stats job. */
export interface PopulationStatsResult {
  steps: number;
  batchSize: number;
  /** Training examples the population statistics are over. */
  examples: number;
  /** Test examples classified. */
  testExamples: number;
  rows: MomentumRow[];
}

const SPECS: NumberParamSpecs<PopulationStatsParams> = {
  steps: { kind: 'number', min: 1, max: 100_000, integer: true, help: 'training steps per momentum' },
  momenta: { kind: 'list', min: 0, max: 1, maxCount: 8, help: 'BN momenta, PyTorch convention: weight of the new batch' },
  examples: { kind: 'number', min: 100, max: 60_000, integer: true, help: 'training examples for the precise statistics' },
};

function defaults(): PopulationStatsParams {
  return { steps: 1000, momenta: [0.001, 0.01, 0.1, 1], examples: 8000 };
}

/** A momentum in the other convention: 1 - m, rounded so that 1 - 0.7 reads 0.3. */
export function kerasMomentumOf(momentum: number): number {
  return Number((1 - momentum).toPrecision(12));
}

/** "PyTorch momentum 0.1 = Keras/TF momentum 0.9". */
export function momentumLabel(momentum: number): string {
  return `PyTorch momentum ${momentum} = Keras/TF momentum ${kerasMomentumOf(momentum)}`;
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The running statistics of `network`'s BN layers (copies), per hidden layer, null for layers without BN. */
export function runningStatistics(network: Network): ({ mean: Float32Array; variance: Float32Array } | null)[] {
  const parameters = network.parameters();
  const depth = network.config.layers.length - 2;
  return Array.from({ length: depth }, (_, l) => {
    const runningMean = parameters[`bn${l}.runningMean`] as Float32Array | undefined;
    const runningVar = parameters[`bn${l}.runningVar`] as Float32Array | undefined;
    return runningMean && runningVar ? { mean: runningMean.slice(), variance: runningVar.slice() } : null;
  });
}

/** The discrepancy of running mean/variance against population ones, over the units of one layer. */
export function layerDiscrepancy(
  layer: number, running: { mean: ArrayLike<number>; variance: ArrayLike<number> },
  population: { mean: ArrayLike<number>; variance: ArrayLike<number> }, epsilon: number,
): LayerDiscrepancy {
  const gaps: number[] = [];
  const ratios: number[] = [];
  for (let u = 0; u < population.mean.length; u++) {
    gaps.push(Math.abs(running.mean[u] - population.mean[u]) / Math.sqrt(population.variance[u] + epsilon));
    ratios.push(Math.log((running.variance[u] + epsilon) / (population.variance[u] + epsilon)));
  }
  return {
    layer,
    meanGap: finiteOrNull(mean(gaps)),
    worstMeanGap: finiteOrNull(gaps.reduce((max, g) => Math.max(max, g), 0)),
    logVarRatio: finiteOrNull(mean(ratios.map(Math.abs))),
    signedLogVarRatio: finiteOrNull(mean(ratios)),
  };
}

/** Train the BN network once per momentum and compare its running statistics with the population's. */
export async function runPopulationStats(params: PopulationStatsParams, config: ExperimentConfig, context: LabContext): Promise<PopulationStatsResult> {
  const data = await context.dataset(config);
  const examples = Math.min(params.examples, data.train.n);
  const population = takeFirst(data.train, examples);
  const perRun = params.steps + precisePassCost(config.depth, examples, config.batchSize);
  const total = perRun * params.momenta.length;
  const rows: MomentumRow[] = [];
  let firstWeights: Record<string, Float32Array> | null = null;
  for (let k = 0; k < params.momenta.length; k++) {
    const momentum = params.momenta[k];
    const trainer = createLabTrainer({ ...config, bnMomentum: momentum }, data, ['bn']);
    await trainInLockstep(trainer, params.steps, context, k * perRun, total);
    const [{ network, divergedAt }] = trainer.members;
    const weights = copyParameters(network);
    const names = trainableNames(weights);
    firstWeights ??= weights;
    const first = firstWeights;
    const sameWeightsAsFirst = names.every((name) => {
      const a = weights[name];
      const b = first[name];
      return b !== undefined && a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
    });
    const row: MomentumRow = {
      momentum, kerasMomentum: kerasMomentumOf(momentum), initialShare: (1 - momentum) ** params.steps, divergedAt,
      runningAccuracy: null, preciseAccuracy: null, runningLoss: null, preciseLoss: null, layers: [], sameWeightsAsFirst,
    };
    if (divergedAt === null) {
      const running = runningStatistics(network);
      const before = network.evaluate(data.test);
      // One BN layer at a time (each an inference pass over the sample), a cancel point after each.
      const precise: (PopulationStatistics | null)[] = [];
      for (let l = 0; l < running.length; l++) {
        precise.push(network.recomputeBatchNormStatistics(population, [l])[l]);
        await context.progress(k * perRun + params.steps, total);
      }
      const after = network.evaluate(data.test);
      row.runningAccuracy = finiteOrNull(before.accuracy);
      row.runningLoss = finiteOrNull(before.loss);
      row.preciseAccuracy = finiteOrNull(after.accuracy);
      row.preciseLoss = finiteOrNull(after.loss);
      row.layers = precise.flatMap((stats, l) => {
        const own = running[l];
        return stats === null || own === null ? [] : [layerDiscrepancy(l + 1, own, stats, network.config.bnEpsilon)];
      });
    }
    rows.push(row);
    await context.progress((k + 1) * perRun, total);
  }
  return { steps: params.steps, batchSize: config.batchSize, examples, testExamples: data.test.n, rows };
}

/**
 * The precise statistics' cost in training-step equivalents: one inference pass over the sample per
 * BN layer, plus two test evaluations (about 2,000 examples), an inference example costing about a
 * third of a training one.
 */
export function precisePassCost(depth: number, examples: number, batchSize: number): number {
  return Math.ceil((depth * examples + 2 * 2000) / (3 * Math.max(1, batchSize)));
}

const points = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(100 * value).toFixed(1)} points`;

/**
 * What this run shows, in two sentences computed from the result: how far the running averages sit
 * from the population at the usual momentum (0.1, or the one closest to it), and what recomputing
 * them does to test accuracy at each momentum.
 */
export function populationVerdict(result: PopulationStatsResult): string {
  const live = result.rows.filter((row) => row.runningAccuracy !== null && row.preciseAccuracy !== null && row.layers.length > 0);
  if (live.length === 0) return 'Every run diverged: there are no statistics to compare.';
  const usual = live.reduce((best, row) => (Math.abs(row.momentum - 0.1) < Math.abs(best.momentum - 0.1) ? row : best));
  const gaps = usual.layers.map((l) => l.meanGap ?? 0);
  const ratios = usual.layers.map((l) => l.logVarRatio ?? 0);
  const fmt = (v: number): string => String(Number(v.toPrecision(2)));
  const first = `At ${momentumLabel(usual.momentum)}, the running means sit ${fmt(gaps.reduce((a, b) => Math.min(a, b), Infinity))} to ${fmt(gaps.reduce((a, b) => Math.max(a, b), -Infinity))} population standard deviations `
    + `from the precise ones (mean over units, per layer) and the variances differ by a factor of about ${fmt(Math.exp(ratios.reduce((a, b) => Math.max(a, b), -Infinity)))} at most.`;
  const changes = live.map((row) => `${row.momentum}: ${points((row.preciseAccuracy as number) - (row.runningAccuracy as number))}`);
  const largest = live.reduce((best, row) => {
    const d = Math.abs((row.preciseAccuracy as number) - (row.runningAccuracy as number));
    return d > best.d ? { d, row } : best;
  }, { d: -1, row: live[0] });
  const second = largest.d < 0.005
    ? `Recomputing them changes test accuracy by under half a point at every momentum (${changes.join(', ')}).`
    : `Recomputing them changes test accuracy (PyTorch momentum ${changes.join(', ')}); most at ${largest.row.momentum}.`;
  return `${first} ${second}`;
}

/** The population-stats lab job. */
export const populationStatsJob: LabJob<PopulationStatsParams, PopulationStatsResult> = {
  id: 'population-stats',
  title: 'Running statistics vs the population (precise BN)',
  summary: 'At test time BN uses running averages of the batch statistics, which lag the weights as they train. '
    + 'Recomputing the mean and variance over the training set at the final weights ("precise BN", Wu & Johnson 2021) shows how far off they are, '
    + 'and the momentum sets how many batches they average: PyTorch\'s 0.1 is TensorFlow/Keras\'s 0.9.',
  defaults,
  parse: (raw) => parseNumberParams(raw, defaults(), SPECS),
  encode: (params) => encodeNumberParams(params, defaults()),
  cost: (params, config) => (params.steps + precisePassCost(config.depth, params.examples, config.batchSize)) * params.momenta.length,
  run: runPopulationStats,
};
