/**
 * The run's data in the headless CLI's schema (`{ config, plain: Run, bn: Run }`, src/cli/runner.ts
 * RunRecord), built from the store's history. Evaluation points are the test steps that also have a
 * kept snapshot (the snapshot the test evaluation was taken in): there the history holds everything a
 * Run point needs, measured on the same weights as the CLI's point at that step.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId, Run } from '../experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';

/** The CLI's output file (same shape as RunRecord in src/cli/runner.ts, which imports Node). */
export type RunFile = { config: ExperimentConfig } & Partial<Record<NetworkId, Run>>;

/**
 * One network's Run from its history, point by point as src/experiment/run.ts recordFrame builds
 * it: a point per test evaluation with a kept snapshot at its step, a training loss and tracked
 * percentiles of the unit `tracked` now follows; `diverged` when the network diverged.
 */
export function historyToRun(network: NetworkHistory, tracked: { layer: number; unit: number }): Run {
  const run: Run = {
    steps: [],
    trainLoss: [],
    testAccuracy: [],
    testLoss: [],
    trackedUnit: { layer: tracked.layer, unit: tracked.unit, p15: [], p50: [], p85: [] },
    saturation: network.layers.map(() => []),
    drift: network.layers.map(() => []),
  };
  const snapshotAt = new Map<number, number>();
  network.steps.forEach((step, i) => snapshotAt.set(step, i));
  network.testSteps.forEach((step, k) => {
    const i = snapshotAt.get(step);
    if (i === undefined) return;
    const trainLoss = network.trainLoss[i];
    const percentiles = network.tracked[i];
    const accuracy = network.testAccuracy[k];
    const loss = network.testLoss[k];
    if (trainLoss === null || trainLoss === undefined || !percentiles) return;
    if (![trainLoss, accuracy, loss, percentiles.p15, percentiles.p50, percentiles.p85].every(Number.isFinite)) return;
    run.steps.push(step);
    run.trainLoss.push(trainLoss);
    run.testAccuracy.push(accuracy);
    run.testLoss.push(loss);
    run.trackedUnit.p15.push(percentiles.p15);
    run.trackedUnit.p50.push(percentiles.p50);
    run.trackedUnit.p85.push(percentiles.p85);
    network.layers.forEach((layer, layerIdx) => {
      run.saturation[layerIdx].push(layer.saturation[i] ?? 0);
      run.drift[layerIdx].push(layer.drift[i] ?? 0);
    });
  });
  // recordFrame creates a layer's arrays at its first point: a run without points has none.
  if (run.steps.length === 0) {
    run.saturation = [];
    run.drift = [];
  }
  if (network.status.type === 'diverged') run.diverged = { step: network.status.step };
  return run;
}

/** The whole run as the CLI writes it: the config, then one Run per network in display order. */
export function historyToRunFile(history: RunHistory, config: ExperimentConfig): RunFile {
  const file: RunFile = { config: { ...config } };
  for (const network of history.networks) file[network.id] = historyToRun(network, history.tracked);
  return file;
}

/** The networks a run file holds, in the order of its keys. */
export function networksOf(file: RunFile): NetworkId[] {
  return (Object.keys(file) as string[]).filter((key): key is NetworkId => key === 'plain' || key === 'bn' || key === 'noisy');
}
