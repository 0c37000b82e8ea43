import { describe, expect, it } from 'vitest';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import type { Snapshot } from '../../src/experiment/types.ts';
import { appendSnapshot, createHistory } from '../../src/store/history.ts';
import type { RunHistory } from '../../src/store/types.ts';
import { readyEvent, snapshot } from './fixtures.ts';

/** A snapshot whose every layer carries a fitted histogram naming its step (lo = step, counts [0, step, 0]). */
function fittedSnapshot(step: number): Snapshot {
  const snap = snapshot(step);
  for (const frame of snap.frames) {
    frame.layers.forEach((stats, layerIdx) => {
      const fitted: FittedHistogram = { min: step - 1, lo: step, hi: step + 1 + layerIdx, max: step + 2 + layerIdx, counts: Uint32Array.from([0, step, 0]) };
      stats.fitted = fitted;
    });
  }
  return snap;
}

describe('fitted histograms in the history', () => {
  function run(steps: number, snap: (step: number) => Snapshot, caps = { snapshots: 16, tests: 16 }): RunHistory {
    let history = createHistory(readyEvent());
    for (let step = 0; step <= steps; step += 1) history = appendSnapshot(history, snap(step), caps);
    return history;
  }

  it('keeps one per kept snapshot through thinning, each still that snapshot\'s own', () => {
    const history = run(500, fittedSnapshot);
    for (const network of history.networks) {
      network.layers.forEach((layer, layerIdx) => {
        expect(layer.fitted).toHaveLength(network.steps.length);
        network.steps.forEach((step, i) => {
          const h = layer.fitted?.[i];
          expect([h?.min, h?.lo, h?.hi, h?.max]).toEqual([step - 1, step, step + 1 + layerIdx, step + 2 + layerIdx]);
          expect(Array.from(h?.counts ?? [])).toEqual([0, step, 0]);
        });
      });
    }
  });

  it('recycles the fitted histograms thinning drops: a long run keeps no more of them than the cap', () => {
    let history = createHistory(readyEvent());
    const caps = { snapshots: 16, tests: 16 };
    const seen = new Set<FittedHistogram>();
    for (let step = 0; step <= 2_000; step += 1) {
      history = appendSnapshot(history, fittedSnapshot(step), caps);
      for (const network of history.networks) for (const layer of network.layers) seen.add(layer.fitted?.at(-1) as FittedHistogram);
    }
    // 2 networks x 3 layers x 16 slots, plus the snapshots that arrived while no spare was free.
    expect(seen.size).toBeLessThanOrEqual(2 * 3 * 16 * 2);
  });

  it('stands the fixed-bin column in for a snapshot without one: its values beyond the bins have no place', () => {
    const history = run(40, (step) => snapshot(step));
    const layer = history.networks[0].layers[0];
    expect(layer.fitted).toHaveLength(layer.columns.length);
    layer.fitted?.forEach((h, i) => {
      expect(h.counts).toBe(layer.columns[i]);
      expect([h.min, h.lo, h.hi, h.max]).toEqual([-8, -8, 8, 8]);
    });
  });
});
