/**
 * 'gradient-ics': Santurkar et al.'s (2018) Definition 2.1, internal covariate shift measured
 * through gradients. For hidden or output layer i at step t, on the step's batch (x_t, y_t):
 * G = dL/dW_i at the parameters before the step, and G' = the same gradient after only the layers
 * before i (their dense weights and biases, BN gamma and beta) have taken the step's update.
 * ||G - G'||_2 = 0 and cos(G, G') = 1 would be no shift at all. The run is the live view's
 * (same seed, weights and batches); the extra passes go to scratch networks.
 */
import type { Batch, ParameterMap } from '../engine/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { PAPER_NETWORK_IDS } from '../experiment/types.ts';
import type { GradientEvaluator, LabMember, MeasurementCost } from './santurkarTraining.ts';
import {
  copyParameters, costUnits, createGradientEvaluator, createLabTrainer, drawKeyFor, measurementSteps, plannedCost, spentSoFar,
} from './santurkarTraining.ts';
import type { MeasuredRunParams } from './santurkarParams.ts';
import { encodeParams, parseParams, RUN_SPECS } from './santurkarParams.ts';
import type { LabContext, LabJob } from './types.ts';
import { cosine, distance, finiteOrNull, norm } from './vectors.ts';

/** Parameters of 'gradient-ics'. */
export type GradientIcsParams = MeasuredRunParams;

/** One layer's measurements, one entry per measurement step (null where the network had diverged). */
export interface GradientIcsLayer {
  /** The weight the gradients are taken of, e.g. 'dense2.weight'. */
  name: string;
  /** ||G - G'||_2. */
  distance: (number | null)[];
  /** cos(G, G'); null also when G or G' is zero. */
  cosine: (number | null)[];
  /** ||G||_2, the scale ||G - G'|| compares with. */
  gradientNorm: (number | null)[];
}

/** One network's measurements. */
export interface GradientIcsNetwork {
  id: NetworkId;
  /** Step whose training loss became NaN or infinite, or null. */
  divergedAt: number | null;
  /** Per dense layer, input side first; the last is the output layer. */
  layers: GradientIcsLayer[];
}

/** Result of 'gradient-ics'. */
export interface GradientIcsResult {
  /** The steps measured (the step whose update G' sees). */
  steps: number[];
  networks: GradientIcsNetwork[];
  cost: MeasurementCost;
}

/** The index of the layer a parameter belongs to ('dense2.weight', 'bn2.gamma' -> 2). */
export function layerOf(name: string): number {
  const match = /^(?:dense|bn)(\d+)\./.exec(name);
  if (match === null) throw new RangeError(`not a layer parameter: ${name}`);
  return Number(match[1]);
}

/** Parameters of layers < `layerIdx` from `after`, the rest from `before`: where G' of layer `layerIdx` is taken. */
export function mixParameters(before: ParameterMap, after: ParameterMap, layerIdx: number): ParameterMap {
  const mixed: ParameterMap = {};
  for (const name of Object.keys(before)) mixed[name] = layerOf(name) < layerIdx ? after[name] : before[name];
  return mixed;
}

/** Number of dense layers of a parameter map. */
function denseCount(parameters: ParameterMap): number {
  return Object.keys(parameters).filter((name) => /^dense\d+\.weight$/.test(name)).length;
}

/**
 * G and G' of every layer at one step: `before` and `after` are the parameters around the step on
 * `batch`; returns per layer [||G - G'||, cos(G, G'), ||G||], null where not finite.
 */
export function measureGradientIcs(
  evaluator: GradientEvaluator, before: ParameterMap, after: ParameterMap, batch: Batch, drawKey: number,
): [number | null, number | null, number | null][] {
  const g = evaluator.at(before, batch, drawKey).gradients;
  return Array.from({ length: denseCount(before) }, (_, layerIdx) => {
    const weight = `dense${layerIdx}.weight`;
    const gPrime = evaluator.at(mixParameters(before, after, layerIdx), batch, drawKey).gradients;
    return [finiteOrNull(distance(g[weight], gPrime[weight])), finiteOrNull(cosine(g[weight], gPrime[weight])), finiteOrNull(norm(g[weight]))];
  });
}

/** Extra passes of one measurement of one network with `numDense` dense layers: G, then G' per layer. */
export function icsPassesPerMeasurement(numDense: number): number {
  return numDense + 1;
}

/** Cost in step-equivalents of `params` on `config` (training + measurements), as the panel shows it. */
export function gradientIcsCost(params: GradientIcsParams, config: ExperimentConfig): MeasurementCost {
  const measurements = measurementSteps(params.steps, params.every).length;
  return plannedCost(params.networks, params.steps, measurements, icsPassesPerMeasurement(config.depth + 1));
}

/** Trains `params.networks` on `config` and measures gradient ICS every `params.every` steps. */
export async function runGradientIcs(params: GradientIcsParams, config: ExperimentConfig, context: LabContext): Promise<GradientIcsResult> {
  const data = await context.dataset(config);
  const trainer = createLabTrainer(config, data, params.networks);
  const evaluators = trainer.members.map((member) => createGradientEvaluator(member.networkConfig));
  const steps = measurementSteps(params.steps, params.every);
  const numDense = config.depth + 1;
  const networks: GradientIcsNetwork[] = trainer.members.map((member) => ({
    id: member.id,
    divergedAt: null,
    layers: Array.from({ length: numDense }, (_, layerIdx) => ({ name: `dense${layerIdx}.weight`, distance: [], cosine: [], gradientNorm: [] })),
  }));
  const totalUnits = costUnits(gradientIcsCost(params, config));
  let next = 0;
  for (let step = 1; step <= params.steps; step++) {
    const batch = trainer.nextBatch();
    const measuring = steps[next] === step;
    const before = trainer.members.map((member) => (measuring && member.divergedAt === null ? copyParameters(member.network) : null));
    trainer.train(batch);
    if (measuring) {
      trainer.members.forEach((member, index) => record(networks[index], member, before[index], evaluators[index], batch, drawKeyFor(config.seed, step)));
      next++;
      await context.progress(costUnits(spentSoFar(trainer, evaluators)), totalUnits);
    } else if (step % 4 === 0) {
      await context.progress(costUnits(spentSoFar(trainer, evaluators)), totalUnits);
    }
  }
  networks.forEach((network, index) => (network.divergedAt = trainer.members[index].divergedAt));
  return { steps, networks, cost: spentSoFar(trainer, evaluators) };
}

/** Appends one measurement of `member` (nulls when it had diverged before or at this step). */
function record(
  target: GradientIcsNetwork, member: LabMember, before: ParameterMap | null, evaluator: GradientEvaluator, batch: Batch, drawKey: number,
): void {
  const values = before !== null && member.divergedAt === null
    ? measureGradientIcs(evaluator, before, copyParameters(member.network), batch, drawKey)
    : target.layers.map(() => [null, null, null] as const);
  values.forEach(([d, c, n], layerIdx) => {
    const layer = target.layers[layerIdx];
    layer.distance.push(d);
    layer.cosine.push(c);
    layer.gradientNorm.push(n);
  });
}

const defaults = (): GradientIcsParams => ({ steps: 2000, every: 100, networks: [...PAPER_NETWORK_IDS] });

/** The 'gradient-ics' lab job. */
export const gradientIcsJob: LabJob<GradientIcsParams, GradientIcsResult> = {
  id: 'gradient-ics',
  title: 'Gradient ICS (Santurkar et al., Definition 2.1)',
  summary: 'How much does one layer\'s gradient change when only the layers before it take their step? '
    + 'Santurkar et al. (2018) found this "internal covariate shift" is not smaller with BN, often larger, '
    + 'so reducing it is not how BN helps.',
  defaults,
  parse: (raw) => parseParams(raw, defaults(), RUN_SPECS),
  encode: (params) => encodeParams(params, defaults()),
  cost: (params, config) => costUnits(gradientIcsCost(params, config)),
  run: runGradientIcs,
};
