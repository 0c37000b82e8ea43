/**
 * An exported layer chart: the histogram of one hidden layer's nonlinearity inputs over training,
 * one heatmap panel per network (time x value, darker = more values), with title, axes, a colour key
 * and, when some values lie off a panel's range, the strips that hold them and an "n% off chart" plate.
 * Each panel is painted exactly as the page paints it (src/charts/heatmap.ts, over the value range
 * the page chooses from the data): a run at -95 or of std 0.003 fills its panel as on screen.
 * The density raster is an embedded PNG (src/export/png.ts).
 */
import { scaleLinear } from 'd3-scale';
import { createHeatmapCache, densityLut, EDGE_STRIP_THRESHOLD, heatmapGeometry, paintHeatmap } from '../charts/heatmap.ts';
import type { ColourLut } from '../charts/heatmap.ts';
import { OFF_CHART_WARNING } from '../charts/valueRange.ts';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import { chart, colors, densityMeaning, densityStops } from '../theme.ts';
import { pngDataUrl } from './png.ts';
import { safeDomain } from './lineChart.ts';
import { bottomAxis, leftAxis, num, svgDocument, text } from './svg.ts';
import type { Tick } from './svg.ts';

/** One network's panel. */
export interface HeatmapPanel {
  label: string;
  /** Label colour (the network's text colour). */
  color: string;
  /** Kept snapshot steps and one fitted histogram per snapshot (src/charts/layerRange.ts layerColumns). */
  steps: readonly number[];
  columns: readonly FittedHistogram[];
  /** The panel's value range (src/charts/layerRange.ts layerValueRange) and the largest share of a snapshot off it. */
  valueRange: [number, number];
  offChart: number;
  /** A line of figures under the label (mean, std... at the last step). */
  note?: string;
}

/** Everything an exported layer chart shows. */
export interface HeatmapChartSpec {
  title: string;
  subtitle?: string;
  footer?: string;
  width: number;
  xDomain: [number, number];
  yLabel: string;
  panels: readonly HeatmapPanel[];
}

/** Pixel columns of the raster at most. */
const MAX_COLUMNS = 360;
const PANEL_HEIGHT = 170;
const PANEL_GAP = 46;

let lut: ColourLut | null = null;

/** Edge rows a panel gets: the page's, when some snapshot has enough values off its range to show. */
function edgeRowsOf(panel: HeatmapPanel): number {
  return panel.offChart >= EDGE_STRIP_THRESHOLD ? chart.heatmapEdgeRows : 0;
}

/**
 * The RGBA raster of one panel, painted as the page paints it (src/charts/heatmap.ts paintHeatmap):
 * pixel column x shows the latest snapshot at or before the step at its centre (transparent before the
 * first); rows from the top: the values above the range (edge rows, when any), the range high to low,
 * the values below. Colour is a cell's count over its column's fullest cell, through chart.densityGamma;
 * empty cells are transparent.
 */
export function heatmapRaster(panel: HeatmapPanel, xDomain: [number, number]): { rgba: Uint8Array; width: number; height: number } {
  const n = Math.min(panel.steps.length, panel.columns.length);
  const width = Math.max(1, Math.min(MAX_COLUMNS, n));
  const edgeRows = edgeRowsOf(panel);
  const height = chart.heatmapRows + 2 * edgeRows;
  const data = new Uint8ClampedArray(width * height * 4);
  lut ??= densityLut(densityStops);
  paintHeatmap({ data, width, height }, panel.columns, panel.steps, {
    stepDomain: safeDomain(xDomain), valueRange: panel.valueRange, lut, edgeRows, gamma: chart.densityGamma, cache: createHeatmapCache(),
  });
  return { rgba: new Uint8Array(data.buffer), width, height };
}

/** "23% off chart" when a panel leaves more than OFF_CHART_WARNING of some snapshot out, else null (the page's plate). */
export function offChartWords(share: number): string | null {
  return share > OFF_CHART_WARNING ? `${Math.round(share * 100)}% off chart` : null;
}

/** The SVG of a layer chart and its size (the height follows the number of panels). */
export function heatmapChartSvg(spec: HeatmapChartSpec): { svg: string; width: number; height: number } {
  const { width } = spec;
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
  parts.push(text(244, y + 10, `more values (colour: ${densityMeaning}, per step); white: none`, { size: 12, baseline: 'middle' }));
  y += 30;
  const x = scaleLinear().domain(safeDomain(spec.xDomain)).range([left, right]);
  const xTicks: Tick[] = x.ticks(Math.max(2, Math.floor((right - left) / 90))).map((t) => ({ at: x(t), label: x.tickFormat(10, ',~d')(t) }));
  spec.panels.forEach((panel, p) => {
    const labelY = y + 14;
    parts.push(text(left, labelY, panel.label, { size: 13, weight: 'bold', fill: panel.color }));
    if (panel.note) parts.push(text(right, labelY, panel.note, { size: 11, anchor: 'end', fill: colors.muted }));
    const top = labelY + 8;
    const bottom = top + PANEL_HEIGHT;
    const edgeRows = edgeRowsOf(panel);
    const [lo, hi] = safeDomain(panel.valueRange);
    const { edgeHeight, y: yInPanel } = heatmapGeometry([lo, hi], chart.heatmapRows, PANEL_HEIGHT, edgeRows);
    const yScale = yInPanel.copy().range(yInPanel.range().map((v) => v + top));
    const raster = heatmapRaster(panel, spec.xDomain);
    parts.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(PANEL_HEIGHT)}" fill="${colors.background}" stroke="${colors.grid}"/>`);
    parts.push(`<image x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(PANEL_HEIGHT)}" preserveAspectRatio="none" `
      + `style="image-rendering:pixelated" href="${pngDataUrl(raster.rgba, raster.width, raster.height)}"/>`);
    if (edgeRows > 0) {
      const inTop = top + edgeHeight;
      const inBottom = bottom - edgeHeight;
      for (const edgeY of [inTop, inBottom]) {
        parts.push(`<line x1="${num(left)}" y1="${num(edgeY)}" x2="${num(right)}" y2="${num(edgeY)}" stroke="${colors.edgeHatch}" stroke-dasharray="3 3"/>`);
      }
      const format = yScale.tickFormat(5, '.3~g');
      parts.push(text(right + 6, (top + inTop) / 2, `> ${format(hi)}`, { size: 11, baseline: 'middle', fill: colors.muted }));
      parts.push(text(right + 6, (inBottom + bottom) / 2, `< ${format(lo)}`, { size: 11, baseline: 'middle', fill: colors.muted }));
    }
    const warning = offChartWords(panel.offChart);
    if (warning) parts.push(text(right - 6, top + 14, warning, { size: 11, anchor: 'end', weight: 'bold', fill: colors.error }));
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
