import { describe, expect, it } from 'vitest';
import { historyShape, sameShape } from '../../src/components/useLive.ts';
import { makeHistory, makeNetwork } from '../charts/fixtures.ts';

describe('historyShape', () => {
  it('is what a panel lays out: networks with their layer counts, depth, tracked unit; not loaded without a history', () => {
    const history = makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]);
    const shape = historyShape(history);
    expect(shape.loaded).toBe(true);
    expect(shape.networks.map((n) => n.id)).toEqual(['plain', 'bn']);
    expect(shape.networks.map((n) => n.layers)).toEqual(history.networks.map((n) => n.layers.length));
    expect(shape.depth).toBe(history.hiddenUnits.length);
    expect(shape.tracked).toEqual(history.tracked);
    expect(historyShape(null)).toEqual({ loaded: false, networks: [], depth: 0, tracked: null });
  });

  it('stays the same shape across new snapshots, and changes with the networks, their layers or the tracked unit', () => {
    const before = makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]);
    const later = makeHistory([makeNetwork('plain', [0, 100, 200]), makeNetwork('bn', [0, 100, 200])]);
    expect(sameShape(historyShape(before), historyShape(later))).toBe(true);
    expect(sameShape(historyShape(before), historyShape(null))).toBe(false);
    expect(sameShape(historyShape(before), historyShape(makeHistory([makeNetwork('plain', [0, 100])])))).toBe(false);
    expect(sameShape(historyShape(before), historyShape(makeHistory([makeNetwork('bn', [0]), makeNetwork('plain', [0])])))).toBe(false);
    expect(sameShape(historyShape(before), historyShape({ ...later, tracked: { layer: later.tracked.layer, unit: later.tracked.unit + 1 } }))).toBe(false);
    const shallower = { ...later, networks: later.networks.map((n) => ({ ...n, layers: n.layers.slice(1) })) };
    expect(sameShape(historyShape(before), historyShape(shallower))).toBe(false);
  });
});
