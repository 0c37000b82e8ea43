/**
 * What each time chart draws, taken from a RunHistory: plain arrays and y domains.
 * Charts stay generic (SeriesChart); these functions decide the data.
 */
import type { NetworkId } from '../experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';

/** One line of a time chart. */
export interface Series {
  id: NetworkId;
  xs: readonly number[];
  ys: readonly (number | null)[];
  /** Drawn dashed: a second line of the same network (its test loss beside its training loss). */
  dashed?: boolean;
  /** Drawn thin: one of many lines of the same network (its units' medians); `key` tells them apart. */
  thin?: boolean;
  key?: string;
}

/** One thin line per viewed unit of the tracked layer: each unit's median input over training (NetworkFrame.unitMedians). */
export function unitMedianSeries(net: NetworkHistory): Series[] {
  const rows = net.unitMedians ?? [];
  let units = 0;
  for (const row of rows) units = Math.max(units, row?.length ?? 0);
  return Array.from({ length: units }, (_, unit) => ({
    id: net.id,
    key: `unit-${unit}`,
    thin: true,
    xs: net.steps,
    ys: rows.map((row) => (row && Number.isFinite(row[unit]) ? row[unit] : null)),
  }));
}

/** Scale-free shift of hidden layer `layerIdx` over training, one series per network; the first snapshot (no shift yet) and zeros are gaps. */
export function shiftSeries(history: RunHistory | null, layerIdx: number): Series[] {
  return (history?.networks ?? []).map((n) => {
    const drift = n.layers[layerIdx]?.drift ?? [];
    return { id: n.id, xs: n.steps, ys: n.steps.map((_, i) => (i > 0 && drift[i] > 0 && Number.isFinite(drift[i]) ? drift[i] : null)) };
  });
}

/** The y domain of `series`: the extent of their finite values padded by 5% (at least ±0.5 around a flat line); [-1, 1] when empty. */
export function seriesDomain(series: readonly Series[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const v of s.ys) {
      if (v !== null && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  const pad = Math.max((hi - lo) * 0.05, hi - lo < 1e-9 ? 0.5 : 0);
  return [lo - pad, hi + pad];
}

/** The 15-85th percentile band and the median of a tracked unit (Figure 1 b, c). */
export interface PercentileSeries {
  id: NetworkId;
  xs: readonly number[];
  p15: (number | null)[];
  p50: (number | null)[];
  p85: (number | null)[];
}

function isFiniteNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Test accuracy against its evaluation steps, one series per network (Figure 1 a). */
export function accuracySeries(history: RunHistory | null): Series[] {
  return (history?.networks ?? []).map((n) => ({ id: n.id, xs: n.testSteps, ys: n.testAccuracy }));
}

/** Training loss against step, one series per network. */
export function lossSeries(history: RunHistory | null): Series[] {
  return (history?.networks ?? []).map((n) => ({ id: n.id, xs: n.steps, ys: n.trainLoss }));
}

/** Test loss (inference mode) against its evaluation steps, one dashed series per network. */
export function testLossSeries(history: RunHistory | null): Series[] {
  return (history?.networks ?? []).map((n) => ({ id: n.id, xs: n.testSteps, ys: n.testLoss, dashed: true }));
}

/** The tracked unit's percentiles for one network; null entries where the unit was unavailable. */
export function percentileSeries(net: NetworkHistory): PercentileSeries {
  return {
    id: net.id,
    xs: net.steps,
    p15: net.tracked.map((t) => t?.p15 ?? null),
    p50: net.tracked.map((t) => t?.p50 ?? null),
    p85: net.tracked.map((t) => t?.p85 ?? null),
  };
}

/**
 * The y domain of the percentile charts: the extent of the finite percentiles of the networks `ids`
 * (default every network, one shared scale so drift compares; one id gives that network's panel its
 * own scale, so a calm network is not flattened by a drifting one), padded by 5%; [-1, 1] when there are none.
 */
export function percentileDomain(history: RunHistory | null, ids?: readonly NetworkId[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const net of history?.networks ?? []) {
    if (ids && !ids.includes(net.id)) continue;
    for (const t of net.tracked) {
      if (!t) continue;
      for (const v of [t.p15, t.p50, t.p85]) {
        if (isFiniteNumber(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  // A nearly constant unit (a spread of 0.001 around 0.01 at init) still gets a readable span.
  const floor = Math.max(0.01, Math.abs(lo) * 0.01, Math.abs(hi) * 0.01);
  if (hi - lo < floor) {
    const mid = (lo + hi) / 2;
    return [mid - floor, mid + floor];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/**
 * Log-scale y domain for losses: the extent of the positive finite values, widened to whole
 * decades' halves; [0.01, 10] when there are none.
 */
export function lossDomain(series: readonly Series[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const v of s.ys) {
      if (isFiniteNumber(v) && v > 0) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!(lo <= hi)) return [0.01, 10];
  if (lo === hi) return [lo / 2, hi * 2];
  return [lo / 1.2, hi * 1.2];
}
