/**
 * The shape of a run's history as the store keeps it and the charts read it.
 * Columns are snapshots; the store thins them (drops every other one) when a cap is reached,
 * so a run of any length fits in a few MB and still draws from step 0.
 */
import type { HistogramBins, NetworkId, NetworkStatus, TrackedPercentiles } from '../experiment/types.ts';

/** One network's history: parallel arrays over kept snapshots. */
export interface NetworkHistory {
  id: NetworkId;
  /** Step of each kept snapshot. */
  steps: number[];
  trainLoss: (number | null)[];
  /** Test evaluations (inference mode): their own step axis, thinned the same way. */
  testSteps: number[];
  testLoss: number[];
  testAccuracy: number[];
  /** Per hidden layer, one histogram column per kept snapshot (counts of the run's fixed bins, edges included). */
  layers: LayerHistory[];
  /** Tracked-unit percentiles per kept snapshot (null where unavailable). */
  tracked: (TrackedPercentiles | null)[];
  status: NetworkStatus;
}

/** One hidden layer over time. */
export interface LayerHistory {
  /** One Uint32Array per kept snapshot: [under, counts..., over], length bins.count + 2. */
  columns: Uint32Array[];
  mean: number[];
  std: number[];
  drift: number[];
  saturation: number[];
}

/** The whole run as the charts see it. */
export interface RunHistory {
  runId: number;
  bins: HistogramBins;
  hiddenUnits: number[];
  tracked: { layer: number; unit: number };
  networks: NetworkHistory[];
  /** Bumped on every change, so subscribers can tell a new frame cheaply. */
  version: number;
}
