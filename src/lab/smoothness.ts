/**
 * 'smoothness': Santurkar et al.'s (2018) Figure 4, the loss landscape along the gradient. At
 * measurement step t, at the parameters theta before the step and on the step's batch, with
 * g = grad L(theta), probe theta - eta g for K step sizes eta from minFactor to maxFactor times the
 * learning rate (geometric), and report (a) the loss band min..max over the probes, (b) the
 * "gradient predictiveness" band of ||g - grad L(theta - eta g)||_2, and (c) the effective
 * beta-smoothness max ||g - grad L(theta - eta g)|| / ||eta g||. Gradients and moves span every
 * trainable parameter (dense weights and biases, BN gamma and beta).
 */
import type { Batch, ParameterMap } from '../engine/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { PAPER_NETWORK_IDS } from '../experiment/types.ts';
import type { MeasuredRunParams, NumberSpec } from './santurkarParams.ts';
import { encodeParams, parseParams, RUN_SPECS } from './santurkarParams.ts';
import type { GradientEvaluator, MeasurementCost } from './santurkarTraining.ts';
import {
  copyParameters, costUnits, createGradientEvaluator, createLabTrainer, drawKeyFor, measurementSteps, plannedCost, spentSoFar, trainableNames,
} from './santurkarTraining.ts';
import type { LabContext, LabJob } from './types.ts';
import { finiteOrNull, mapDistance, mapNorm } from './vectors.ts';

/** Parameters of 'smoothness'. */
export interface SmoothnessParams extends MeasuredRunParams {
  /** Step sizes probed per measurement (K). */
  probes: number;
  /** Smallest probed step, in learning rates (theirs 1/2). */
  minFactor: number;
  /** Largest probed step, in learning rates (theirs 4). */
  maxFactor: number;
}

/** One measurement of one network; every field null when the network had diverged or a value was not finite. */
export interface SmoothnessPoint {
  /** L(theta) on the step's batch (training mode). */
  loss: number | null;
  /** ||g||_2. */
  gradientNorm: number | null;
  /** min and max of L(theta - eta g) over the probed etas. */
  lossMin: number | null;
  lossMax: number | null;
  /** min and max of ||g - grad L(theta - eta g)||_2 over the probed etas. */
  gradientChangeMin: number | null;
  gradientChangeMax: number | null;
  /** max over the probed etas of ||g - grad L(theta - eta g)|| / ||eta g||. */
  beta: number | null;
}

/** One network's measurements over training. */
export interface SmoothnessNetwork {
  id: NetworkId;
  /** Step whose training loss became NaN or infinite, or null. */
  divergedAt: number | null;
  /** One point per measurement step. */
  points: SmoothnessPoint[];
}

/** Result of 'smoothness'. */
export interface SmoothnessResult {
  /** The steps measured (at the parameters before that step's update). */
  steps: number[];
  /** The probed step sizes eta. */
  etas: number[];
  networks: SmoothnessNetwork[];
  cost: MeasurementCost;
}

/** The step sizes probed: `probes` values from minFactor to maxFactor times `learningRate`, geometric. */
export function probeEtas(learningRate: number, probes: number, minFactor: number, maxFactor: number): number[] {
  if (probes === 1) return [learningRate * minFactor];
  return Array.from({ length: probes }, (_, k) => learningRate * minFactor * (maxFactor / minFactor) ** (k / (probes - 1)));
}

/** theta - eta g on the trainable arrays `names`, other arrays (running statistics) as in theta. */
export function moveAlong(theta: ParameterMap, g: ParameterMap, eta: number, names: readonly string[]): ParameterMap {
  const moved: ParameterMap = { ...theta };
  for (const name of names) {
    const values = theta[name].slice();
    const gradient = g[name];
    for (let i = 0; i < values.length; i++) values[i] -= eta * gradient[i];
    moved[name] = values;
  }
  return moved;
}

const NULL_POINT: SmoothnessPoint = {
  loss: null, gradientNorm: null, lossMin: null, lossMax: null, gradientChangeMin: null, gradientChangeMax: null, beta: null,
};

/** The Figure 4 quantities at `theta` on `batch` (K + 1 passes); nulls for any value that is not finite. */
export function measureSmoothness(evaluator: GradientEvaluator, theta: ParameterMap, batch: Batch, etas: readonly number[], drawKey: number): SmoothnessPoint {
  const base = evaluator.at(theta, batch, drawKey);
  const names = trainableNames(base.gradients);
  const gradientNorm = mapNorm(base.gradients, names);
  if (!Number.isFinite(base.loss) || !Number.isFinite(gradientNorm)) return NULL_POINT;
  const losses: number[] = [];
  const changes: number[] = [];
  const ratios: number[] = [];
  for (const eta of etas) {
    const probe = evaluator.at(moveAlong(theta, base.gradients, eta, names), batch, drawKey);
    const change = mapDistance(base.gradients, probe.gradients, names);
    losses.push(probe.loss);
    changes.push(change);
    ratios.push(change / (eta * gradientNorm));
  }
  // A loop, not Math.min(...values): no argument list as long as the data.
  const range = (values: number[]): [number | null, number | null] =>
    values.every(Number.isFinite) ? values.reduce<[number, number]>(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]) : [null, null];
  const [lossMin, lossMax] = range(losses);
  const [gradientChangeMin, gradientChangeMax] = range(changes);
  return { loss: base.loss, gradientNorm, lossMin, lossMax, gradientChangeMin, gradientChangeMax, beta: finiteOrNull(range(ratios)[1]) };
}

/** Cost in step-equivalents of `params` on `config` (training + probes). */
export function smoothnessCost(params: SmoothnessParams, _config: ExperimentConfig): MeasurementCost {
  return plannedCost(params.networks, params.steps, measurementSteps(params.steps, params.every).length, params.probes + 1);
}

/** Trains `params.networks` on `config` and probes the landscape every `params.every` steps. */
export async function runSmoothness(params: SmoothnessParams, config: ExperimentConfig, context: LabContext): Promise<SmoothnessResult> {
  const data = await context.dataset(config);
  const trainer = createLabTrainer(config, data, params.networks);
  const evaluators = trainer.members.map((member) => createGradientEvaluator(member.networkConfig));
  const steps = measurementSteps(params.steps, params.every);
  const etas = probeEtas(config.learningRate, params.probes, params.minFactor, params.maxFactor);
  const networks: SmoothnessNetwork[] = trainer.members.map((member) => ({ id: member.id, divergedAt: null, points: [] }));
  const totalUnits = costUnits(smoothnessCost(params, config));
  let next = 0;
  for (let step = 1; step <= params.steps; step++) {
    const batch = trainer.nextBatch();
    if (steps[next] === step) {
      trainer.members.forEach((member, index) => {
        networks[index].points.push(member.divergedAt === null
          ? measureSmoothness(evaluators[index], copyParameters(member.network), batch, etas, drawKeyFor(config.seed, step))
          : NULL_POINT);
      });
      next++;
      await context.progress(costUnits(spentSoFar(trainer, evaluators)), totalUnits);
    } else if (step % 4 === 0) {
      await context.progress(costUnits(spentSoFar(trainer, evaluators)), totalUnits);
    }
    trainer.train(batch);
  }
  networks.forEach((network, index) => (network.divergedAt = trainer.members[index].divergedAt));
  return { steps, etas, networks, cost: spentSoFar(trainer, evaluators) };
}

const SPECS: Readonly<Record<string, NumberSpec>> = {
  ...RUN_SPECS,
  probes: { min: 1, max: 32, integer: true },
  minFactor: { min: 1e-3, max: 100, integer: false },
  maxFactor: { min: 1e-3, max: 100, integer: false },
};

const defaults = (): SmoothnessParams => ({ steps: 2000, every: 100, probes: 8, minFactor: 0.5, maxFactor: 4, networks: [...PAPER_NETWORK_IDS] });

/** The 'smoothness' lab job. */
export const smoothnessJob: LabJob<SmoothnessParams, SmoothnessResult> = {
  id: 'smoothness',
  title: 'Loss landscape along the gradient (Santurkar et al., Figure 4)',
  summary: 'Step along the gradient by 1/2 to 4 learning rates and watch the loss and the gradient change: '
    + 'Santurkar et al. (2018) found both vary less with BN (a smoother landscape), which is how they explain why BN helps.',
  defaults,
  parse(raw) {
    const parsed = parseParams(raw, defaults(), SPECS);
    if (parsed.params.minFactor > parsed.params.maxFactor) {
      parsed.errors.push(`minFactor (${parsed.params.minFactor}) is above maxFactor (${parsed.params.maxFactor}); using 0.5 and 4`);
      parsed.params.minFactor = 0.5;
      parsed.params.maxFactor = 4;
    }
    return parsed;
  },
  encode: (params) => encodeParams(params, defaults()),
  cost: (params, config) => costUnits(smoothnessCost(params, config)),
  run: runSmoothness,
};
