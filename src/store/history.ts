/**
 * A run's history as the charts read it: pure functions over RunHistory (src/store/types.ts).
 * Arrays grow in place up to a cap; from then on each new snapshot evicts one kept snapshot, the
 * one whose neighbours are closest in steps (never the first or the latest), so the kept steps
 * stay spread over the whole run, a run of any length draws from step 0, and the count stays at
 * the cap. The evicted snapshot's column and fitted histogram take the new snapshot's counts: a
 * long run allocates no new column once full and holds the same number of objects at every
 * moment, so the page's heap is flat rather than a saw-tooth (halving at the cap made one).
 * An evicted column is overwritten: hold a column only as long as the history version it came with.
 */
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { HistogramBins, NetworkFrame, Snapshot, TestEvaluation } from '../experiment/types.ts';
import type { ReadyEvent } from '../worker/protocol.ts';
import type { LayerHistory, NetworkHistory, RunHistory } from './types.ts';

export type { ReadyEvent };

/** How many snapshot columns and test points a network keeps. */
export interface HistoryCaps {
  /** Kept snapshots (histogram columns) per network; once reached, each new one evicts one. */
  snapshots: number;
  /** Kept test evaluations per network; once reached, each new one evicts one. */
  tests: number;
}

/**
 * 512 columns a network: as wide as a layer chart at 1440 px (a heatmap shows at most 600), and about
 * 1.5 MB for the paper's 3 x 100 twins (fixed and fitted histograms). Reached in under 3 minutes at the
 * workers' three snapshots a second, after which the page's heap stays flat (eviction recycles columns).
 */
export const DEFAULT_HISTORY_CAPS: HistoryCaps = { snapshots: 512, tests: 1024 };

/**
 * The unit each network's kept percentiles belong to. Per network, because with one worker per
 * network their snapshots arrive separately: after a 'track', one network's frames may show the
 * new unit while the other's still show the old one.
 */
const trackedOf = new WeakMap<NetworkHistory, { layer: number; unit: number }>();

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
 * Append a snapshot: the arrays of `history` grow in place (one evicted per new one at the caps) and a new
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
    if (network.testSteps.length >= caps.tests) evictTest(network);
    network.testSteps.push(test.step);
    network.testLoss.push(test.loss);
    network.testAccuracy.push(test.accuracy);
    network.testPoints?.push(test.point ?? null);
  }
  const lastStep = network.steps.length > 0 ? network.steps[network.steps.length - 1] : -1;
  if (frame.layers.length !== network.layers.length || frame.step <= lastStep) return;
  const evicted = network.steps.length >= caps.snapshots ? evictSnapshot(network) : null;
  network.steps.push(frame.step);
  network.trainLoss.push(frame.trainLoss !== null && Number.isFinite(frame.trainLoss) ? frame.trainLoss : null);
  network.tracked.push(frame.tracked);
  network.unitMedians?.push(frame.unitMedians ?? null);
  frame.layers.forEach((stats, layerIdx) => {
    const layer = network.layers[layerIdx];
    const spare = evicted?.[layerIdx];
    // Every cell is written below, so a recycled column keeps nothing of its evicted snapshot.
    const column = spare && spare.column.length === binCount + 2 ? spare.column : new Uint32Array(binCount + 2);
    column[0] = stats.under;
    column.set(stats.counts.subarray(0, binCount), 1);
    column[binCount + 1] = stats.over;
    layer.columns.push(column);
    // Without a fitted histogram (an older worker, a hand-made snapshot) the column stands in: values beyond its bins have no known place.
    // A stand-in's counts are its own column, so only a real fitted histogram is recycled.
    const spareFitted = spare?.fitted && spare.fitted.counts !== spare.column ? spare.fitted : undefined;
    layer.fitted?.push(stats.fitted ? keepFitted(stats.fitted, spareFitted) : { min: bins.min, lo: bins.min, hi: bins.max, max: bins.max, counts: column });
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

/**
 * The index to evict from `steps` (ascending, at least 3 long): the interior one whose neighbours are
 * closest, the oldest of equals. Evicting it merges the two smallest adjacent gaps, so the kept steps
 * stay spread over the whole run: no gap grows wider than about 1.4 times that of an even spread (the
 * newest snapshots sit closer), and the first and the latest always stay.
 */
export function evictionIndex(steps: readonly number[]): number {
  let best = 1;
  let bestGap = Infinity;
  for (let i = 1; i < steps.length - 1; i++) {
    const gap = steps[i + 1] - steps[i - 1];
    if (gap < bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

/** What one layer gave up when a snapshot was evicted: its arrays, for the next snapshot to reuse. */
interface EvictedColumn {
  column: Uint32Array;
  fitted: FittedHistogram | undefined;
}

/** Remove one snapshot (evictionIndex) from every parallel array of `network`; its columns, per layer, for reuse. */
function evictSnapshot(network: NetworkHistory): EvictedColumn[] | null {
  if (network.steps.length < 3) return null;
  const i = evictionIndex(network.steps);
  network.steps.splice(i, 1);
  network.trainLoss.splice(i, 1);
  network.tracked.splice(i, 1);
  network.unitMedians?.splice(i, 1);
  return network.layers.map((layer) => {
    const [column] = layer.columns.splice(i, 1);
    const fitted = layer.fitted?.splice(i, 1)[0];
    for (const series of [layer.mean, layer.std, layer.drift, layer.driftRaw, layer.saturation]) series.splice(i, 1);
    return { column, fitted };
  });
}

/** Remove one test evaluation (evictionIndex over the test steps) from every parallel array of `network`. */
function evictTest(network: NetworkHistory): void {
  if (network.testSteps.length < 3) return;
  const i = evictionIndex(network.testSteps);
  network.testSteps.splice(i, 1);
  network.testLoss.splice(i, 1);
  network.testAccuracy.splice(i, 1);
  network.testPoints?.splice(i, 1);
}

/** Approximate bytes held by a history's arrays (numbers 8 bytes, columns and fitted histograms their buffers). */
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
  }
  return bytes;
}
