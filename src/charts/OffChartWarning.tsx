/**
 * The words a layer chart shows when more than OFF_CHART_WARNING of some snapshot's values lie
 * outside its value range: "23% off chart", on a plate in the plot's top right corner.
 */
import { OFF_CHART_WARNING } from './valueRange.ts';

export interface OffChartWarningProps {
  /** Largest share (0..1) of a snapshot's values off the chart. */
  share: number;
  /** Right edge of the plot, px (the plate is drawn right-aligned there). */
  x: number;
}

/** The warning as an SVG group, or nothing when the share is at or under the threshold. */
export function OffChartWarning({ share, x }: OffChartWarningProps) {
  if (!(share > OFF_CHART_WARNING)) return null;
  const text = `${Math.round(share * 100)}% off chart`;
  const width = text.length * 6.2 + 10;
  return (
    <g className="off-chart-warning" data-testid="off-chart-warning" transform={`translate(${x - width - 2},2)`}>
      <title>{`Up to ${text}: some snapshots have values outside this chart's range`}</title>
      <rect width={width} height={16} rx={3} className="off-chart-plate" />
      <text x={width / 2} y={12} textAnchor="middle" className="off-chart-text">{text}</text>
    </g>
  );
}
