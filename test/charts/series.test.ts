import { describe, expect, it } from 'vitest';
import { accuracySeries, lossDomain, lossSeries, percentileDomain, percentileSeries, seriesDomain, shiftSeries, testLossSeries, unitMedianSeries } from '../../src/charts/series.ts';
import { makeHistory, makeNetwork } from './fixtures.ts';

describe('percentileDomain', () => {
  it('spans the percentiles of both networks so their drift compares', () => {
    const plain = makeNetwork('plain', [0, 1], { tracked: [{ p15: -4, p50: 0, p85: 6 }, null] });
    const bn = makeNetwork('bn', [0, 1], { tracked: [{ p15: -1, p50: 0, p85: 1 }, { p15: -1, p50: 0, p85: 1 }] });
    const [lo, hi] = percentileDomain(makeHistory([plain, bn]));
    expect(lo).toBeCloseTo(-4 - 0.5, 10);
    expect(hi).toBeCloseTo(6 + 0.5, 10);
  });

  it('ignores non-finite percentiles and falls back to [-1, 1] with none', () => {
    const bad = makeNetwork('plain', [0], { tracked: [{ p15: Number.NaN, p50: Infinity, p85: -Infinity }] });
    expect(percentileDomain(makeHistory([bad]))).toEqual([-1, 1]);
    expect(percentileDomain(null)).toEqual([-1, 1]);
  });
});

describe('series', () => {
  it('pairs test accuracy with its own evaluation steps', () => {
    const net = makeNetwork('bn', [0, 100], { testSteps: [50], testAccuracy: [0.9] });
    expect(accuracySeries(makeHistory([net]))).toEqual([{ id: 'bn', xs: [50], ys: [0.9] }]);
  });

  it('maps missing tracked percentiles to nulls', () => {
    const net = makeNetwork('plain', [0, 100], { tracked: [null, { p15: 1, p50: 2, p85: 3 }] });
    const s = percentileSeries(net);
    expect(s.p15).toEqual([null, 1]);
    expect(s.p85).toEqual([null, 3]);
  });

  it('draws each network\'s test loss as a dashed line on its evaluation steps, sharing the loss domain', () => {
    const net = makeNetwork('bn', [0, 100, 200], { trainLoss: [null, 1.2, 1.0], testSteps: [100, 200], testLoss: [0.6, 0.5] });
    expect(testLossSeries(makeHistory([net]))).toEqual([{ id: 'bn', xs: [100, 200], ys: [0.6, 0.5], dashed: true }]);
    const [lo, hi] = lossDomain([...lossSeries(makeHistory([net])), ...testLossSeries(makeHistory([net]))]);
    expect(lo).toBeCloseTo(0.5 / 1.2, 12);
    expect(hi).toBeCloseTo(1.2 * 1.2, 12);
  });

  it('draws one thin line per viewed unit, with gaps where a snapshot has no medians', () => {
    const net = makeNetwork('noisy', [0, 100, 200]);
    net.unitMedians = [[0, 1], null, [0.5, Number.NaN]];
    const lines = unitMedianSeries(net);
    expect(lines.map((l) => [l.key, l.thin, l.ys])).toEqual([['unit-0', true, [0, null, 0.5]], ['unit-1', true, [1, null, null]]]);
    expect(seriesDomain(lines)).toEqual([-0.05, 1.05]);
    expect(seriesDomain([])).toEqual([-1, 1]);
    expect(seriesDomain([{ id: 'bn', xs: [0], ys: [2] }])).toEqual([1.5, 2.5]);
  });

  it('plots each network\'s scale-free shift of a layer, with gaps at the first snapshot and at zero', () => {
    const net = makeNetwork('plain', [0, 100, 200, 300]);
    net.layers[1].drift = [0, 2.5, 0, 4];
    expect(shiftSeries(makeHistory([net]), 1)).toEqual([{ id: 'plain', xs: [0, 100, 200, 300], ys: [null, 2.5, null, 4] }]);
    expect(shiftSeries(makeHistory([net]), 9)[0].ys).toEqual([null, null, null, null]);
  });

  it('gives a positive log domain from positive finite losses only', () => {
    const net = makeNetwork('plain', [0, 1, 2, 3], { trainLoss: [null, 0, 0.5, 2] });
    const [lo, hi] = lossDomain(lossSeries(makeHistory([net])));
    expect(lo).toBeCloseTo(0.5 / 1.2, 12);
    expect(hi).toBeCloseTo(2 * 1.2, 12);
    expect(lossDomain([])).toEqual([0.01, 10]);
  });
});
