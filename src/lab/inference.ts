/**
 * Algorithm 2 measured: training-mode vs inference-mode BN. For each batch size m, train the BN
 * network for N steps on batches of m, then classify the test set twice: in training mode (each
 * test mini-batch of m normalised by its own mean and biased variance, as during training) and in
 * inference mode (the running population statistics: the fixed affine map of Algorithm 2). Also
 * the per-unit statistics of one layer's BN input: the batch means and variances of a few test
 * batches against the running mean and variance, and the exact ones over the whole test set.
 *
 * The engine evaluates in inference mode only; the training-mode pass is composed here from the
 * network's parameters and the engine's BN functions (./modeForward.ts).
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import { batchOfRows, trainInLockstep } from './labTraining.ts';
import { createLabTrainer } from './santurkarTraining.ts';
import { finiteOrNull } from './vectors.ts';
import { forwardInMode, lossAndCorrect } from './modeForward.ts';
import { encodeNumberParams, parseNumberParams } from './numberParams.ts';
import type { NumberParamSpecs } from './numberParams.ts';
import type { LabContext, LabJob } from './types.ts';

/** Parameters of the inference job. */
export type InferenceParams = {
  /** Training steps per batch size. */
  steps: number;
  /** The batch sizes m, each trained from the same initial weights. */
  batchSizes: number[];
  /** Hidden layer whose statistics are shown, 1-based (clamped to the depth). */
  layer: number;
  /** Units of that layer shown. */
  units: number;
  /** Test batches whose statistics are shown. */
  statBatches: number;
};

/** One unit's BN-input statistics after training with one batch size. */
export interface UnitStatistics {
  unit: number;
  /** The running (population) mean E[x] and variance Var[x] that inference uses. */
  runningMean: number | null;
  runningVariance: number | null;
  /** Mean and biased variance over the whole test set in inference mode (the population, measured). */
  testMean: number | null;
  testVariance: number | null;
  /** Per shown test batch of m: the batch mean and biased batch variance training mode uses. */
  batchMeans: (number | null)[];
  batchVariances: (number | null)[];
}

/** Everything measured for one batch size. */
export interface BatchSizeRow {
  batchSize: number;
  /** Step at which the training loss stopped being finite (training then stopped), or null. */
  divergedAt: number | null;
  /** Test examples classified in both modes: the largest multiple of m in the test set. */
  examples: number;
  /** Accuracy and mean loss with batch statistics (test batches of m, Algorithm 1). */
  trainModeAccuracy: number | null;
  trainModeLoss: number | null;
  /** Accuracy and mean loss with the running statistics (Algorithm 2), same examples. */
  inferenceAccuracy: number | null;
  inferenceLoss: number | null;
  units: UnitStatistics[];
}

/** The result of the inference job. */
export interface InferenceResult {
  steps: number;
  /** The layer whose statistics are shown, 1-based. */
  layer: number;
  rows: BatchSizeRow[];
}

const SPECS: NumberParamSpecs<InferenceParams> = {
  steps: { kind: 'number', min: 1, max: 100_000, integer: true, help: 'training steps per batch size' },
  batchSizes: { kind: 'list', min: 2, max: 1000, integer: true, maxCount: 8, help: 'batch sizes m' },
  layer: { kind: 'number', min: 1, max: 10, integer: true, help: 'hidden layer, 1-based' },
  units: { kind: 'number', min: 1, max: 16, integer: true, help: 'units of the layer shown' },
  statBatches: { kind: 'number', min: 1, max: 50, integer: true, help: 'test batches whose statistics are shown' },
};

function defaults(config: ExperimentConfig): InferenceParams {
  return { steps: 1000, batchSizes: [2, 4, 8, 60], layer: config.depth, units: 4, statBatches: 8 };
}

/** Train the BN network for each batch size and compare its two modes on the test set. */
export async function runInference(params: InferenceParams, config: ExperimentConfig, context: LabContext): Promise<InferenceResult> {
  const data = await context.dataset(config);
  const layerIdx = Math.min(params.layer, config.depth) - 1;
  const total = params.steps * params.batchSizes.length;
  const rows: BatchSizeRow[] = [];
  for (let b = 0; b < params.batchSizes.length; b++) {
    const m = Math.min(params.batchSizes[b], data.test.n);
    const trainer = createLabTrainer({ ...config, batchSize: m }, data, ['bn']);
    await trainInLockstep(trainer, params.steps, context, b * params.steps, total);
    const [{ network, divergedAt }] = trainer.members;
    const batches = Math.floor(data.test.n / m);
    const examples = batches * m;
    const test = batchOfRows(data.test, Array.from({ length: examples }, (_, i) => i));
    const inference = forwardInMode(network, test.x, examples, 'inference');
    const inferenceSums = lossAndCorrect(inference.logits, test.y, examples, data.classes);
    let trainLoss = 0;
    let trainCorrect = 0;
    const shown = Math.min(params.units, config.width);
    const batchMeans: (number | null)[][] = Array.from({ length: shown }, () => []);
    const batchVariances: (number | null)[][] = Array.from({ length: shown }, () => []);
    for (let k = 0; k < batches; k++) {
      const x = test.x.subarray(k * m * data.inputs, (k + 1) * m * data.inputs);
      const pass = forwardInMode(network, x, m, 'train');
      const sums = lossAndCorrect(pass.logits, test.y.subarray(k * m, (k + 1) * m), m, data.classes);
      trainLoss += sums.lossSum;
      trainCorrect += sums.correct;
      if (k < params.statBatches) {
        for (let unit = 0; unit < shown; unit++) {
          batchMeans[unit].push(finiteOrNull(pass.zMean[layerIdx][unit]));
          batchVariances[unit].push(finiteOrNull(pass.zVariance[layerIdx][unit]));
        }
      }
      if (k % 50 === 49) await context.progress((b + 1) * params.steps, total);
    }
    const parameters = network.parameters();
    const runningMean = parameters[`bn${layerIdx}.runningMean`];
    const runningVar = parameters[`bn${layerIdx}.runningVar`];
    rows.push({
      batchSize: m,
      divergedAt,
      examples,
      trainModeAccuracy: finiteOrNull(trainCorrect / examples),
      trainModeLoss: finiteOrNull(trainLoss / examples),
      inferenceAccuracy: finiteOrNull(inferenceSums.correct / examples),
      inferenceLoss: finiteOrNull(inferenceSums.lossSum / examples),
      units: Array.from({ length: shown }, (_, unit) => ({
        unit,
        runningMean: finiteOrNull(runningMean[unit]),
        runningVariance: finiteOrNull(runningVar[unit]),
        testMean: finiteOrNull(inference.zMean[layerIdx][unit]),
        testVariance: finiteOrNull(inference.zVariance[layerIdx][unit]),
        batchMeans: batchMeans[unit],
        batchVariances: batchVariances[unit],
      })),
    });
    await context.progress((b + 1) * params.steps, total);
  }
  return { steps: params.steps, layer: layerIdx + 1, rows };
}

/** Algorithm 2 as a lab job: accuracy with batch statistics vs population statistics, per batch size. */
export const inferenceJob: LabJob<InferenceParams, InferenceResult> = {
  id: 'inference',
  title: 'Training vs inference statistics (Algorithm 2)',
  summary: 'During training BN normalises with each mini-batch\'s own mean and variance; at inference it uses running averages, '
    + 'so a prediction depends on the input alone. With tiny batches the batch statistics are noisy and the two modes disagree.',
  defaults,
  parse: (raw, config) => parseNumberParams(raw, defaults(config), SPECS),
  encode: (params, config) => encodeNumberParams(params, defaults(config)),
  cost: (params) => params.steps * params.batchSizes.length,
  run: runInference,
};
