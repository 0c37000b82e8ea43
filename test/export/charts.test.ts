// @vitest-environment jsdom
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chart, densityStops } from '../../src/theme.ts';
import { fittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import { displayRange, offChartShare } from '../../src/charts/valueRange.ts';
import { exportCharts, percentileExtent } from '../../src/export/charts.ts';
import { heatmapRaster } from '../../src/export/heatmapChart.ts';
import type { HeatmapPanel } from '../../src/export/heatmapChart.ts';
import { lineChartSvg } from '../../src/export/lineChart.ts';
import { sessionHistory, SMALL_CONFIG } from './sessionHistory.ts';

const history = sessionHistory(SMALL_CONFIG, [25, 25, 50, 50, 50, 100]);
const context = { config: SMALL_CONFIG, presetId: null };

/** Parse `svg` as XML; fails the test on a parser error. */
function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(doc.documentElement.tagName).toBe('svg');
  return doc;
}

/** Attributes anywhere in `doc` whose value says NaN, Infinity or undefined. */
function badAttributes(doc: Document): string[] {
  const bad: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    for (const attr of Array.from(el.attributes)) if (/NaN|Infinity|undefined/.test(attr.value)) bad.push(`${el.tagName}.${attr.name}=${attr.value}`);
  }
  return bad;
}

const texts = (doc: Document): string[] => Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');

describe('exported charts', () => {
  const charts = exportCharts(history, context);

  it('are Figure 1 (a, b, c), the loss and one heatmap per hidden layer', () => {
    expect(charts.map((c) => c.id)).toEqual(['figure1a', 'figure1b', 'figure1c', 'loss', 'layer1', 'layer2']);
  });

  it.each(['figure1a', 'figure1b', 'figure1c', 'loss', 'layer1', 'layer2'])('%s is well-formed SVG with a title, axes, legend and no NaN', (id) => {
    const { svg, width, height } = charts.find((c) => c.id === id)!.build();
    const doc = parse(svg);
    expect(doc.documentElement.getAttribute('width')).toBe(String(width));
    expect(doc.documentElement.getAttribute('height')).toBe(String(height));
    expect(height).toBeGreaterThan(200);
    const all = texts(doc);
    expect(doc.getElementsByTagName('title')[0].textContent).toBe(all[0]);
    expect(all).toContain('Training step');
    expect(all.some((t) => /^Input to the tanh|^Test accuracy|^Training loss/.test(t))).toBe(true);
    expect(all.some((t) => t.startsWith('BatchNorm Explorer · Custom settings · step 300'))).toBe(true);
    expect(all.some((t) => / BN\b/.test(t))).toBe(true);
    expect(badAttributes(doc)).toEqual([]);
    // Ticks: the x axis reaches the last step.
    expect(all).toContain('300');
  });

  it('label Figure 1 (b) with the tracked unit and its network', () => {
    const doc = parse(charts[1].build().svg);
    expect(texts(doc)).toContain('Figure 1 (b): Without BN, input of one tanh over training');
    expect(texts(doc).some((t) => t.startsWith('Unit 2 of hidden layer 2'))).toBe(true);
    expect(doc.getElementsByTagName('path').length).toBeGreaterThanOrEqual(2);
  });

  it('draw test accuracy at the history\'s points: one path per network through every evaluation', () => {
    const doc = parse(charts[0].build().svg);
    const lines = Array.from(doc.getElementsByTagName('path')).filter((p) => p.getAttribute('fill') === 'none');
    expect(lines).toHaveLength(2);
    // M + one L per further point.
    expect((lines[0].getAttribute('d') ?? '').split(/[ML]/).filter(Boolean)).toHaveLength(history.networks[0].testSteps.length);
  });

  it('leave gaps for missing and non-finite values rather than write NaN', () => {
    const svg = lineChartSvg({
      title: 'T <&> "q"', width: 400, height: 300, xLabel: 'x', yLabel: 'y', xDomain: [0, NaN], yDomain: [Infinity, -Infinity], yType: 'log',
      lines: [{ xs: [0, 1, 2, NaN, 4], ys: [1, null, NaN, 2, -1], color: '#000' }],
      bands: [{ xs: [0, 1], lo: [NaN, 1], hi: [2, Infinity], fill: '#ccc' }],
      legend: [{ label: 'a & b', color: '#000', kind: 'line' }],
    });
    const doc = parse(svg);
    expect(badAttributes(doc)).toEqual([]);
    expect(texts(doc)).toContain('T <&> "q"');
    expect(texts(doc)).toContain('a & b');
  });

  it('embed each heatmap panel as a PNG of one pixel column per snapshot', () => {
    const doc = parse(charts[4].build().svg);
    const images = Array.from(doc.getElementsByTagName('image'));
    expect(images).toHaveLength(2);
    const href = images[0].getAttribute('href') ?? '';
    expect(href).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(href.split(',')[1], 'base64');
    expect(png.readUInt32BE(16)).toBe(history.networks[0].steps.length);
    // The page's value rows, plus edge rows only when some values lie off the range.
    expect([chart.heatmapRows, chart.heatmapRows + 2 * chart.heatmapEdgeRows]).toContain(png.readUInt32BE(20));
    expect(inflateSync(png.subarray(41, 41 + png.readUInt32BE(33))).length).toBeGreaterThan(0);
  });
});

/** A fitted histogram of `n` values spread evenly over [centre - half, centre + half]. */
function evenly(centre: number, half: number, n = 400): FittedHistogram {
  const values = Array.from({ length: n }, (_, i) => centre - half + (2 * half * (i + 0.5)) / n);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return fittedHistogram(values, mean, std);
}

function panelOf(columns: FittedHistogram[], steps: number[], valueRange = displayRange(columns)): HeatmapPanel {
  const offChart = Math.max(0, ...columns.map((h) => offChartShare(h, valueRange[0], valueRange[1])));
  return { label: '', color: '', steps, columns, valueRange, offChart };
}

/** Rows (top first) of pixel column `x` that are painted. */
function paintedRows(raster: { rgba: Uint8Array; width: number; height: number }, x = 0): number[] {
  const rows: number[] = [];
  for (let r = 0; r < raster.height; r++) if (raster.rgba[(r * raster.width + x) * 4 + 3] === 255) rows.push(r);
  return rows;
}

describe('heatmapRaster', () => {
  it('fills the panel with a layer far outside the old fixed -8..8 bins (LR x30: the plain network at -95)', () => {
    const raster = heatmapRaster(panelOf([evenly(-95, 4)], [0]), [0, 1]);
    expect(raster.height).toBe(chart.heatmapRows);
    // The values span the range, so most value rows are painted (the fixed bins left the panel blank).
    expect(paintedRows(raster).length).toBeGreaterThan(0.8 * chart.heatmapRows);
  });

  it('resolves a hairline layer (std 0.003) across the panel', () => {
    const raster = heatmapRaster(panelOf([evenly(0.5, 0.005)], [0]), [0, 1]);
    expect(paintedRows(raster).length).toBeGreaterThan(0.8 * chart.heatmapRows);
  });

  it('puts high values on top, colours relative to the column\'s fullest cell, and leaves empty cells transparent', () => {
    // Values around +2 only, on a range of [-4, 4]: painted rows are in the upper half, the lower half is empty.
    const raster = heatmapRaster(panelOf([evenly(2, 0.5)], [0], [-4, 4]), [0, 1]);
    const rows = paintedRows(raster);
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows)).toBeLessThan(raster.height / 2);
    // The column's fullest cell takes the ramp's last stop (its darkest on the light page).
    const last = densityStops[densityStops.length - 1];
    const colours = rows.map((r) => [...raster.rgba.subarray(r * 4, r * 4 + 3)].join(','));
    expect(colours).toContain([1, 3, 5].map((i) => parseInt(last.slice(i, i + 2), 16)).join(','));
  });

  it('gives the values off the range their own edge rows when there are enough of them', () => {
    // Half the values above a range of [-1, 1]: edge rows on top hold them.
    const panel = panelOf([evenly(1, 1)], [0], [-1, 1]);
    expect(panel.offChart).toBeGreaterThan(0.3);
    const raster = heatmapRaster(panel, [0, 1]);
    expect(raster.height).toBe(chart.heatmapRows + 2 * chart.heatmapEdgeRows);
    const rows = paintedRows(raster);
    expect(rows).toContain(0);
    expect(rows).not.toContain(raster.height - 1);
  });

  it('leaves pixel columns before the first snapshot blank', () => {
    const raster = heatmapRaster(panelOf([evenly(0, 1), evenly(0, 1)], [50, 100]), [0, 100]);
    expect(raster.width).toBe(2);
    // Two pixel columns at steps 25 and 75.
    expect(paintedRows(raster, 0)).toEqual([]);
    expect(paintedRows(raster, 1).length).toBeGreaterThan(0);
  });
});

describe('percentileExtent', () => {
  it('spans every network\'s percentiles with 5% padding', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const n of history.networks) for (const t of n.tracked) if (t) [lo, hi] = [Math.min(lo, t.p15), Math.max(hi, t.p85)];
    const [a, b] = percentileExtent(history.networks);
    expect(a).toBeCloseTo(lo - 0.05 * (hi - lo), 12);
    expect(b).toBeCloseTo(hi + 0.05 * (hi - lo), 12);
  });
});
