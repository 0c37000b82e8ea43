/**
 * The value range of a layer chart and how much of the data it leaves out, from the history:
 * each snapshot's fitted histogram (or its fixed-bin column when a history has none), the
 * range of one chart or one shared by every network's chart of the layer, the largest share off it.
 * Per-snapshot results are cached by (histogram, step): a repaint at the same range costs a lookup.
 */
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import type { HistogramBins } from '../experiment/types.ts';
import type { LayerHistory, RunHistory } from '../store/types.ts';
import { centralRange, displayRange, fittedFromFixed, offChartShare } from './valueRange.ts';

/** What one snapshot's histogram gave last time it was asked, at its step. */
interface Measured {
  step: number;
  central: [number, number];
  /** Off-chart share at the range [lo, hi]. */
  lo: number;
  hi: number;
  off: number;
}

const measured = new WeakMap<FittedHistogram, Measured>();

function entryOf(h: FittedHistogram, step: number): Measured {
  let entry = measured.get(h);
  if (!entry || entry.step !== step) {
    entry = { step, central: centralRange(h), lo: NaN, hi: NaN, off: 0 };
    measured.set(h, entry);
  }
  return entry;
}

/** One fitted histogram per kept snapshot of `layer`: its own, or its fixed-bin columns standing in. */
export function layerColumns(layer: LayerHistory | undefined, bins: HistogramBins): readonly FittedHistogram[] {
  if (!layer) return [];
  if (layer.fitted && layer.fitted.length === layer.columns.length) return layer.fitted;
  return layer.columns.map((column) => fittedFromFixed(column, bins));
}

/**
 * The value range of hidden layer `layerIdx`'s chart for network `networkId`: from its own snapshots,
 * or (`shared`) from the snapshots of every network of the run, so the charts of one layer compare.
 */
export function layerValueRange(history: RunHistory, networkId: string, layerIdx: number, shared: boolean): [number, number] {
  const columns: FittedHistogram[] = [];
  const steps: number[] = [];
  for (const net of history.networks) {
    if (!shared && net.id !== networkId) continue;
    const cols = layerColumns(net.layers[layerIdx], history.bins);
    const n = Math.min(cols.length, net.steps.length);
    for (let i = 0; i < n; i++) {
      columns.push(cols[i]);
      steps.push(net.steps[i]);
    }
  }
  return displayRange(columns, (h, i) => entryOf(h, steps[i]).central);
}

/** Share of snapshot `h` (taken at `step`) off the range [lo, hi]. */
export function offChartAt(h: FittedHistogram, step: number, lo: number, hi: number): number {
  const entry = entryOf(h, step);
  if (entry.lo !== lo || entry.hi !== hi) {
    entry.lo = lo;
    entry.hi = hi;
    entry.off = offChartShare(h, lo, hi);
  }
  return entry.off;
}

/** The largest share of a snapshot's values off [lo, hi] over `columns` at `steps`; 0 when there are none. */
export function worstOffChart(columns: readonly FittedHistogram[], steps: readonly number[], [lo, hi]: [number, number]): number {
  let worst = 0;
  const n = Math.min(columns.length, steps.length);
  for (let i = 0; i < n; i++) worst = Math.max(worst, offChartAt(columns[i], steps[i], lo, hi));
  return worst;
}
