/**
 * The histogram-over-time heatmap, painted pixel by pixel into a small image that CSS scales up
 * (as TF Playground's heatmap): x is the step, y the value over the chart's range (each snapshot's
 * fitted histogram re-binned onto it, ./valueRange.ts), colour the density. Values off the range
 * may get `edgeRows` pixel rows each side: above on top, below at the bottom.
 */
import { interpolateRgbBasis } from 'd3-interpolate';
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import { columnIndexAt } from './timeAxis.ts';
import { resample } from './valueRange.ts';

/** Off-range share (of some snapshot) from which a heatmap gets its edge strips: a chart's range leaves out at most 0.4% of any snapshot by design. */
export const EDGE_STRIP_THRESHOLD = 0.01;

/** An RGBA pixel buffer: a canvas ImageData or a plain stand-in in tests. */
export interface PixelImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** 256 RGB triples from low to high density. */
export type ColourLut = Uint8Array;

/** Sample a colour ramp into a lookup table of `size` RGB triples. */
export function densityLut(stops: readonly string[], size = 256): ColourLut {
  const ramp = interpolateRgbBasis([...stops]);
  const lut = new Uint8Array(size * 3);
  for (let i = 0; i < size; i++) {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(ramp(size === 1 ? 0 : i / (size - 1)));
    if (m) {
      lut[i * 3] = Number(m[1]);
      lut[i * 3 + 1] = Number(m[2]);
      lut[i * 3 + 2] = Number(m[3]);
    }
  }
  return lut;
}

/**
 * Pixel size of the heatmap image: at least one pixel column per snapshot, the count rounded up to a
 * power of two (so a growing run resizes its canvas a dozen times, not on every snapshot), at most
 * maxColumns; `rows` value rows plus the edge rows.
 */
export function heatmapSize(columnCount: number, rows: number, maxColumns: number, edgeRows: number): { width: number; height: number } {
  let width = 1;
  while (width < columnCount && width < maxColumns) width *= 2;
  return { width: Math.max(1, Math.min(width, maxColumns)), height: Math.max(1, rows) + 2 * edgeRows };
}

/** Options of paintHeatmap. */
export interface HeatmapOptions {
  /** Step range across the image width. */
  stepDomain: [number, number];
  /** Value range up the value rows (the chart's, from valueRange.ts displayRange). */
  valueRange: [number, number];
  lut: ColourLut;
  /** Pixel rows above and below the value rows for the values off the range (0: none). */
  edgeRows: number;
  /** Density exponent (< 1 lifts thin tails). */
  gamma: number;
  /** Colours kept between repaints of one chart (createHeatmapCache); without it each paint works them out afresh. */
  cache?: HeatmapCache;
}

/** One snapshot column's pixel colours (packed RGBA, top row first), for the step they were worked out at. */
interface ColumnColours {
  step: number;
  rgba: Uint32Array;
}

/**
 * What one chart's repaints reuse: each column's colours (a column's histogram changes only when the
 * history recycles it for a later step, so (object, step) names them), the packed colour ramp
 * and scratch arrays. A repaint then only copies colours: no colour maths and no allocation.
 */
export interface HeatmapCache {
  columns: WeakMap<FittedHistogram, ColumnColours>;
  /** What the colours were worked out with; a change empties the cache. */
  lut: ColourLut | null;
  gamma: number;
  edgeRows: number;
  height: number;
  lo: number;
  hi: number;
  packedLut: Uint32Array;
  colOf: Int32Array;
  rows: Float64Array;
}

/** An empty cache for one heatmap. */
export function createHeatmapCache(): HeatmapCache {
  return {
    columns: new WeakMap(), lut: null, gamma: NaN, edgeRows: -1, height: -1, lo: NaN, hi: NaN,
    packedLut: new Uint32Array(0), colOf: new Int32Array(0), rows: new Float64Array(0),
  };
}

/** Byte order of this machine: typed-array pixels are packed to match it. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function pack(r: number, g: number, b: number): number {
  return (LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) : ((r << 24) | (g << 16) | (b << 8) | 255)) >>> 0;
}

/** Make `cache` fit `options` and the image height (emptied when the ramp, exponent, rows or value range changed). */
function prepareCache(cache: HeatmapCache, options: HeatmapOptions, height: number): void {
  const [lo, hi] = options.valueRange;
  if (cache.lut === options.lut && cache.gamma === options.gamma && cache.edgeRows === options.edgeRows
    && cache.height === height && cache.lo === lo && cache.hi === hi) return;
  const lut = options.lut;
  const levels = lut.length / 3;
  if (cache.lut !== lut) {
    cache.packedLut = new Uint32Array(levels);
    for (let i = 0; i < levels; i++) cache.packedLut[i] = pack(lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]);
  }
  cache.columns = new WeakMap();
  Object.assign(cache, { lut, gamma: options.gamma, edgeRows: options.edgeRows, height, lo, hi });
  if (cache.rows.length < height) cache.rows = new Float64Array(height);
}

/**
 * The colours of one column, rows top to bottom: the values above the range in the first `edgeRows`
 * rows, the value rows from the highest down, the values below in the last `edgeRows`; each cell's
 * count relative to the column's fullest cell (edges included), through the exponent, picks a ramp
 * level; empty cells are transparent (0), so the page's background shows.
 */
function columnColours(h: FittedHistogram, height: number, cache: HeatmapCache, out: Uint32Array): void {
  const { edgeRows, gamma, packedLut } = cache;
  const valueRows = height - 2 * edgeRows;
  const { rows, below, above } = resample(h, cache.lo, cache.hi, valueRows, cache.rows);
  let most = edgeRows > 0 ? Math.max(below, above) : 0;
  for (let i = 0; i < valueRows; i++) if (rows[i] > most) most = rows[i];
  const levels = packedLut.length;
  // The usual exponent, 0.5, as a square root: several times cheaper than Math.pow, equal to within an ulp.
  const sqrtGamma = gamma === 0.5;
  for (let r = 0; r < height; r++) {
    const count = r < edgeRows ? above : r >= height - edgeRows ? below : rows[valueRows - 1 - (r - edgeRows)];
    // Less than a thousandth of a value in a cell (a sliver of a wide source bin) reads as empty.
    if (!(count > 1e-3) || most <= 0) {
      out[r] = 0;
      continue;
    }
    const t = sqrtGamma ? Math.sqrt(count / most) : Math.pow(count / most, gamma);
    out[r] = packedLut[Math.min(levels - 1, Math.max(0, Math.round(t * (levels - 1))))];
  }
}

/**
 * Paint `columns` (one fitted histogram per snapshot at `steps`) into `image`, re-binned onto the
 * value range. Each pixel column shows the latest snapshot at or before the step at its centre
 * (blank before the first). Colour is a cell's count relative to the fullest cell of its own column,
 * so every snapshot shows its shape however wide it is (one global scale made wide late distributions
 * invisible next to a peaked init); empty cells are transparent. With `options.cache`, a column's
 * colours are worked out once per value range.
 */
export function paintHeatmap(image: PixelImage, columns: readonly FittedHistogram[], steps: readonly number[], options: HeatmapOptions): void {
  const { width, height, data } = image;
  data.fill(0);
  const n = Math.min(columns.length, steps.length);
  const [lo, hi] = options.valueRange;
  if (n === 0 || width === 0 || height - 2 * options.edgeRows < 1 || !(hi > lo)) return;

  const cache = options.cache ?? createHeatmapCache();
  prepareCache(cache, options, height);
  if (cache.colOf.length < width) cache.colOf = new Int32Array(width);
  const colOf = cache.colOf;
  const [d0, d1] = options.stepDomain;
  const keptSteps = steps.length === n ? steps : steps.slice(0, n);
  for (let x = 0; x < width; x++) {
    const s = d0 + ((x + 0.5) / width) * (d1 - d0);
    colOf[x] = s < steps[0] ? -1 : columnIndexAt(keptSteps, s);
  }

  const pixels = new Uint32Array(data.buffer, data.byteOffset, width * height);
  let previous = -2;
  let colours: Uint32Array | null = null;
  for (let x = 0; x < width; x++) {
    const c = colOf[x];
    if (c < 0) continue;
    if (c !== previous) {
      previous = c;
      const column = columns[c];
      let entry = cache.columns.get(column);
      if (!entry || entry.step !== steps[c]) {
        entry = entry ?? { step: steps[c], rgba: new Uint32Array(height) };
        entry.step = steps[c];
        columnColours(column, height, cache, entry.rgba);
        cache.columns.set(column, entry);
      }
      colours = entry.rgba;
    }
    if (!colours) continue;
    for (let r = 0, p = x; r < height; r++, p += width) pixels[p] = colours[r];
  }
}

/** Where values and edge strips sit in a heatmap plot `plotHeight` px tall. */
export interface HeatmapGeometry {
  /** Height of each edge strip in px (0 without edge rows). */
  edgeHeight: number;
  /** Value (within the value range) to y px, from the plot's top. */
  y: ScaleLinear<number, number>;
}

/** The value scale matching the painted image (`rows` value rows, `edgeRows` each side), once CSS stretches it to `plotHeight`. */
export function heatmapGeometry(valueRange: [number, number], rows: number, plotHeight: number, edgeRows: number): HeatmapGeometry {
  const edgeHeight = (plotHeight * edgeRows) / (rows + 2 * edgeRows);
  return {
    edgeHeight,
    y: scaleLinear().domain(valueRange).range([plotHeight - edgeHeight, edgeHeight]),
  };
}
