/**
 * A run's history as the charts read it: pure functions over RunHistory (src/store/types.ts).
 * Arrays grow in place; when a network's kept snapshots reach a cap, every other one is
 * dropped (the first and the latest always stay), so a run of any length stays within a
 * few MB and still draws from step 0. The columns thinning drops are recycled for the next
 * snapshots (a long run allocates no new column after its first thinning, so it leaves the
 * garbage collector nothing to do): a column dropped from the history may be overwritten.
 */
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { HistogramBins, NetworkFrame, Snapshot, TestEvaluation } from '../experiment/types.ts';
import type { WorkerEvent } from '../worker/protocol.ts';
import type { LayerHistory, NetworkHistory, RunHistory } from './types.ts';

/** The 'ready' event that opens a run. */
export type ReadyEvent = Extract<WorkerEvent, { type: 'ready' }>;

/** How many snapshot columns and test points a network keeps before thinning. */
export interface HistoryCaps {
  /** Kept snapshots (histogram columns) per network; reaching it halves them. */
  snapshots: number;
  /** Kept test evaluations per network; reaching it halves them. */
  tests: number;
}

/**
 * 512 columns a network: as wide as a layer chart at 1440 px (a heatmap shows at most 600), and about
 * 1.5 MB for the paper's 3 x 100 twins (fixed and fitted histograms). Reached in under 3 minutes at the
 * workers' three snapshots a second, after which the page's heap stays flat (thinning recycles columns).
 */
export const DEFAULT_HISTORY_CAPS: HistoryCaps = { snapshots: 512, tests: 1024 };

/**
 * The unit each network's kept percentiles belong to. Per network, because with one worker per
 * network their snapshots arrive separately: after a 'track', one network's frames may show the
 * new unit while the other's still show the old one.
 */
const trackedOf = new WeakMap<NetworkHistory, { layer: number; unit: number }>();

/** Columns thinning dropped from a network's layers, ready to take the next snapshots' counts. */
const spareColumns = new WeakMap<NetworkHistory, Uint32Array[]>();

/** Fitted histograms thinning dropped, ready to take the next snapshots' (their counts arrays recycled like the columns). */
const spareFitted = new WeakMap<NetworkHistory, FittedHistogram[]>();

/** An empty history for the run that `ready` announces. */
export function createHistory(ready: ReadyEvent): RunHistory {
  const depth = ready.hiddenUnits.length;
  const layer = ready.config.trackedLayer < 0 ? depth - 1 : ready.config.trackedLayer;
  const tracked = { layer, unit: ready.config.trackedUnit };
  const networks = ready.networks.map((id) => emptyNetwork(id, depth));
  for (const network of networks) trackedOf.set(network, tracked);
  return {
    runId: ready.runId,
    bins: { ...ready.bins },
    hiddenUnits: [...ready.hiddenUnits],
    tracked,
    networks,
    version: 0,
  };
}

function emptyNetwork(id: NetworkHistory['id'], depth: number): NetworkHistory {
  return {
    id,
    steps: [],
    trainLoss: [],
    testSteps: [],
    testLoss: [],
    testAccuracy: [],
    testPoints: [],
    layers: Array.from({ length: depth }, (): LayerHistory => ({ columns: [], fitted: [], mean: [], std: [], drift: [], driftRaw: [], saturation: [] })),
    tracked: [],
    unitMedians: [],
    status: { type: 'training' },
  };
}

/**
 * Append a snapshot: the arrays of `history` grow in place (thinned at the caps) and a new
 * top-level object with `version + 1` is returned, so subscribers see a change.
 * A network whose frame has no layer statistics (diverged) only updates its status.
 * A snapshot may carry the frames of only some networks (one worker per network); the others keep theirs.
 */
export function appendSnapshot(history: RunHistory, snapshot: Snapshot, caps: HistoryCaps = DEFAULT_HISTORY_CAPS): RunHistory {
  for (const frame of snapshot.frames) {
    const network = history.networks.find((n) => n.id === frame.id);
    if (!network) continue;
    const before = trackedOf.get(network) ?? history.tracked;
    if (snapshot.tracked.layer !== before.layer || snapshot.tracked.unit !== before.unit) retrack(network, frame);
    trackedOf.set(network, { ...snapshot.tracked });
    appendFrame(network, frame, history.bins, caps);
  }
  // Only the latest batch is kept (the batch panel shows it); a snapshot without one keeps the last.
  const batch = snapshot.batch ?? history.batch;
  return { ...history, tracked: { ...snapshot.tracked }, version: history.version + 1, ...(batch ? { batch } : {}) };
}

/**
 * Another unit is tracked: the kept percentiles belong to the old one, so they become null;
 * a snapshot at the latest kept step (taken when paused) fills that column for the new unit.
 */
function retrack(network: NetworkHistory, frame: NetworkFrame): void {
  network.tracked.fill(null);
  network.unitMedians?.fill(null);
  const last = network.steps.length - 1;
  if (last >= 0 && network.steps[last] === frame.step) {
    network.tracked[last] = frame.tracked;
    if (network.unitMedians) network.unitMedians[last] = frame.unitMedians ?? null;
  }
}

function appendFrame(network: NetworkHistory, frame: NetworkFrame, bins: HistogramBins, caps: HistoryCaps): void {
  const binCount = bins.count;
  network.status = frame.status;
  // Every evaluation since the last frame (a fast run may take several between two snapshots).
  const tests: TestEvaluation[] = frame.tests ?? (frame.test ? [frame.test] : []);
  for (const test of tests) {
    const lastTestStep = network.testSteps.length > 0 ? network.testSteps[network.testSteps.length - 1] : -1;
    if (!(test.step > lastTestStep && Number.isFinite(test.loss) && Number.isFinite(test.accuracy))) continue;
    if (network.testSteps.length >= caps.tests) thinTests(network);
    network.testSteps.push(test.step);
    network.testLoss.push(test.loss);
    network.testAccuracy.push(test.accuracy);
    network.testPoints?.push(test.point ?? null);
  }
  const lastStep = network.steps.length > 0 ? network.steps[network.steps.length - 1] : -1;
  if (frame.layers.length !== network.layers.length || frame.step <= lastStep) return;
  if (network.steps.length >= caps.snapshots) thinSnapshots(network);
  network.steps.push(frame.step);
  network.trainLoss.push(frame.trainLoss !== null && Number.isFinite(frame.trainLoss) ? frame.trainLoss : null);
  network.tracked.push(frame.tracked);
  network.unitMedians?.push(frame.unitMedians ?? null);
  const spares = spareColumns.get(network);
  const fittedSpares = spareFitted.get(network);
  frame.layers.forEach((stats, layerIdx) => {
    const layer = network.layers[layerIdx];
    const spare = spares?.pop();
    // Every cell is written below, so a recycled column keeps nothing of its last snapshot.
    const column = spare && spare.length === binCount + 2 ? spare : new Uint32Array(binCount + 2);
    column[0] = stats.under;
    column.set(stats.counts.subarray(0, binCount), 1);
    column[binCount + 1] = stats.over;
    layer.columns.push(column);
    // Without a fitted histogram (an older worker, a hand-made snapshot) the column stands in: values beyond its bins have no known place.
    layer.fitted?.push(stats.fitted ? keepFitted(stats.fitted, fittedSpares?.pop()) : { min: bins.min, lo: bins.min, hi: bins.max, max: bins.max, counts: column });
    layer.mean.push(finiteOrZero(stats.mean));
    layer.std.push(finiteOrZero(stats.std));
    layer.drift.push(finiteOrZero(stats.drift));
    layer.driftRaw.push(finiteOrZero(stats.driftRaw));
    layer.saturation.push(finiteOrZero(stats.saturation));
  });
}

/** A copy of `fitted` in `spare` when its counts have the same length (no allocation), else `fitted` itself (its buffer came transferred). */
function keepFitted(fitted: FittedHistogram, spare: FittedHistogram | undefined): FittedHistogram {
  if (!spare || spare.counts.length !== fitted.counts.length) return fitted;
  spare.min = fitted.min;
  spare.lo = fitted.lo;
  spare.hi = fitted.hi;
  spare.max = fitted.max;
  spare.counts.set(fitted.counts);
  return spare;
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** Indices kept by one thinning of `length` items: the even ones, plus the last. */
function keptIndices(length: number): number[] {
  const kept: number[] = [];
  for (let i = 0; i < length; i += 2) kept.push(i);
  if (length > 0 && kept[kept.length - 1] !== length - 1) kept.push(length - 1);
  return kept;
}

function thinInPlace<T>(array: T[], kept: number[]): void {
  kept.forEach((from, to) => {
    array[to] = array[from];
  });
  array.length = kept.length;
}

/** Put the columns `kept` leaves out into `spares` (kept is ascending). */
function collectDropped(columns: readonly Uint32Array[], kept: readonly number[], spares: Uint32Array[]): void {
  let k = 0;
  for (let i = 0; i < columns.length; i++) {
    if (k < kept.length && kept[k] === i) k += 1;
    else spares.push(columns[i]);
  }
}

function thinSnapshots(network: NetworkHistory): void {
  const kept = keptIndices(network.steps.length);
  thinInPlace(network.steps, kept);
  thinInPlace(network.trainLoss, kept);
  thinInPlace(network.tracked, kept);
  if (network.unitMedians) thinInPlace(network.unitMedians, kept);
  let spares = spareColumns.get(network);
  if (!spares) {
    spares = [];
    spareColumns.set(network, spares);
  }
  const keptSet = new Set(kept);
  let fittedSpares = spareFitted.get(network);
  if (!fittedSpares) {
    fittedSpares = [];
    spareFitted.set(network, fittedSpares);
  }
  for (const layer of network.layers) {
    if (layer.fitted) {
      // A stand-in's counts are its own column, recycled with the columns: only real fitted histograms become spares.
      layer.fitted.forEach((fitted, i) => {
        if (!keptSet.has(i) && fitted.counts !== layer.columns[i]) fittedSpares.push(fitted);
      });
      thinInPlace(layer.fitted, kept);
    }
    collectDropped(layer.columns, kept, spares);
    thinInPlace(layer.columns, kept);
    thinInPlace(layer.mean, kept);
    thinInPlace(layer.std, kept);
    thinInPlace(layer.drift, kept);
    thinInPlace(layer.driftRaw, kept);
    thinInPlace(layer.saturation, kept);
  }
}

function thinTests(network: NetworkHistory): void {
  const kept = keptIndices(network.testSteps.length);
  thinInPlace(network.testSteps, kept);
  thinInPlace(network.testLoss, kept);
  thinInPlace(network.testAccuracy, kept);
  if (network.testPoints) thinInPlace(network.testPoints, kept);
}

/** Approximate bytes held by a history's arrays (numbers 8 bytes, columns and fitted histograms their buffers, spares included). */
export function estimateHistoryBytes(history: RunHistory): number {
  let bytes = 0;
  for (const network of history.networks) {
    bytes += 8 * (network.steps.length * 2 + network.tracked.length * 3 + network.testSteps.length * 3);
    // A run point: 6 numbers and 4 per hidden layer (saturation, shift, weight norm, effective step), plus its objects' headers.
    bytes += (network.testPoints ?? []).reduce((sum, point) => sum + (point ? 8 * (6 + 4 * point.drift.length) + 160 : 0), 0);
    for (const layer of network.layers) {
      bytes += 8 * (layer.mean.length + layer.std.length + layer.drift.length + layer.driftRaw.length + layer.saturation.length);
      for (const column of layer.columns) bytes += column.byteLength;
      (layer.fitted ?? []).forEach((fitted, i) => {
        if (fitted.counts !== layer.columns[i]) bytes += fitted.counts.byteLength + 32;
      });
    }
    for (const column of spareColumns.get(network) ?? []) bytes += column.byteLength;
    for (const fitted of spareFitted.get(network) ?? []) bytes += fitted.counts.byteLength + 32;
  }
  return bytes;
}
