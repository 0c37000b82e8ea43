/**
 * The run's data in the headless CLI's schema (`{ config, plain: Run, bn: Run }`, src/cli/runner.ts
 * RunRecord), built from the store's history: one point per test evaluation that carries a run point
 * (RunPoint, measured at the evaluation's own step, as the CLI measures it), so the same link exports
 * the same points on every load, whatever the snapshots' timing.
 */
import { appendRunPoint, emptyRun } from '../experiment/run.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId, Run } from '../experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';

/** The CLI's output file (same shape as RunRecord in src/cli/runner.ts, which imports Node). */
export type RunFile = { config: ExperimentConfig } & Partial<Record<NetworkId, Run>>;

/**
 * One network's Run from its history, point by point as src/experiment/run.ts builds it: a point per
 * test evaluation with a run point of the unit `tracked` (points of a unit tracked before are left
 * out); `diverged` when the network diverged.
 */
export function historyToRun(network: NetworkHistory, tracked: { layer: number; unit: number }): Run {
  const run = emptyRun();
  run.trackedUnit.layer = tracked.layer;
  run.trackedUnit.unit = tracked.unit;
  network.testSteps.forEach((step, k) => {
    const point = network.testPoints?.[k];
    if (!point || point.trackedUnit.layer !== tracked.layer || point.trackedUnit.unit !== tracked.unit) return;
    const figures = [point.trainLoss, network.testAccuracy[k], network.testLoss[k], point.tracked.p15, point.tracked.p50, point.tracked.p85];
    if (!figures.every(Number.isFinite)) return;
    appendRunPoint(run, { step, loss: network.testLoss[k], accuracy: network.testAccuracy[k], point });
  });
  if (network.status.type === 'diverged') run.diverged = { step: network.status.step };
  return run;
}

/** The whole run as the CLI writes it: the config, then one Run per network in display order. */
export function historyToRunFile(history: RunHistory, config: ExperimentConfig): RunFile {
  const file: RunFile = { config: { ...config } };
  for (const network of history.networks) file[network.id] = historyToRun(network, history.tracked);
  return file;
}

/** The networks a run file holds, in display order (ALL_NETWORK_IDS). */
export function networksOf(file: RunFile): NetworkId[] {
  return ALL_NETWORK_IDS.filter((id) => id in file);
}
