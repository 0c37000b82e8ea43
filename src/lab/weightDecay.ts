/**
 * Weight decay with BN (van Laarhoven 2017, "L2 Regularization versus Batch and Weight
 * Normalization"): the plain and BN twins trained at several weight decays, each run from the same
 * initial weights and on the same batches, recording every hidden layer's ||W_l|| and, for BN's
 * layers, the effective step eta / ||W_l||^2 (RunPoint, src/experiment/session.ts), and test accuracy.
 * A layer followed by BN is scale-invariant, so its gradient scales as 1 / ||W|| and a step of size
 * eta turns W by about eta / ||W||^2: decay shrinks ||W|| and so raises that step instead of
 * simplifying what the layer computes.
 */
import { emptyRun, recordFrame } from '../experiment/run.ts';
import { createSession } from '../experiment/session.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId, Run } from '../experiment/types.ts';
import { DEFAULT_VARIANTS } from '../experiment/variants.ts';
import { encodeNumberParams, parseNumberParams } from './numberParams.ts';
import type { NumberParamSpecs } from './numberParams.ts';
import { PROGRESS_EVERY_STEPS } from './runShort.ts';
import type { LabContext, LabJob } from './types.ts';

/** Parameters of the weight-decay job (each URL-encodable as lab.<name>). */
export type WeightDecayParams = {
  /** Training steps of each run. */
  steps: number;
  /** Measure every this many steps (and at the last). */
  every: number;
  /** The weight decays lambda swept, one run of the twins each. */
  decays: number[];
  /** The hidden layer (1-based) the verdict and the over-time charts follow; clamped to the network's depth. */
  layer: number;
};

/** One network's figures over one run: at each measured step, per hidden layer. */
export interface WeightDecayNetwork {
  id: NetworkId;
  /** Measured steps, ascending. */
  steps: number[];
  /** Test accuracy (inference mode) at each step. */
  testAccuracy: number[];
  /** Per hidden layer, ||W_l|| at each step. */
  weightNorm: number[][];
  /** Per hidden layer, eta / ||W_l||^2 at each step, or null for a layer no BN directly follows. */
  effectiveStep: (number[] | null)[];
  /** The step its loss stopped being finite, or null. */
  divergedAt: number | null;
}

/** The twins at one weight decay. */
export interface WeightDecayRun {
  weightDecay: number;
  networks: WeightDecayNetwork[];
}

/** The job's result: plain JSON, no NaN. */
export interface WeightDecayResult {
  steps: number;
  every: number;
  /** The learning rate eta of every run (the experiment's). */
  learningRate: number;
  /** The hidden layer (1-based) followed, after clamping. */
  layer: number;
  depth: number;
  /** One per decay, in the order asked. */
  runs: WeightDecayRun[];
}

const SPECS: NumberParamSpecs<WeightDecayParams> = {
  steps: { kind: 'number', min: 1, max: 100_000, integer: true, help: 'training steps of each run' },
  every: { kind: 'number', min: 1, max: 100_000, integer: true, help: 'measure every this many steps' },
  decays: { kind: 'list', min: 0, max: 0.1, maxCount: 8, help: 'weight decays lambda, one run each' },
  layer: { kind: 'number', min: 1, max: 64, integer: true, help: 'hidden layer the charts follow' },
};

/** 0, 1e-4, 1e-3 and 5e-3 (the weight-decay preset's): none, too little to matter, and enough to change the run. */
export const DEFAULT_DECAYS: readonly number[] = [0, 0.0001, 0.001, 0.005];

function defaults(config: ExperimentConfig): WeightDecayParams {
  return { steps: 3000, every: 250, decays: [...DEFAULT_DECAYS], layer: Math.min(2, config.depth) };
}

/** Network-steps of the job: the twins, each step of each run. */
function cost(params: WeightDecayParams): number {
  return params.decays.length * params.steps * DEFAULT_VARIANTS.length;
}

/** A Run's figures as the job reports them. */
function networkOf(id: NetworkId, run: Run): WeightDecayNetwork {
  return {
    id,
    steps: run.steps,
    testAccuracy: run.testAccuracy,
    weightNorm: run.weightNorm ?? [],
    effectiveStep: run.effectiveStep ?? [],
    divergedAt: run.diverged?.step ?? null,
  };
}

/** Train the twins of `config` at weight decay `weightDecay`, measuring every `every` steps; progress in network-steps from `done` of `total`. */
async function runAtDecay(
  config: ExperimentConfig, weightDecay: number, params: WeightDecayParams, data: Parameters<typeof createSession>[1],
  context: LabContext, done: number, total: number,
): Promise<WeightDecayRun> {
  // Every run from the experiment's seed: the same initial weights and the same batches, whatever the decay.
  const session = createSession({ ...config, weightDecay, evalEvery: params.every, maxSteps: params.steps }, data, { variants: DEFAULT_VARIANTS });
  const runs = new Map<NetworkId, Run>(DEFAULT_VARIANTS.map((variant) => [variant.id, emptyRun()]));
  const record = (): void => {
    const snapshot = session.snapshot(0);
    for (const [id, run] of runs) recordFrame(run, snapshot, id);
  };
  const perStep = DEFAULT_VARIANTS.length;
  while (session.step < params.steps && !session.allDiverged) {
    const nextMeasure = Math.min(params.steps, (Math.floor(session.step / params.every) + 1) * params.every);
    session.advance(Math.min(PROGRESS_EVERY_STEPS, nextMeasure - session.step));
    if (session.step === nextMeasure) record();
    await context.progress(done + session.step * perStep, total);
  }
  if (session.allDiverged) record();
  return { weightDecay, networks: [...runs].map(([id, run]) => networkOf(id, run)) };
}

/** The weight-decay sweep. */
export const weightDecayJob: LabJob<WeightDecayParams, WeightDecayResult> = {
  id: 'weight-decay',
  title: 'Weight decay and the effective step',
  summary: 'Both networks train at each weight decay lambda, from the same initial weights and batches. '
    + 'A layer followed by BN is blind to the scale of its weights W, so its gradient shrinks as 1/‖W‖ and a step of size η turns W '
    + 'by about η / ‖W‖² (van Laarhoven 2017). Weight decay shrinks ‖W‖, so with BN it raises this effective step rather than '
    + 'simplifying what the layer computes; without BN it pulls the weights, and what they compute, toward zero.',
  defaults,
  parse: (raw, config) => parseNumberParams(raw, defaults(config), SPECS),
  encode: (params, config) => encodeNumberParams(params, defaults(config)),
  cost,
  async run(params: WeightDecayParams, config: ExperimentConfig, context: LabContext): Promise<WeightDecayResult> {
    const data = await context.dataset(config);
    const total = cost(params);
    const runs: WeightDecayRun[] = [];
    for (const [index, decay] of params.decays.entries()) {
      runs.push(await runAtDecay(config, decay, params, data, context, index * params.steps * DEFAULT_VARIANTS.length, total));
    }
    await context.progress(total, total);
    return {
      steps: params.steps, every: params.every, learningRate: config.learningRate,
      layer: Math.max(1, Math.min(params.layer, config.depth)), depth: config.depth, runs,
    };
  },
};

/** A figure with two significant digits, never in exponent notation. */
function figure(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) return '< 0.0001';
  return String(Number(value.toPrecision(2)));
}

const last = <T>(values: readonly T[]): T | undefined => values[values.length - 1];

/**
 * What this result shows, computed from it: for the smallest and the largest decay, the followed
 * layer's final ||W|| and effective step with BN, and each network's final test accuracy.
 */
export function weightDecayVerdict(result: WeightDecayResult): string {
  if (result.runs.length === 0) return 'No weight decay was run.';
  const order = [...result.runs].sort((a, b) => a.weightDecay - b.weightDecay);
  const low = order[0];
  const high = order[order.length - 1];
  const layerIdx = result.layer - 1;
  const finalOf = (run: WeightDecayRun, id: NetworkId) => {
    const network = run.networks.find((n) => n.id === id);
    if (!network || network.divergedAt !== null) return null;
    const norm = last(network.weightNorm[layerIdx] ?? []);
    const step = last(network.effectiveStep[layerIdx] ?? []);
    const accuracy = last(network.testAccuracy);
    return norm === undefined || accuracy === undefined ? null : { norm, step: step ?? null, accuracy };
  };
  const pct = (share: number): string => `${Math.round(100 * share)}%`;
  const at = `after ${result.steps.toLocaleString('en-US')} steps`;
  const [bnLow, bnHigh, plainLow, plainHigh] = [finalOf(low, 'bn'), finalOf(high, 'bn'), finalOf(low, 'plain'), finalOf(high, 'plain')];
  if (low === high) {
    return bnLow && bnLow.step !== null
      ? `With BN and weight decay ${figure(low.weightDecay)}, hidden layer ${result.layer} ended with ‖W‖ ${figure(bnLow.norm)} and an effective step of ${figure(bnLow.step)} ${at}.`
      : `Add a second weight decay to compare.`;
  }
  const parts: string[] = [];
  if (bnLow && bnHigh && bnLow.step !== null && bnHigh.step !== null) {
    const ratio = bnHigh.step / bnLow.step;
    const direction = ratio >= 1.1 ? `${figure(ratio)} times larger` : ratio <= 1 / 1.1 ? `${figure(1 / ratio)} times smaller` : 'about the same';
    parts.push(`With BN, weight decay ${figure(high.weightDecay)} against ${figure(low.weightDecay)} left hidden layer ${result.layer}'s ‖W‖ at `
      + `${figure(bnHigh.norm)} against ${figure(bnLow.norm)} ${at}, so its effective step η / ‖W‖² is ${direction} (${figure(bnHigh.step)} against ${figure(bnLow.step)}); `
      + `its test accuracy ${pct(bnHigh.accuracy)} against ${pct(bnLow.accuracy)}.`);
  } else {
    parts.push('The BN network diverged in one of the runs, so its weight norms do not compare.');
  }
  if (plainLow && plainHigh) {
    parts.push(`Without BN, test accuracy went from ${pct(plainLow.accuracy)} to ${pct(plainHigh.accuracy)} and the same layer's ‖W‖ from ${figure(plainLow.norm)} to ${figure(plainHigh.norm)}.`);
  }
  return parts.join(' ');
}
