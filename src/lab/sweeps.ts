/**
 * Sweeps of section 3.3's claims, "higher learning rates" and "less care at initialisation":
 * the plain and BN twins trained for a short run at each of several values of one setting,
 * and how each ended (test accuracy, train loss, divergence).
 */
import { DEFAULT_CONFIG } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { NETWORK_IDS } from '../experiment/types.ts';
import { runShort, shortRunCost } from './runShort.ts';
import type { ShortRunOutcome } from './runShort.ts';
import { encodeSweepParams, parseSweepParams } from './sweepParams.ts';
import type { SweepParams, SweepUnits } from './sweepParams.ts';
import type { LabContext, LabJob } from './types.ts';

export type { SweepParams, SweepUnits } from './sweepParams.ts';
export type { ShortRunOutcome } from './runShort.ts';

/** The settings a sweep can scan. */
export type SweptSetting = 'learningRate' | 'initScale';

/** One value of the swept setting and how each network ended its short run there. */
export interface SweepPoint {
  /** The multiplier of the experiment's value. */
  factor: number;
  /** The value the run used: factor x the experiment's value. */
  value: number;
  /** Per network (plain, bn). */
  networks: Partial<Record<NetworkId, ShortRunOutcome>>;
}

/** A sweep's result: plain JSON, no NaN. */
export interface SweepResult {
  setting: SweptSetting;
  /** The experiment's value of the setting (factor 1). */
  base: number;
  /** Steps of each short run. */
  steps: number;
  /** The networks swept (SweepParams.units); absent in results saved before it existed: 'experiment'. */
  units?: SweepUnits;
  /** The networks, in display order. */
  networks: NetworkId[];
  /** One per factor, ascending. */
  points: SweepPoint[];
}

/** What distinguishes one sweep job from another. */
export interface SweepSpec {
  id: string;
  title: string;
  summary: string;
  setting: SweptSetting;
  factors: number[];
  steps: number;
  /** The networks the sweep runs unless told otherwise. */
  units: SweepUnits;
}

/**
 * The experiment's ReLU twin: ReLU units with He init at the paper's learning rate (0.5) as 1x;
 * an experiment already on ReLU with He init is kept as it is.
 */
export function reluTwin(config: ExperimentConfig): ExperimentConfig {
  if (config.activation === 'relu' && config.initScheme === 'he') return config;
  return { ...config, activation: 'relu', initScheme: 'he', initScale: 1, learningRate: DEFAULT_CONFIG.learningRate };
}

/** A lab job that runs the twins for `spec.steps` steps at each factor of `spec.setting`. */
export function createSweepJob(spec: SweepSpec): LabJob<SweepParams, SweepResult> {
  const defaults = (): SweepParams => ({ steps: spec.steps, factors: [...spec.factors], units: spec.units });
  return {
    id: spec.id,
    title: spec.title,
    summary: spec.summary,
    defaults,
    parse: (raw) => parseSweepParams(raw, defaults()),
    encode: (params) => encodeSweepParams(params, defaults()),
    cost: (params) => params.factors.length * shortRunCost(params.steps),
    async run(params: SweepParams, experiment: ExperimentConfig, context: LabContext): Promise<SweepResult> {
      const config = params.units === 'relu-he' ? reluTwin(experiment) : experiment;
      const data = await context.dataset(config);
      const base = config[spec.setting];
      const total = params.factors.length * shortRunCost(params.steps);
      const points: SweepPoint[] = [];
      for (const [index, factor] of params.factors.entries()) {
        const value = factor * base;
        const span = { done: index * shortRunCost(params.steps), total };
        points.push({ factor, value, networks: await runShort({ ...config, [spec.setting]: value }, data, params.steps, context, span) });
      }
      // An experiment that already is its ReLU twin was swept as it is: say so.
      const units = config === experiment ? 'experiment' : params.units;
      return { setting: spec.setting, base, steps: params.steps, units, networks: [...NETWORK_IDS], points };
    },
  };
}

/** Section 3.3, "higher learning rates": the twins at 0.01x to 30x the experiment's learning rate. */
export const lrSweepJob = createSweepJob({
  id: 'lr-sweep',
  title: 'Higher learning rates',
  summary: 'Both networks train for a short run at each learning rate, from 0.01x to 30x. '
    + 'The paper (section 3.3) says BN lets a network train at rates where the one without it stalls or diverges: '
    + 'look at where each line falls off, and where a cross marks a run whose loss blew up. '
    + 'By default the sweep runs the experiment\'s ReLU twin (ReLU units, He init, the paper\'s rate 0.5 as 1x), because a sigmoid '
    + 'network stalls at high rates instead of blowing up, and at 1,000 steps the plain sigmoid one is still near chance at most rates; '
    + 'units=experiment sweeps the experiment as it is.',
  setting: 'learningRate',
  factors: [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30],
  steps: 1000,
  units: 'relu-he',
});

/** Section 3.3, "less care at initialisation": the twins with every initial weight scaled by 0.1x to 100x. */
export const initSweepJob = createSweepJob({
  id: 'init-sweep',
  title: 'Less care at initialisation',
  summary: 'Both networks train for a short run with every initial weight multiplied by 0.1x to 100x. '
    + 'BN makes each hidden layer blind to the scale of its weights (section 3.3), so the BN line should stay flat, '
    + 'while the network without BN depends on the scale: too small and its signal fades, too large and its sigmoids saturate.',
  setting: 'initScale',
  factors: [0.1, 0.3, 1, 3, 10, 30, 100],
  steps: 1000,
  units: 'experiment',
});
