/**
 * The shape of a run's history as the store keeps it and the charts read it.
 * Columns are snapshots; at a cap each new one evicts the kept one whose neighbours are closest,
 * so a run of any length fits in a few MB and still draws from step 0.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { BatchSample } from '../experiment/batchSample.ts';
import type { HistogramBins, NetworkId, NetworkStatus, RunPoint, TrackedPercentiles } from '../experiment/types.ts';
import type { SharedScaleChart, SharedScales } from '../url/sharedScales.ts';
import type { RunState } from '../worker/protocol.ts';

/** One network's history: parallel arrays over kept snapshots. */
export interface NetworkHistory {
  id: NetworkId;
  /** Step of each kept snapshot. */
  steps: number[];
  trainLoss: (number | null)[];
  /** Test evaluations (inference mode): their own step axis, capped the same way. */
  testSteps: number[];
  testLoss: number[];
  testAccuracy: number[];
  /** Per test evaluation, its run point (RunPoint: what an exported run file records there), or null; absent in histories made without them. */
  testPoints?: (RunPoint | null)[];
  /** Per hidden layer, one histogram column per kept snapshot (counts of the run's fixed bins, edges included). */
  layers: LayerHistory[];
  /** Tracked-unit percentiles per kept snapshot (null where unavailable). */
  tracked: (TrackedPercentiles | null)[];
  /** Per kept snapshot, the medians of the first units of the tracked layer (NetworkFrame.unitMedians); null where unavailable. */
  unitMedians?: (number[] | null)[];
  status: NetworkStatus;
}

/** One hidden layer over time. */
export interface LayerHistory {
  /** One Uint32Array per kept snapshot: [under, counts..., over], length bins.count + 2. */
  columns: Uint32Array[];
  /** Per kept snapshot, the histogram fitted to its own values (the charts' value ranges); absent in histories made without them. */
  fitted?: FittedHistogram[];
  mean: number[];
  std: number[];
  /** Scale-free shift over the last 1,000 steps (LayerStats.drift: in units of each unit's own spread). */
  drift: number[];
  /** The same movement in the input's own units (LayerStats.driftRaw). */
  driftRaw: number[];
  saturation: number[];
}

/** The whole run as the charts see it. */
export interface RunHistory {
  runId: number;
  bins: HistogramBins;
  hiddenUnits: number[];
  tracked: { layer: number; unit: number };
  networks: NetworkHistory[];
  /** The BN network's tracked unit on the latest training batch a snapshot carried (only the latest is kept); absent before one. */
  batch?: BatchSample;
  /** Bumped on every change, so subscribers can tell a new frame cheaply. */
  version: number;
}

/** A message shown to the user until dismissed (invalid URL values, restarts...). */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** The link's summary notice only (./linkNotice.ts): the problems it names, shown as a list under `text`. */
  items?: string[];
  /** The link's summary notice only: every problem reported, the ones not in `items` included. */
  linkProblems?: string[];
}

/** How a layer's histograms over time are drawn. */
export type HistogramMode = 'heatmap' | 'ridgeline';

/** The whole store: config, run, history and view slices, and the actions the UI calls. */
export interface ExperimentState {
  /** The experiment's settings (src/experiment/settings.ts). */
  config: ExperimentConfig;
  /** The preset the config came from (changed settings are kept over it in the URL); null = custom. */
  presetId: string | null;
  notices: Notice[];
  runState: RunState;
  step: number;
  stepsPerSecond: number;
  /** Compute kernel the worker reports, e.g. 'js'. */
  kernel: string;
  /** Fatal worker error text. */
  error: string | null;
  /** Arrays appended in place; the object is replaced (version + 1) on each snapshot. */
  history: RunHistory | null;
  /** Shared time scrubber; null = follow the live step. */
  scrubStep: number | null;
  histogramMode: HistogramMode;
  /** Which charts put every network on one scale (the link's `shared=`, src/url/sharedScales.ts). */
  sharedScales: SharedScales;
  actions: ExperimentActions;
}

/** What the UI can ask for. */
export interface ExperimentActions {
  play(): void;
  pause(): void;
  step(count: number): void;
  reset(): void;
  setSetting<K extends keyof ExperimentConfig>(key: K, value: ExperimentConfig[K]): void;
  applyPreset(id: string): void;
  track(layer: number, unit: number): void;
  setScrubStep(step: number | null): void;
  setHistogramMode(mode: HistogramMode): void;
  /** Put `chart`'s networks on one scale (true) or each on its own. */
  setSharedScale(chart: SharedScaleChart, shared: boolean): void;
  dismissNotice(id: number): void;
}
