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

/** Pixel size of the heatmap image: one pixel column per snapshot (at most maxColumns), one row per bin plus the edge rows. */
export function heatmapSize(columnCount: number, bins: HistogramBins, maxColumns: number, edgeRows: number): { width: number; height: number } {
  return { width: Math.max(1, Math.min(columnCount, maxColumns)), height: bins.count + 2 * edgeRows };
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
}

/**
 * Paint `columns` ([under, counts..., over] per snapshot at `steps`) into `image`.
 * Each pixel column shows the latest snapshot at or before the step at its centre (blank before the first).
 * Colour is the bin's count relative to the fullest bin of its own column (edge bins included), so every
 * snapshot shows its shape however wide it is (one global scale made wide late distributions invisible next to
 * a peaked init); empty cells are transparent.
 */
export function paintHeatmap(image: PixelImage, columns: readonly Uint32Array[], steps: readonly number[], options: HeatmapOptions): void {
  const { width, height, data } = image;
  data.fill(0);
  const n = Math.min(columns.length, steps.length);
  if (n === 0 || width === 0) return;
  const binCount = columns[0].length - 2;
  const edgeRows = options.edgeRows;
  if (binCount < 1 || height !== binCount + 2 * edgeRows) return;

  const [d0, d1] = options.stepDomain;
  const colOf = new Int32Array(width);
  // Only the columns some pixel shows are measured (a long run keeps many more than the image is wide).
  const columnMax = new Float64Array(n).fill(-1);
  const keptSteps = steps.length === n ? steps : steps.slice(0, n);
  for (let x = 0; x < width; x++) {
    const s = d0 + ((x + 0.5) / width) * (d1 - d0);
    const c = s < steps[0] ? -1 : columnIndexAt(keptSteps, s);
    colOf[x] = c;
    if (c >= 0 && columnMax[c] < 0) {
      const column = columns[c];
      let most = 0;
      for (let i = 0; i < column.length; i++) if (column[i] > most) most = column[i];
      columnMax[c] = most;
    }
  }

  const lut = options.lut;
  const levels = lut.length / 3;
  // The usual exponent, 0.5, as a square root: several times cheaper than Math.pow, equal to within an ulp.
  const sqrtGamma = options.gamma === 0.5;
  // Row r of the image shows bin index binOfRow[r] of the column ([under, counts..., over]).
  const binOfRow = new Int32Array(height);
  for (let r = 0; r < height; r++) {
    if (r < edgeRows) binOfRow[r] = binCount + 1;
    else if (r >= height - edgeRows) binOfRow[r] = 0;
    else binOfRow[r] = binCount - (r - edgeRows);
  }
  for (let x = 0; x < width; x++) {
    const c = colOf[x];
    if (c < 0 || columnMax[c] <= 0) continue;
    const column = columns[c];
    for (let r = 0; r < height; r++) {
      const count = column[binOfRow[r]];
      if (count === 0) continue;
      const t = sqrtGamma ? Math.sqrt(count / columnMax[c]) : Math.pow(count / columnMax[c], options.gamma);
      const li = Math.min(levels - 1, Math.max(0, Math.round(t * (levels - 1)))) * 3;
      const p = (r * width + x) * 4;
      data[p] = lut[li];
      data[p + 1] = lut[li + 1];
      data[p + 2] = lut[li + 2];
      data[p + 3] = 255;
    }
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
