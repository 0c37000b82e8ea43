/**
 * The histogram-over-time heatmap, painted pixel by pixel into a small image that CSS scales up
 * (as TF Playground's heatmap): x is the step, y the value over the run's fixed bins, colour the density.
 * The out-of-range edge bins get `edgeRows` pixel rows each: "over" on top, "under" at the bottom.
 */
import { interpolateRgbBasis } from 'd3-interpolate';
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import type { HistogramBins } from '../experiment/types.ts';
import { columnIndexAt } from './timeAxis.ts';

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
 * maxColumns; one row per bin plus the edge rows.
 */
export function heatmapSize(columnCount: number, bins: HistogramBins, maxColumns: number, edgeRows: number): { width: number; height: number } {
  let width = 1;
  while (width < columnCount && width < maxColumns) width *= 2;
  return { width: Math.max(1, Math.min(width, maxColumns)), height: bins.count + 2 * edgeRows };
}

/** Options of paintHeatmap. */
export interface HeatmapOptions {
  /** Step range across the image width. */
  stepDomain: [number, number];
  lut: ColourLut;
  /** Pixel rows per edge bin. */
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
 * What one chart's repaints reuse: each column's colours (a column's counts change only when the
 * history recycles its array for a later step, so (array, step) names them), the packed colour ramp
 * and scratch arrays. A repaint then only copies colours: no colour maths and no allocation.
 */
export interface HeatmapCache {
  columns: WeakMap<Uint32Array, ColumnColours>;
  /** What the colours were worked out with; a change empties the cache. */
  lut: ColourLut | null;
  gamma: number;
  edgeRows: number;
  packedLut: Uint32Array;
  colOf: Int32Array;
}

/** An empty cache for one heatmap. */
export function createHeatmapCache(): HeatmapCache {
  return { columns: new WeakMap(), lut: null, gamma: NaN, edgeRows: -1, packedLut: new Uint32Array(0), colOf: new Int32Array(0) };
}

/** Byte order of this machine: typed-array pixels are packed to match it. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function pack(r: number, g: number, b: number): number {
  return (LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) : ((r << 24) | (g << 16) | (b << 8) | 255)) >>> 0;
}

/** Make `cache` fit `options` (emptied when the ramp, exponent or edge rows changed). */
function prepareCache(cache: HeatmapCache, options: HeatmapOptions): void {
  if (cache.lut === options.lut && cache.gamma === options.gamma && cache.edgeRows === options.edgeRows) return;
  const lut = options.lut;
  const levels = lut.length / 3;
  cache.packedLut = new Uint32Array(levels);
  for (let i = 0; i < levels; i++) cache.packedLut[i] = pack(lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]);
  cache.columns = new WeakMap();
  cache.lut = lut;
  cache.gamma = options.gamma;
  cache.edgeRows = options.edgeRows;
}

/**
 * The colours of one column, rows top to bottom: "over" in the first `edgeRows` rows, the bins from
 * the highest down, "under" in the last `edgeRows`; each bin's count relative to the column's fullest
 * bin (edge bins included), through the exponent, picks a ramp level; empty cells are transparent (0).
 */
function columnColours(column: Uint32Array, height: number, edgeRows: number, gamma: number, packedLut: Uint32Array, out: Uint32Array): void {
  const binCount = column.length - 2;
  let most = 0;
  for (let i = 0; i < column.length; i++) if (column[i] > most) most = column[i];
  const levels = packedLut.length;
  // The usual exponent, 0.5, as a square root: several times cheaper than Math.pow, equal to within an ulp.
  const sqrtGamma = gamma === 0.5;
  for (let r = 0; r < height; r++) {
    const bin = r < edgeRows ? binCount + 1 : r >= height - edgeRows ? 0 : binCount - (r - edgeRows);
    const count = column[bin];
    if (count === 0 || most <= 0) {
      out[r] = 0;
      continue;
    }
    const t = sqrtGamma ? Math.sqrt(count / most) : Math.pow(count / most, gamma);
    out[r] = packedLut[Math.min(levels - 1, Math.max(0, Math.round(t * (levels - 1))))];
  }
}

/**
 * Paint `columns` ([under, counts..., over] per snapshot at `steps`) into `image`.
 * Each pixel column shows the latest snapshot at or before the step at its centre (blank before the first).
 * Colour is the bin's count relative to the fullest bin of its own column (edge bins included), so every
 * snapshot shows its shape however wide it is (one global scale made wide late distributions invisible next to
 * a peaked init); empty cells are transparent. With `options.cache`, a column's colours are worked out once.
 */
export function paintHeatmap(image: PixelImage, columns: readonly Uint32Array[], steps: readonly number[], options: HeatmapOptions): void {
  const { width, height, data } = image;
  data.fill(0);
  const n = Math.min(columns.length, steps.length);
  if (n === 0 || width === 0) return;
  const binCount = columns[0].length - 2;
  const edgeRows = options.edgeRows;
  if (binCount < 1 || height !== binCount + 2 * edgeRows) return;

  const cache = options.cache ?? createHeatmapCache();
  prepareCache(cache, options);
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
      if (column.length !== binCount + 2) {
        colours = null;
        continue;
      }
      let entry = cache.columns.get(column);
      if (!entry || entry.step !== steps[c] || entry.rgba.length !== height) {
        entry = entry && entry.rgba.length === height ? entry : { step: steps[c], rgba: new Uint32Array(height) };
        entry.step = steps[c];
        columnColours(column, height, edgeRows, options.gamma, cache.packedLut, entry.rgba);
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
  /** Height of each edge strip in px. */
  edgeHeight: number;
  /** Value (within bins.min..max) to y px, from the plot's top. */
  y: ScaleLinear<number, number>;
}

/** The value scale matching the painted image, once CSS stretches it to `plotHeight`. */
export function heatmapGeometry(bins: HistogramBins, plotHeight: number, edgeRows: number): HeatmapGeometry {
  const edgeHeight = (plotHeight * edgeRows) / (bins.count + 2 * edgeRows);
  return {
    edgeHeight,
    y: scaleLinear().domain([bins.min, bins.max]).range([plotHeight - edgeHeight, edgeHeight]),
  };
}
