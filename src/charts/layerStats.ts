/**
 * The small figures printed beside each layer chart, read at one snapshot column.
 */
import type { LayerHistory } from '../store/types.ts';

/** A layer's figures at one snapshot; null where missing or non-finite. */
export interface LayerFigures {
  mean: number | null;
  std: number | null;
  drift: number | null;
  driftRaw: number | null;
  saturation: number | null;
  /** Share of values below bins.min / above bins.max. */
  underShare: number | null;
  overShare: number | null;
  under: number;
  over: number;
}

const finiteOrNull = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The figures of `layer` at column `index` (all null when the index is out of range). */
export function layerFigures(layer: LayerHistory | undefined, index: number): LayerFigures {
  const col = layer && index >= 0 ? layer.columns[index] : undefined;
  let total = 0;
  if (col) for (const v of col) total += v;
  const under = col ? col[0] : 0;
  const over = col ? col[col.length - 1] : 0;
  return {
    mean: finiteOrNull(layer?.mean[index]),
    std: finiteOrNull(layer?.std[index]),
    drift: finiteOrNull(layer?.drift[index]),
    driftRaw: finiteOrNull(layer?.driftRaw?.[index]),
    saturation: finiteOrNull(layer?.saturation[index]),
    underShare: total > 0 ? under / total : null,
    overShare: total > 0 ? over / total : null,
    under,
    over,
  };
}

/** A figure for small text: 3 significant digits, never an exponent ("<0.001", "12.3k"), or an en dash when missing. */
export function formatFigure(v: number | null, percent = false): string {
  if (v === null) return '–';
  if (percent) return v === 0 ? '0%' : `${(v * 100).toFixed(v * 100 >= 10 ? 0 : 1)}%`;
  // No exponent: tiny values read as under a thousandth, large ones in thousands or millions (SI).
  if (v !== 0 && Math.abs(v) < 1e-3) return v > 0 ? '<0.001' : '>−0.001';
  if (Math.abs(v) >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (Math.abs(v) >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return Number(v.toPrecision(3)).toString();
}

/** Format a bin edge for labels: "-8", "8", "0.5". */
export function formatEdge(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
