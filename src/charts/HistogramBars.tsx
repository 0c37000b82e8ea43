/**
 * A small bar histogram of one snapshot column, for the scrubber's readout.
 */
import { scaleLinear } from 'd3-scale';
import type { HistogramBins, NetworkId } from '../experiment/types.ts';
import { chart, networkColors } from '../theme.ts';

export interface HistogramBarsProps {
  label: string;
  networkId: NetworkId;
  /** [under, counts..., over], or undefined for none. */
  column: Uint32Array | undefined;
  bins: HistogramBins;
  width: number;
}

/** Bars for the in-range bins of a column, heights as shares of the tallest bin. */
export function HistogramBars({ label, networkId, column, bins, width }: HistogramBarsProps) {
  const height = chart.readoutHeight;
  const counts = column && column.length === bins.count + 2 ? Array.from(column.subarray(1, bins.count + 1)) : [];
  const peak = Math.max(0, ...counts);
  const x = scaleLinear().domain([0, Math.max(1, counts.length)]).range([0, width]);
  const barW = Math.max(0.5, x(1) - x(0) - 0.5);
  return (
    <svg role="img" aria-label={label} width={width} height={height} className="chart histogram-bars">
      {peak > 0
        ? counts.map((c, i) => {
            const h = (c / peak) * (height - 2);
            return <rect key={i} x={x(i)} y={height - h} width={barW} height={h} fill={networkColors[networkId].stroke} />;
          })
        : null}
    </svg>
  );
}
