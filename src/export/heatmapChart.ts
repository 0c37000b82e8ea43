/**
 * An exported layer chart: the histogram of one hidden layer's nonlinearity inputs over training,
 * one heatmap panel per network (time x value, darker = more values), with title, axes, a colour key
 * and the out-of-range strips labelled. The density raster is an embedded PNG (src/export/png.ts).
 */
import { bisectRight } from 'd3-array';
import { interpolateRgbBasis } from 'd3-interpolate';
import { scaleLinear } from 'd3-scale';
import type { HistogramBins } from '../experiment/types.ts';
import { chart, colors, densityStops } from '../theme.ts';
import { pngDataUrl } from './png.ts';
import { safeDomain } from './lineChart.ts';
import { bottomAxis, leftAxis, num, svgDocument, text } from './svg.ts';
import type { Tick } from './svg.ts';

/** One network's panel. */
export interface HeatmapPanel {
  label: string;
  /** Label colour (the network's text colour). */
  color: string;
  /** Kept snapshot steps and their columns [under, counts..., over]. */
  steps: readonly number[];
  columns: readonly Uint32Array[];
  /** A line of figures under the label (mean, std... at the last step). */
  note?: string;
}

/** Everything an exported layer chart shows. */
export interface HeatmapChartSpec {
  title: string;
  subtitle?: string;
  footer?: string;
  width: number;
  bins: HistogramBins;
  xDomain: [number, number];
  yLabel: string;
  panels: readonly HeatmapPanel[];
}

/** Pixel columns of the raster at most. */
const MAX_COLUMNS = 360;
const EDGE_ROWS = chart.heatmapEdgeRows;
const PANEL_HEIGHT = 170;
const PANEL_GAP = 46;

let lut: Uint8Array | null = null;

/** 256 RGB triples of the density ramp (theme densityStops), low to high. */
function densityLut(): Uint8Array {
  if (lut) return lut;
  const ramp = interpolateRgbBasis([...densityStops]);
  lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(ramp(i / 255));
    if (m) lut.set([Number(m[1]), Number(m[2]), Number(m[3])], i * 3);
  }
  return lut;
}

/**
 * The RGBA raster of one panel: pixel column x shows the latest snapshot at or before the step at its
 * centre (transparent before the first); rows from the top: "over" edge rows, bins high to low, "under"
 * edge rows. Colour is the bin's count over its column's fullest bin, to the power chart.densityGamma;
 * empty cells are transparent.
 */
export function heatmapRaster(panel: HeatmapPanel, binCount: number, xDomain: [number, number]): { rgba: Uint8Array; width: number; height: number } {
  const n = Math.min(panel.steps.length, panel.columns.length);
  const width = Math.max(1, Math.min(MAX_COLUMNS, n));
  const height = binCount + 2 * EDGE_ROWS;
  const rgba = new Uint8Array(width * height * 4);
  const colours = densityLut();
  const [d0, d1] = safeDomain(xDomain);
  for (let px = 0; px < width && n > 0; px++) {
    const step = d0 + ((px + 0.5) / width) * (d1 - d0);
    const c = bisectRight(panel.steps.slice(0, n), step) - 1;
    if (c < 0) continue;
    const column = panel.columns[c];
    let most = 0;
    for (const count of column) if (count > most) most = count;
    if (most === 0) continue;
    for (let row = 0; row < height; row++) {
      const entry = row < EDGE_ROWS ? binCount + 1 : row >= EDGE_ROWS + binCount ? 0 : binCount - (row - EDGE_ROWS);
      const count = column[entry] ?? 0;
      if (count === 0) continue;
      const level = Math.round(255 * Math.pow(count / most, chart.densityGamma));
      const at = (row * width + px) * 4;
      rgba[at] = colours[level * 3];
      rgba[at + 1] = colours[level * 3 + 1];
      rgba[at + 2] = colours[level * 3 + 2];
      rgba[at + 3] = 255;
    }
  }
  return { rgba, width, height };
}

/** The SVG of a layer chart and its size (the height follows the number of panels). */
export function heatmapChartSvg(spec: HeatmapChartSpec): { svg: string; width: number; height: number } {
  const { width, bins } = spec;
  const left = 70;
  const right = width - 80;
  const parts: string[] = [];
  let y = 26;
  parts.push(text(16, y, spec.title, { size: 16, weight: 'bold' }));
  if (spec.subtitle) {
    y += 18;
    parts.push(text(16, y, spec.subtitle, { size: 12, fill: colors.muted }));
  }
  // Colour key: a gradient bar from few to many values.
  y += 14;
  const stops = densityStops.map((c, i) => `<stop offset="${num(i / (densityStops.length - 1))}" stop-color="${c}"/>`).join('');
  parts.push(`<defs><linearGradient id="density-key" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`);
  parts.push(text(16, y + 10, 'Fewer values', { size: 12, baseline: 'middle' }));
  parts.push(`<rect x="96" y="${num(y + 4)}" width="140" height="12" fill="url(#density-key)"/>`);
  parts.push(text(244, y + 10, 'more values (each step scaled to its fullest bin); white: none', { size: 12, baseline: 'middle' }));
  y += 30;
  const x = scaleLinear().domain(safeDomain(spec.xDomain)).range([left, right]);
  const xTicks: Tick[] = x.ticks(Math.max(2, Math.floor((right - left) / 90))).map((t) => ({ at: x(t), label: x.tickFormat(10, ',~d')(t) }));
  spec.panels.forEach((panel, p) => {
    const labelY = y + 14;
    parts.push(text(left, labelY, panel.label, { size: 13, weight: 'bold', fill: panel.color }));
    if (panel.note) parts.push(text(right, labelY, panel.note, { size: 11, anchor: 'end', fill: colors.muted }));
    const top = labelY + 8;
    const bottom = top + PANEL_HEIGHT;
    const rowHeight = PANEL_HEIGHT / (bins.count + 2 * EDGE_ROWS);
    const inTop = top + EDGE_ROWS * rowHeight;
    const inBottom = bottom - EDGE_ROWS * rowHeight;
    const yScale = scaleLinear().domain(safeDomain([bins.min, bins.max])).range([inBottom, inTop]);
    const raster = heatmapRaster(panel, bins.count, spec.xDomain);
    parts.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(PANEL_HEIGHT)}" fill="${colors.background}" stroke="${colors.grid}"/>`);
    parts.push(`<image x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(PANEL_HEIGHT)}" preserveAspectRatio="none" `
      + `style="image-rendering:pixelated" href="${pngDataUrl(raster.rgba, raster.width, raster.height)}"/>`);
    for (const edgeY of [inTop, inBottom]) {
      parts.push(`<line x1="${num(left)}" y1="${num(edgeY)}" x2="${num(right)}" y2="${num(edgeY)}" stroke="${colors.edgeHatch}" stroke-dasharray="3 3"/>`);
    }
    parts.push(text(right + 6, (top + inTop) / 2, `> ${bins.max}`, { size: 11, baseline: 'middle', fill: colors.muted }));
    parts.push(text(right + 6, (inBottom + bottom) / 2, `< ${bins.min}`, { size: 11, baseline: 'middle', fill: colors.muted }));
    const yTicks: Tick[] = yScale.ticks(5).map((t) => ({ at: yScale(t), label: yScale.tickFormat(5, '.3~g')(t) }));
    parts.push(leftAxis(yTicks, left, bottom, top, left, spec.yLabel));
    const isLast = p === spec.panels.length - 1;
    parts.push(bottomAxis(isLast ? xTicks : xTicks.map((t) => ({ ...t, label: '' })), left, right, bottom, isLast ? 'Training step' : ''));
    y = bottom + (isLast ? 40 : PANEL_GAP - 20);
  });
  const height = y + (spec.footer ? 28 : 12);
  if (spec.footer) parts.push(text(16, height - 10, spec.footer, { size: 10, fill: colors.muted }));
  return { svg: svgDocument(width, height, spec.title, parts.join('')), width, height };
}
