import { describe, expect, it } from 'vitest';
import { appendSnapshot, createHistory, DEFAULT_HISTORY_CAPS, estimateHistoryBytes, evictionIndex } from '../../src/store/history.ts';
import type { RunHistory } from '../../src/store/types.ts';
import { BIN_COUNT, frame, readyEvent, snapshot } from './fixtures.ts';

describe('createHistory', () => {
  it('opens an empty history per network and resolves the tracked layer -1 to the last hidden layer', () => {
    const history = createHistory(readyEvent(7, [5, 6]));
    expect(history.runId).toBe(7);
    expect(history.version).toBe(0);
    expect(history.tracked).toEqual({ layer: 1, unit: 0 });
    expect(history.networks.map((n) => n.id)).toEqual(['plain', 'bn']);
    expect(history.networks[0].layers).toHaveLength(2);
    expect(history.networks[0].steps).toEqual([]);
  });
});

describe('appendSnapshot', () => {
  it('stores each layer as a column [under, counts..., over] and bumps the version', () => {
    const history = createHistory(readyEvent());
    const next = appendSnapshot(history, snapshot(3));
    expect(next).not.toBe(history);
    expect(next.version).toBe(1);
    expect(next.networks).toBe(history.networks);
    const column = next.networks[1].layers[2].columns[0];
    expect(Array.from(column)).toEqual([1, 5, 6, 7, 8, 9, 10, 11, 12, 2]);
    expect(column).toHaveLength(BIN_COUNT + 2);
    expect(next.networks[0].steps).toEqual([3]);
    expect(next.networks[0].trainLoss).toEqual([0.25]);
  });

  it('copies the counts, so a transferred buffer can be reused or detached', () => {
    const history = createHistory(readyEvent());
    const snap = snapshot(1);
    appendSnapshot(history, snap);
    snap.frames[0].layers[0].counts.fill(999);
    expect(history.networks[0].layers[0].columns[0][1]).toBe(1);
  });

  it('records a test evaluation once, however many snapshots repeat it', () => {
    let history = createHistory(readyEvent());
    history = appendSnapshot(history, snapshot(100, 3, 100));
    history = appendSnapshot(history, snapshot(150, 3, 100));
    history = appendSnapshot(history, snapshot(200, 3, 200));
    expect(history.networks[0].testSteps).toEqual([100, 200]);
    expect(history.networks[0].testLoss).toEqual([2 / 101, 2 / 201]);
    expect(history.networks[0].testAccuracy).toEqual([0.9, 0.9]);
  });

  it('stops the columns of a diverged network but keeps its status', () => {
    let history = createHistory(readyEvent());
    history = appendSnapshot(history, snapshot(1));
    const diverged = { ...frame('plain', 2), layers: [], tracked: null, trainLoss: null, status: { type: 'diverged' as const, step: 2, reason: 'loss is NaN' } };
    history = appendSnapshot(history, { ...snapshot(2), frames: [diverged, frame('bn', 2)] });
    expect(history.networks[0].steps).toEqual([1]);
    expect(history.networks[0].status).toEqual({ type: 'diverged', step: 2, reason: 'loss is NaN' });
    expect(history.networks[1].steps).toEqual([1, 2]);
  });

  it('keeps no NaN: a non-finite train loss becomes null', () => {
    const history = createHistory(readyEvent());
    const snap = snapshot(5);
    snap.frames[0].trainLoss = Number.NaN;
    appendSnapshot(history, snap);
    expect(history.networks[0].trainLoss).toEqual([null]);
  });
});

describe('eviction at the cap', () => {
  function run(steps: number, caps = { snapshots: 64, tests: 16 }): RunHistory {
    let history = createHistory(readyEvent());
    for (let step = 0; step <= steps; step += 1) {
      history = appendSnapshot(history, snapshot(step, 3, step - (step % 10)), caps);
    }
    return history;
  }

  it('keeps exactly the cap once full, the first step and the latest step', () => {
    const history = run(10_000);
    for (const network of history.networks) {
      expect(network.steps.length).toBe(64);
      expect(network.steps[0]).toBe(0);
      expect(network.steps[network.steps.length - 1]).toBe(10_000);
      expect(network.testSteps.length).toBe(16);
      expect(network.testSteps[0]).toBe(0);
      expect(network.testSteps[network.testSteps.length - 1]).toBe(10_000);
      for (const layer of network.layers) {
        expect(layer.columns).toHaveLength(network.steps.length);
        expect(layer.mean).toHaveLength(network.steps.length);
        expect(layer.saturation).toHaveLength(network.steps.length);
      }
      expect(network.trainLoss).toHaveLength(network.steps.length);
      expect(network.tracked).toHaveLength(network.steps.length);
    }
  });

  it('keeps steps strictly increasing and every column matching its step', () => {
    const history = run(3_000);
    const network = history.networks[1];
    for (let i = 1; i < network.steps.length; i += 1) expect(network.steps[i]).toBeGreaterThan(network.steps[i - 1]);
    network.steps.forEach((step, i) => {
      expect(network.layers[0].mean[i]).toBe(step);
      expect(network.layers[0].columns[i][1]).toBe(step);
      expect(network.trainLoss[i]).toBe(step === 0 ? null : 1 / (1 + step));
    });
    network.testSteps.forEach((step, i) => expect(network.testLoss[i]).toBe(2 / (1 + step)));
  });

  it('keeps every column exact when its array is recycled: all counts are those of its own step', () => {
    const history = run(5_000);
    for (const network of history.networks) {
      network.layers.forEach((layer, layerIdx) => {
        network.steps.forEach((step, i) => {
          const expected = [1, ...Array.from({ length: BIN_COUNT }, (_, bin) => step + bin + layerIdx), 2];
          expect(Array.from(layer.columns[i])).toEqual(expected);
        });
      });
    }
  });

  it('keeps the steps spread over the whole run: no gap wider than 1.5 times an even spread\'s, at any length', () => {
    const caps = { snapshots: 64, tests: 16 };
    let history = createHistory(readyEvent());
    for (let step = 0; step <= 20_000; step += 1) {
      history = appendSnapshot(history, snapshot(step * 3, 3, step - (step % 10)), caps);
      if (step < 64 || step % 997 !== 0) continue;
      const { steps } = history.networks[0];
      const widest = Math.max(...steps.slice(1).map((s, i) => s - steps[i]));
      expect(widest).toBeLessThanOrEqual(1.5 * (steps[steps.length - 1] / (steps.length - 1)));
    }
  });

  it('evicts the interior snapshot whose neighbours are closest, the oldest of equals', () => {
    expect(evictionIndex([0, 1, 2, 3])).toBe(1);
    expect(evictionIndex([0, 2, 3, 4])).toBe(2);
    expect(evictionIndex([0, 10, 11, 30, 31, 32])).toBe(4);
    expect(evictionIndex([0, 5, 9])).toBe(1);
  });

  it('recycles the columns eviction drops: a long run allocates no more column arrays than the cap', () => {
    let history = createHistory(readyEvent());
    const caps = { snapshots: 64, tests: 16 };
    const seen = history.networks.map((n) => n.layers.map(() => new Set<Uint32Array>()));
    for (let step = 0; step <= 5_000; step += 1) {
      history = appendSnapshot(history, snapshot(step), caps);
      history.networks.forEach((n, ni) => n.layers.forEach((layer, li) => seen[ni][li].add(layer.columns[layer.columns.length - 1])));
    }
    // Without recycling each of the 5,001 snapshots would bring a new array; with it, at most one per slot.
    for (const perLayer of seen) for (const arrays of perLayer) expect(arrays.size).toBeLessThanOrEqual(caps.snapshots * 3);
    const all = history.networks.flatMap((n) => n.layers.flatMap((layer) => layer.columns));
    expect(new Set(all).size).toBe(all.length);
  });

  it('hands a dropped column to the next snapshot, overwritten with that snapshot\'s counts', () => {
    const caps = { snapshots: 4, tests: 4 };
    let history = createHistory(readyEvent());
    for (let step = 0; step < 4; step += 1) history = appendSnapshot(history, snapshot(step), caps);
    const before = [...history.networks[0].layers[0].columns];
    // Step 4 evicts step 1 from [0, 1, 2, 3] (its neighbours are closest, as are 2's: the oldest goes), and step 4 gets its array.
    history = appendSnapshot(history, snapshot(4), caps);
    const network = history.networks[0];
    expect(network.steps).toEqual([0, 2, 3, 4]);
    expect(network.layers[0].columns.slice(0, 3)).toEqual([before[0], before[2], before[3]]);
    expect(network.layers[0].columns[0]).toBe(before[0]);
    // The dropped array now holds step 4 of its own layer.
    const holder = network.layers.findIndex((layer) => layer.columns[3] === before[1]);
    expect(holder).toBe(0);
    expect(network.layers.flatMap((layer) => layer.columns).filter((c) => c === before[1])).toHaveLength(1);
    expect(Array.from(before[1])).toEqual([1, ...Array.from({ length: BIN_COUNT }, (_, bin) => 4 + bin + holder), 2]);
    expect(Array.from(network.layers[0].columns[3])).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11, 2]);
  });

  it('holds a million-step run with the default caps in a few MB', () => {
    let history = createHistory(readyEvent(1, [100, 100, 100]));
    for (let step = 0; step <= 1_000_000; step += 250) history = appendSnapshot(history, snapshot(step, 3, step));
    const bytes = estimateHistoryBytes(history);
    // 2 networks x 3 layers x <=512 columns x 10 counts x 4 bytes + scalars: well under 1 MB here.
    expect(bytes).toBeLessThan(1_000_000);
    expect(history.networks[0].steps.length).toBeLessThanOrEqual(DEFAULT_HISTORY_CAPS.snapshots);
    expect(history.networks[0].steps[0]).toBe(0);
    expect(history.networks[0].steps.at(-1)).toBe(1_000_000);
  });
});

describe('tracking another unit', () => {
  it('forgets the old unit\'s percentiles and fills the latest column for the new one', () => {
    let history = createHistory(readyEvent());
    history = appendSnapshot(history, snapshot(1));
    history = appendSnapshot(history, snapshot(2));
    const paused = snapshot(2);
    paused.tracked = { layer: 0, unit: 3 };
    paused.frames[0].tracked = { p15: -2, p50: 0.5, p85: 2 };
    history = appendSnapshot(history, paused);
    expect(history.tracked).toEqual({ layer: 0, unit: 3 });
    expect(history.networks[0].steps).toEqual([1, 2]);
    expect(history.networks[0].tracked).toEqual([null, { p15: -2, p50: 0.5, p85: 2 }]);
  });
});

describe('snapshots of some networks (one worker per network)', () => {
  const only = (id: 'plain' | 'bn', step: number, tracked = { layer: 2, unit: 0 }) => ({ ...snapshot(step), tracked, frames: [frame(id, step)] });

  it('grows only the networks a snapshot carries, each at its own step', () => {
    let history = createHistory(readyEvent());
    history = appendSnapshot(history, only('bn', 0));
    history = appendSnapshot(history, only('plain', 0));
    history = appendSnapshot(history, only('plain', 90));
    history = appendSnapshot(history, only('bn', 40));
    history = appendSnapshot(history, only('plain', 180));
    expect(history.networks.map((n) => n.steps)).toEqual([[0, 90, 180], [0, 40]]);
    expect(history.networks[1].layers[0].columns).toHaveLength(2);
    expect(history.version).toBe(5);
  });

  it('retracks each network when its own frames show the new unit, not when another network\'s do', () => {
    let history = createHistory(readyEvent());
    history = appendSnapshot(history, snapshot(10));
    const moved = { layer: 0, unit: 3 };
    history = appendSnapshot(history, only('plain', 10, moved));
    // The BN worker had not heard of the new unit yet: its frame is still of the old one.
    history = appendSnapshot(history, only('bn', 20));
    expect(history.networks[1].tracked).toEqual([{ p15: -1, p50: 0, p85: 1 }, { p15: -1, p50: 0, p85: 1 }]);
    history = appendSnapshot(history, only('bn', 20, moved));
    expect(history.networks[0].tracked).toEqual([{ p15: -1, p50: 0, p85: 1 }]);
    expect(history.networks[1].tracked).toEqual([null, { p15: -1, p50: 0, p85: 1 }]);
    expect(history.tracked).toEqual(moved);
  });
});
