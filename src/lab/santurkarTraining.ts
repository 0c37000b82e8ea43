/**
 * The training run inside the Santurkar et al. lab jobs: the live view's networks, weights and
 * mini-batches (createSession's recipe: createNetwork(networkConfigFor(...)) per variant and one
 * createBatchSampler(train, batchSize, batchSeedFor(seed)) shared by all), stepped in lockstep,
 * plus scratch networks that evaluate gradients at given parameters without touching the run.
 */
import { createBatchSampler } from '../data/batches.ts';
import type { Dataset } from '../data/types.ts';
import { createNetwork } from '../engine/index.ts';
import type { Batch, Network, NetworkConfig, ParameterMap } from '../engine/types.ts';
import { batchSeedFor } from '../experiment/session.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { ALL_VARIANTS, networkConfigFor } from '../experiment/variants.ts';

/** One trained network of the run. */
export interface LabMember {
  id: NetworkId;
  network: Network;
  /** The engine config it was built from (scratch networks copy it). */
  networkConfig: NetworkConfig;
  /** Step at which its training loss became NaN or infinite (training then stops), or null. */
  divergedAt: number | null;
}

/** The networks of `ids` trained on the session's batches. */
export interface LabTrainer {
  /** Steps taken so far. */
  readonly step: number;
  readonly members: readonly LabMember[];
  /** The batch of step `step + 1` (the sampler's buffer: use it before the next call). */
  nextBatch(): Batch;
  /** One SGD step of every live member on `batch` (as Session.advance); returns each member's loss (null if not trained). */
  train(batch: Batch): (number | null)[];
}

/** Builds the networks `ids` of `config` on `data`, in ALL_VARIANTS order, exactly as createSession does. */
export function createLabTrainer(config: ExperimentConfig, data: Dataset, ids: readonly NetworkId[]): LabTrainer {
  const members: LabMember[] = ALL_VARIANTS.filter((variant) => ids.includes(variant.id)).map((variant) => {
    const networkConfig = networkConfigFor(config, data.inputs, data.classes, variant);
    return { id: variant.id, network: createNetwork(networkConfig), networkConfig, divergedAt: null };
  });
  const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
  const stepOptions = { learningRate: config.learningRate, momentum: config.momentum };
  let step = 0;
  return {
    get step() {
      return step;
    },
    members,
    nextBatch: () => sampler.next(),
    train(batch: Batch): (number | null)[] {
      step++;
      return members.map((member) => {
        if (member.divergedAt !== null) return null;
        const { loss } = member.network.trainStep(batch, stepOptions);
        if (!Number.isFinite(loss)) member.divergedAt = step;
        return loss;
      });
    },
  };
}

/** A copy of every parameter and running statistic of `network`. */
export function copyParameters(network: Network): ParameterMap {
  const copy: ParameterMap = {};
  for (const [name, values] of Object.entries(network.parameters())) copy[name] = values.slice();
  return copy;
}

/** Writes `parameters` into `network` (same architecture). */
export function loadParameters(network: Network, parameters: ParameterMap): void {
  const live = network.parameters();
  for (const [name, values] of Object.entries(parameters)) {
    const target = live[name] as Float32Array | undefined;
    if (target === undefined || target.length !== values.length) throw new RangeError(`parameter ${name} does not fit the scratch network`);
    target.set(values);
  }
}

/** Evaluates loss and gradients at given parameters on scratch networks; the trained network is never touched. */
export interface GradientEvaluator {
  /**
   * Loss and gradients (training mode, as lossAndGradients) at `parameters` on `batch`. With BN
   * noise, every call with the same `drawKey` sees the same noise draw, so two calls differ only
   * by their parameters.
   */
  at(parameters: ParameterMap, batch: Batch, drawKey: number): { loss: number; gradients: ParameterMap };
  /** Forward+backward passes run so far. */
  readonly passes: number;
  /** Scratch networks built so far. */
  readonly builds: number;
}

/**
 * A GradientEvaluator for networks of `networkConfig`. Without BN noise one scratch network serves
 * every call. With noise (a fresh draw per training-mode pass, from a stream the API cannot rewind),
 * each call builds a fresh network whose noise stream is seeded by `drawKey`, then loads the parameters.
 */
export function createGradientEvaluator(networkConfig: NetworkConfig): GradientEvaluator {
  const noisy = networkConfig.bnNoise !== undefined && networkConfig.bnNoise !== null;
  let scratch: Network | null = null;
  let passes = 0;
  let builds = 0;
  const build = (seed: number): Network => {
    builds++;
    return createNetwork({ ...networkConfig, seed });
  };
  return {
    at(parameters, batch, drawKey) {
      const network = noisy ? build(drawKey) : (scratch ??= build(networkConfig.seed));
      loadParameters(network, parameters);
      passes++;
      return network.lossAndGradients(batch);
    },
    get passes() {
      return passes;
    },
    get builds() {
      return builds;
    },
  };
}

/** Measurement steps of a run of `steps` steps measured every `every`: step 1 (the start), then every multiple of `every`. */
export function measurementSteps(steps: number, every: number): number[] {
  const result: number[] = [];
  for (let step = 1; step <= steps; step++) if (step === 1 || step % every === 0) result.push(step);
  return result;
}

/** Names of the trainable arrays of a parameter map (everything but BN's running statistics), in map order. */
export function trainableNames(parameters: ParameterMap): string[] {
  return Object.keys(parameters).filter((name) => !name.endsWith('.runningMean') && !name.endsWith('.runningVar'));
}

/** The seed of the BN-noise draw shared by the passes of one measurement at `step` of a run seeded `seed`. */
export function drawKeyFor(seed: number, step: number): number {
  return (Math.imul(Math.trunc(seed) >>> 0, 0x9e3779b1) + step * 7919 + 104729) >>> 0;
}

/** What a Santurkar job's run costs, in units of one network's training step (one forward+backward pass). */
export interface MeasurementCost {
  /** Training steps, summed over networks. */
  trainingSteps: number;
  /** Extra forward+backward passes of the measurements, summed over networks. */
  extraPasses: number;
  /** Scratch networks built (noisy BN needs one per pass to replay its noise draw). */
  networkBuilds: number;
}

/** Building a scratch network costs about this many training steps (784-100-100-100-10 on the fast path, measured in Node). */
export const BUILD_STEP_EQUIVALENTS = 3;

/**
 * The cost of training `networks` for `steps` steps with `measurements` measurements of
 * `passesPerMeasurement` passes each: one scratch network per network without noise, one per pass with.
 */
export function plannedCost(networks: readonly NetworkId[], steps: number, measurements: number, passesPerMeasurement: number): MeasurementCost {
  const passes = measurements * passesPerMeasurement;
  const builds = networks.reduce((sum, id) => sum + (id === 'noisy' ? passes : Math.min(1, passes)), 0);
  return { trainingSteps: steps * networks.length, extraPasses: passes * networks.length, networkBuilds: builds };
}

/** A cost in step-equivalents: training steps + extra passes + builds x BUILD_STEP_EQUIVALENTS. */
export function costUnits(cost: MeasurementCost): number {
  return cost.trainingSteps + cost.extraPasses + BUILD_STEP_EQUIVALENTS * cost.networkBuilds;
}

/** What `trainer` and `evaluators` have spent so far. */
export function spentSoFar(trainer: LabTrainer, evaluators: readonly GradientEvaluator[]): MeasurementCost {
  const live = trainer.members.reduce((sum, member) => sum + (member.divergedAt === null ? trainer.step : member.divergedAt), 0);
  return {
    trainingSteps: live,
    extraPasses: evaluators.reduce((sum, e) => sum + e.passes, 0),
    networkBuilds: evaluators.reduce((sum, e) => sum + e.builds, 0),
  };
}
