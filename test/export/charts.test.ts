// @vitest-environment jsdom
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { densityStops } from '../../src/theme.ts';
import { exportCharts, percentileExtent } from '../../src/export/charts.ts';
import { heatmapRaster } from '../../src/export/heatmapChart.ts';
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
    expect(png.readUInt32BE(20)).toBe(history.bins.count + 6);
    expect(inflateSync(png.subarray(41, 41 + png.readUInt32BE(33))).length).toBeGreaterThan(0);
  });
});

describe('heatmapRaster', () => {
  it('colours each column relative to its fullest bin, high values on top, empty cells transparent', () => {
    const column = Uint32Array.from([0, 1, 0, 4, 2]); // under, 3 bins, over
    const { rgba, width, height } = heatmapRaster({ label: '', color: '', steps: [0], columns: [column] }, 3, [0, 1]);
    expect([width, height]).toEqual([1, 9]);
    const alpha = Array.from({ length: height }, (_, row) => rgba[row * 4 + 3]);
    // rows: 3 over rows (2), bin 2 (4), bin 1 (0), bin 0 (1), 3 under rows (0).
    expect(alpha).toEqual([255, 255, 255, 255, 0, 255, 0, 0, 0]);
    // The fullest bin takes the last stop of the theme's density ramp (its darkest on the light page).
    const last = densityStops[densityStops.length - 1];
    expect([...rgba.subarray(12, 15)]).toEqual([1, 3, 5].map((i) => parseInt(last.slice(i, i + 2), 16)));
  });

  it('leaves pixel columns before the first snapshot blank', () => {
    const { rgba } = heatmapRaster({ label: '', color: '', steps: [50, 100], columns: [Uint32Array.from([0, 1, 0]), Uint32Array.from([0, 1, 0])] }, 1, [0, 100]);
    // Two pixel columns at steps 25 and 75; the bin is row 3 (after three "over" rows).
    expect(rgba[(3 * 2 + 0) * 4 + 3]).toBe(0);
    expect(rgba[(3 * 2 + 1) * 4 + 3]).toBe(255);
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
