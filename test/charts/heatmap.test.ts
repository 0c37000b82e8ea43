import { describe, expect, it } from 'vitest';
import { createHeatmapCache, densityLut, heatmapGeometry, heatmapSize, paintHeatmap } from '../../src/charts/heatmap.ts';
import type { PixelImage } from '../../src/charts/heatmap.ts';
import { fittedFromFixed } from '../../src/charts/valueRange.ts';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import { BINS, column as fixedColumn } from './fixtures.ts';

/** A column of the fixture's fixed bins (4 over [-8, 8]) as the charts read it: values beyond have no place, so they sit in the edge rows. */
const column = (under: number, counts: number[], over: number): FittedHistogram => fittedFromFixed(fixedColumn(under, counts, over), BINS);
const RANGE: [number, number] = [-8, 8];

/** A grey ramp: level i is (i, i, i), so a pixel's red channel reads back its level. */
const GREY: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) lut.fill(i, i * 3, i * 3 + 3);
  return lut;
})();

function image(width: number, height: number): PixelImage {
  return { data: new Uint8ClampedArray(width * height * 4), width, height };
}

function pixel(img: PixelImage, x: number, y: number): number[] {
  const p = (y * img.width + x) * 4;
  return Array.from(img.data.slice(p, p + 4));
}

describe('paintHeatmap', () => {
  // 4 bins over [-8, 8] plus one edge row each: rows top to bottom are over, bin 3, bin 2, bin 1, bin 0, under.
  const steps = [0, 100];
  const columns = [column(0, [0, 4, 0, 0], 0), column(1, [0, 0, 2, 0], 1)];

  it('paints each bin at its row with a colour set by its count relative to the fullest bin of its column', () => {
    const img = image(2, 6);
    paintHeatmap(img, columns, steps, { valueRange: RANGE, stepDomain: [0, 200], lut: GREY, edgeRows: 1, gamma: 1 });
    // Column 0: all 4 values in bin 1 (row 3): the fullest bin: level 255.
    expect(pixel(img, 0, 3)).toEqual([255, 255, 255, 255]);
    // Column 1: under 1, bin 2 holds 2 (its fullest: 255), over 1 -> round(255 * 1/2).
    expect(pixel(img, 1, 2)).toEqual([255, 255, 255, 255]);
    expect(pixel(img, 1, 0)).toEqual([128, 128, 128, 255]);
    expect(pixel(img, 1, 5)).toEqual([128, 128, 128, 255]);
  });

  it('shows a wide late distribution as clearly as a peaked early one', () => {
    const img = image(2, 6);
    // Early: 100 values in one bin; late: 25 in each bin. Each column's fullest bin gets the top colour.
    paintHeatmap(img, [column(0, [0, 100, 0, 0], 0), column(0, [25, 25, 25, 25], 0)], steps, { valueRange: RANGE, stepDomain: [0, 200], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(pixel(img, 0, 3)[0]).toBe(255);
    for (const y of [1, 2, 3, 4]) expect(pixel(img, 1, y)[0]).toBe(255);
  });

  it('leaves empty bins transparent', () => {
    const img = image(2, 6);
    paintHeatmap(img, columns, steps, { valueRange: RANGE, stepDomain: [0, 200], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(pixel(img, 0, 0)[3]).toBe(0);
    expect(pixel(img, 0, 5)[3]).toBe(0);
    expect(pixel(img, 1, 3)[3]).toBe(0);
  });

  it('gives each edge bin `edgeRows` rows', () => {
    const img = image(2, 4 + 2 * 3);
    paintHeatmap(img, columns, steps, { valueRange: RANGE, stepDomain: [0, 200], lut: GREY, edgeRows: 3, gamma: 1 });
    for (const y of [0, 1, 2, 7, 8, 9]) expect(pixel(img, 1, y)[0]).toBe(128);
    expect(pixel(img, 1, 4)[0]).toBe(255); // bin 2 (second from the top of the in-range rows)
  });

  it('places snapshots by step, not by index, and leaves time before the first blank', () => {
    const img = image(4, 6);
    // Snapshots at 100 and 300 over [0, 400]: pixel centres 50, 150, 250, 350.
    paintHeatmap(img, columns, [100, 300], { valueRange: RANGE, stepDomain: [0, 400], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(pixel(img, 0, 3)[3]).toBe(0);
    expect(pixel(img, 1, 3)[0]).toBe(255);
    expect(pixel(img, 2, 3)[0]).toBe(255);
    expect(pixel(img, 3, 2)[0]).toBe(255);
    expect(pixel(img, 3, 0)[0]).toBe(128);
  });

  it('applies the density exponent', () => {
    const img = image(2, 6);
    paintHeatmap(img, columns, steps, { valueRange: RANGE, stepDomain: [0, 200], lut: GREY, edgeRows: 1, gamma: 0.5 });
    expect(pixel(img, 1, 0)[0]).toBe(Math.round(255 * Math.sqrt(0.5)));
  });

  it('paints nothing for an empty history or all-zero columns', () => {
    const img = image(1, 6);
    img.data.fill(7);
    paintHeatmap(img, [], [], { valueRange: RANGE, stepDomain: [0, 1], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(img.data.every((v) => v === 0)).toBe(true);
    paintHeatmap(img, [column(0, [0, 0, 0, 0], 0)], [0], { valueRange: RANGE, stepDomain: [0, 1], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(img.data.every((v) => v === 0)).toBe(true);
  });
});

describe('paintHeatmap with a cache', () => {
  /** A deterministic column of 4 bins from a seed. */
  const seeded = (seed: number): FittedHistogram => column(seed % 3, [(seed * 7) % 11, (seed * 5) % 13, (seed * 3) % 7, seed % 5], (seed * 2) % 3);

  it('paints exactly what a paint without cache paints, over a growing run whose arrays are recycled', () => {
    const cache = createHeatmapCache();
    const columns: FittedHistogram[] = [];
    const steps: number[] = [];
    for (let k = 0; k < 40; k++) {
      if (columns.length === 8) {
        // Thin as the history does, and hand a dropped array to the next snapshot.
        const dropped = columns[1];
        columns.splice(1, 1);
        steps.splice(1, 1);
        dropped.counts.set(seeded(k).counts);
        columns.push(dropped);
      } else {
        columns.push(seeded(k));
      }
      steps.push(k * 10);
      const cached = image(13, 6);
      const fresh = image(13, 6);
      paintHeatmap(cached, columns, steps, { valueRange: RANGE, stepDomain: [0, k * 10 + 10], lut: GREY, edgeRows: 1, gamma: 0.5, cache });
      paintHeatmap(fresh, columns, steps, { valueRange: RANGE, stepDomain: [0, k * 10 + 10], lut: GREY, edgeRows: 1, gamma: 0.5 });
      expect(Array.from(cached.data)).toEqual(Array.from(fresh.data));
    }
  });

  it('works the colours out again when the exponent or the ramp changes', () => {
    const cache = createHeatmapCache();
    const cols = [column(1, [0, 2, 0, 0], 0)];
    const img = image(1, 6);
    paintHeatmap(img, cols, [0], { valueRange: RANGE, stepDomain: [0, 1], lut: GREY, edgeRows: 1, gamma: 1, cache });
    expect(pixel(img, 0, 5)[0]).toBe(128);
    paintHeatmap(img, cols, [0], { valueRange: RANGE, stepDomain: [0, 1], lut: GREY, edgeRows: 1, gamma: 0.5, cache });
    expect(pixel(img, 0, 5)[0]).toBe(Math.round(255 * Math.sqrt(0.5)));
    const red = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) red[i * 3] = i;
    paintHeatmap(img, cols, [0], { valueRange: RANGE, stepDomain: [0, 1], lut: red, edgeRows: 1, gamma: 0.5, cache });
    expect(pixel(img, 0, 5)).toEqual([Math.round(255 * Math.sqrt(0.5)), 0, 0, 255]);
  });
});

describe('paintHeatmap on a chosen value range', () => {
  /** A snapshot of 100 values spread evenly over [lo, hi] in 4 fitted bins. */
  const even = (lo: number, hi: number): FittedHistogram => ({ min: lo, lo, hi, max: hi, counts: Uint32Array.from([0, 25, 25, 25, 25, 0]) });

  it('re-bins a narrow snapshot onto the range, so a spread of 0.1 fills the rows it covers and no others', () => {
    const img = image(1, 8);
    // 8 value rows over [-0.2, 0.2], no edges: values over [-0.1, 0.1] fill the middle 4 rows evenly.
    paintHeatmap(img, [even(-0.1, 0.1)], [0], { valueRange: [-0.2, 0.2], stepDomain: [0, 1], lut: GREY, edgeRows: 0, gamma: 1 });
    expect([0, 1, 6, 7].map((y) => pixel(img, 0, y)[3])).toEqual([0, 0, 0, 0]);
    for (const y of [2, 3, 4, 5]) expect(pixel(img, 0, y)[0]).toBe(255);
  });

  it('paints values off the range into the edge rows', () => {
    const img = image(1, 6);
    // Values over [0, 16] on the range [-8, 8]: half above it (top edge row), half in the top two value rows.
    paintHeatmap(img, [even(0, 16)], [0], { valueRange: RANGE, stepDomain: [0, 1], lut: GREY, edgeRows: 1, gamma: 1 });
    expect(pixel(img, 0, 0)[0]).toBe(255);
    expect(pixel(img, 0, 1)[0]).toBe(128);
    expect(pixel(img, 0, 2)[0]).toBe(128);
    expect(pixel(img, 0, 3)[3]).toBe(0);
  });

  it('works the colours out again when the value range changes', () => {
    const cache = createHeatmapCache();
    const cols = [even(-0.1, 0.1)];
    const img = image(1, 8);
    paintHeatmap(img, cols, [0], { valueRange: [-0.2, 0.2], stepDomain: [0, 1], lut: GREY, edgeRows: 0, gamma: 1, cache });
    expect(pixel(img, 0, 0)[3]).toBe(0);
    paintHeatmap(img, cols, [0], { valueRange: [-0.1, 0.1], stepDomain: [0, 1], lut: GREY, edgeRows: 0, gamma: 1, cache });
    for (let y = 0; y < 8; y++) expect(pixel(img, 0, y)[0]).toBe(255);
  });
});

describe('heatmap geometry', () => {
  it('sizes the image at least one pixel per snapshot, rounded up to a power of two, up to a cap; one row per bin plus edges', () => {
    expect(heatmapSize(10, 4, 600, 3)).toEqual({ width: 16, height: 10 });
    expect(heatmapSize(16, 4, 600, 3).width).toBe(16);
    expect(heatmapSize(17, 4, 600, 3).width).toBe(32);
    expect(heatmapSize(513, 4, 600, 3).width).toBe(600);
    expect(heatmapSize(5000, 4, 600, 3)).toEqual({ width: 600, height: 10 });
    expect(heatmapSize(0, 4, 600, 3).width).toBe(1);
    expect(heatmapSize(1, 4, 600, 3).width).toBe(1);
    expect(heatmapSize(1, 96, 600, 0).height).toBe(96);
  });

  it('resizes a growing run\'s image only a few times', () => {
    const widths = new Set(Array.from({ length: 1024 }, (_, n) => heatmapSize(n + 1, 4, 600, 3).width));
    expect(widths.size).toBe(11); // 1, 2, 4, ..., 512, 600
  });

  it('maps values to the rows the image stretches to', () => {
    // 4 rows + 2 x 3 edge rows = 10 rows over 100 px: 10 px per row, edges 30 px.
    const g = heatmapGeometry(RANGE, 4, 100, 3);
    expect(g.edgeHeight).toBe(30);
    expect(g.y(8)).toBe(30);
    expect(g.y(-8)).toBe(70);
    expect(g.y(0)).toBe(50);
  });

  it('gives the whole height to the values when there are no edge rows', () => {
    const g = heatmapGeometry([-0.2, 0.2], 96, 120, 0);
    expect(g.edgeHeight).toBe(0);
    expect(g.y(0.2)).toBe(0);
    expect(g.y(-0.2)).toBe(120);
  });

  it('samples a colour ramp end to end', () => {
    const lut = densityLut(['#000000', '#ffffff'], 3);
    expect(Array.from(lut)).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255]);
  });
});
