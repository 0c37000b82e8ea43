/**
 * A small bar histogram of one snapshot column, for the scrubber's readout.
 */
import type { HistogramBins, NetworkId } from '../experiment/types.ts';
import { chart, networkColors } from '../theme.ts';
import { round2 } from './paths.ts';

export interface HistogramBarsProps {
  label: string;
  networkId: NetworkId;
  /** [under, counts..., over], or undefined for none. */
  column: Uint32Array | undefined;
  bins: HistogramBins;
  width: number;
}

/**
 * Bars for the in-range bins of a column, heights as shares of the tallest bin.
 * All bars are one path: a hundred rects re-rendered on every snapshot cost more than the picture is worth.
 */
export function HistogramBars({ label, networkId, column, bins, width }: HistogramBarsProps) {
  const height = chart.readoutHeight;
  const d = barsPath(column && column.length === bins.count + 2 ? column.subarray(1, bins.count + 1) : new Uint32Array(0), width, height);
  return (
    <svg role="img" aria-label={label} width={width} height={height} className="chart histogram-bars">
      {d ? <path className="bars" d={d} fill={networkColors[networkId].stroke} /> : null}
    </svg>
  );
}


/** One closed sub-path per non-empty bar of `counts` across `width`, bottom-aligned in `height` (2 px headroom); '' when all are empty. */
export function barsPath(counts: ArrayLike<number>, width: number, height: number): string {
  let peak = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > peak) peak = counts[i];
  if (!(peak > 0)) return '';
  const step = width / Math.max(1, counts.length);
  const barW = round2(Math.max(0.5, step - 0.5));
  const parts: string[] = [];
  for (let i = 0; i < counts.length; i++) {
    const h = (counts[i] / peak) * (height - 2);
    if (h > 0) parts.push(`M${round2(i * step)},${height}v${round2(-h)}h${barW}v${round2(h)}z`);
  }
  return parts.join('');
}
