/**
 * Section 3.4 measured: BN regularises. In training mode a BN network's output for one example
 * depends on the other examples of its mini-batch (through the batch mean and variance), so each
 * batch shows the network a slightly jittered version of the example; a network without BN gives
 * the same output whatever its batch-mates. After N steps of training (the twins, same weights
 * and batches), one test example is put in K batches of m with different random training
 * examples, and its output in training mode is recorded for each. Then the train/test gap
 * (inference mode) of both networks.
 */
import { createRng } from '../engine/index.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { batchOfRows, trainInLockstep } from './labTraining.ts';
import { createLabTrainer } from './santurkarTraining.ts';
import { finiteOrNull } from './vectors.ts';
import { forwardInMode } from './modeForward.ts';
import { encodeNumberParams, parseNumberParams } from './numberParams.ts';
import type { NumberParamSpecs } from './numberParams.ts';
import type { LabContext, LabJob } from './types.ts';

/** Parameters of the regularisation job. */
export type RegularizationParams = {
  /** Training steps of the twins before measuring. */
  steps: number;
  /** K: batches the example is placed in, each with different random batch-mates. */
  batches: number;
  /** m: examples per batch (the example and m - 1 batch-mates). */
  batchSize: number;
  /** Index of the test example. */
  example: number;
  /** Unit of the last hidden layer whose nonlinearity input is recorded. */
  unit: number;
  /** Training examples (the first ones) on which train accuracy and loss are measured. */
  trainExamples: number;
};

/** One network's outputs for the example across the K batches, and its train/test figures. */
export interface RegularizationNetwork {
  id: 'plain' | 'bn';
  divergedAt: number | null;
  /** Per batch: the logit of the example's true class (training mode). */
  logits: (number | null)[];
  /** Per batch: the input of the recorded unit of the last hidden layer (training mode, after BN when on). */
  unitInputs: (number | null)[];
  /** The same two values in inference mode (the example alone; no batch-mates involved). */
  inferenceLogit: number | null;
  inferenceUnitInput: number | null;
  /** Standard deviation of `logits` and of `unitInputs` over the batches: 0 means no dependence on batch-mates. */
  logitSpread: number | null;
  unitSpread: number | null;
  /** Inference mode: accuracy and mean loss on training examples and on the test set. */
  trainAccuracy: number | null;
  testAccuracy: number | null;
  trainLoss: number | null;
  testLoss: number | null;
}

/** The result of the regularisation job. */
export interface RegularizationResult {
  steps: number;
  batchSize: number;
  example: number;
  /** The example's class. */
  label: number;
  /** The unit recorded, in the last hidden layer (1-based layer number). */
  layer: number;
  unit: number;
  networks: RegularizationNetwork[];
}

const SPECS: NumberParamSpecs<RegularizationParams> = {
  steps: { kind: 'number', min: 0, max: 100_000, integer: true, help: 'training steps before measuring' },
  batches: { kind: 'number', min: 2, max: 2000, integer: true, help: 'batches K the example is placed in' },
  batchSize: { kind: 'number', min: 2, max: 1000, integer: true, help: 'examples per batch m' },
  example: { kind: 'number', min: 0, max: 1_000_000, integer: true, help: 'index of the test example' },
  unit: { kind: 'number', min: 0, max: 511, integer: true, help: 'unit of the last hidden layer' },
  trainExamples: { kind: 'number', min: 1, max: 100_000, integer: true, help: 'training examples measured' },
};

function defaults(config: ExperimentConfig): RegularizationParams {
  return { steps: 1000, batches: 200, batchSize: config.batchSize, example: 0, unit: 0, trainExamples: 2000 };
}

/** Seed of the batch-mates' draw: its own stream, apart from the weights' and the batches'. */
export function batchMateSeedFor(seed: number): number {
  return seed + 104_729;
}

const spread = (values: readonly (number | null)[]): number | null => {
  const finite = values.filter((v): v is number => v !== null);
  if (finite.length !== values.length || finite.length === 0) return null;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  return finiteOrNull(Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length));
};

/** Train the twins, then record one test example's training-mode output across random batch-mates. */
export async function runRegularization(params: RegularizationParams, config: ExperimentConfig, context: LabContext): Promise<RegularizationResult> {
  const data = await context.dataset(config);
  const trainer = createLabTrainer(config, data, ['plain', 'bn']);
  const total = params.steps + params.batches;
  await trainInLockstep(trainer, params.steps, context, 0, total);
  const networks = trainer.members.map((member) => member.network);
  const example = Math.min(params.example, data.test.n - 1);
  const m = Math.min(params.batchSize, data.train.n + 1);
  const lastLayer = config.depth - 1;
  const unit = Math.min(params.unit, config.width - 1);
  const label = data.test.y[example];
  const exampleBatch = batchOfRows(data.test, [example]);
  const rng = createRng(batchMateSeedFor(config.seed));
  const logits: (number | null)[][] = [[], []];
  const unitInputs: (number | null)[][] = [[], []];
  const rowBatch = { x: new Float32Array(m * data.inputs), y: new Uint8Array(m), n: m };
  rowBatch.x.set(exampleBatch.x);
  for (let k = 0; k < params.batches; k++) {
    const mates = new Set<number>();
    while (mates.size < m - 1) mates.add(rng.int(data.train.n));
    const mateBatch = batchOfRows(data.train, [...mates]);
    rowBatch.x.set(mateBatch.x, data.inputs);
    networks.forEach((network, i) => {
      const pass = forwardInMode(network, rowBatch.x, m, 'train');
      logits[i].push(finiteOrNull(pass.logits[label]));
      unitInputs[i].push(finiteOrNull(pass.u[lastLayer][unit]));
    });
    if (k % 20 === 19) await context.progress(params.steps + k + 1, total);
  }
  const trainSet = batchOfRows(data.train, Array.from({ length: Math.min(params.trainExamples, data.train.n) }, (_, i) => i));
  const result = networks.map((network, i): RegularizationNetwork => {
    const alone = forwardInMode(network, exampleBatch.x, 1, 'inference');
    const train = network.evaluate(trainSet);
    const test = network.evaluate(data.test);
    return {
      id: i === 0 ? 'plain' : 'bn',
      divergedAt: trainer.members[i].divergedAt,
      logits: logits[i],
      unitInputs: unitInputs[i],
      inferenceLogit: finiteOrNull(alone.logits[label]),
      inferenceUnitInput: finiteOrNull(alone.u[lastLayer][unit]),
      logitSpread: spread(logits[i]),
      unitSpread: spread(unitInputs[i]),
      trainAccuracy: finiteOrNull(train.accuracy),
      testAccuracy: finiteOrNull(test.accuracy),
      trainLoss: finiteOrNull(train.loss),
      testLoss: finiteOrNull(test.loss),
    };
  });
  await context.progress(total, total);
  return { steps: params.steps, batchSize: m, example, label, layer: lastLayer + 1, unit, networks: result };
}

/** Section 3.4 as a lab job: BN's output for an example jitters with its batch-mates; the train/test gap with and without BN. */
export const regularizationJob: LabJob<RegularizationParams, RegularizationResult> = {
  id: 'regularization',
  title: 'BN as a regulariser (section 3.4)',
  summary: 'In training, a BN network sees each example through the statistics of its mini-batch, so the same example gives a '
    + 'slightly different output with different batch-mates: a noise that acts like a regulariser. Without BN the output is always the same.',
  defaults,
  parse: (raw, config) => parseNumberParams(raw, defaults(config), SPECS),
  encode: (params, config) => encodeNumberParams(params, defaults(config)),
  cost: (params) => params.steps + params.batches,
  run: runRegularization,
};
