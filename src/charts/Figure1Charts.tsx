/**
 * The charts of the paper's Figure 1, drawn from a run's history at any size: (a) test accuracy
 * against training step, and (b, c, ...) one network's tracked-unit percentiles. The full page, the
 * embed and the presentation slide lay them out differently; what they draw is defined once here.
 */
import type { NetworkId } from '../experiment/types.ts';
import type { RunHistory } from '../store/types.ts';
import { networkLabels } from '../theme.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { accuracySeries, percentileDomain, percentileSeries } from './series.ts';
import { stepDomain } from './timeAxis.ts';

/** Size and marker of a Figure 1 chart. */
interface Figure1ChartProps {
  history: RunHistory | null;
  width: number;
  height: number;
  /** Scrubbed step, or null for the live one. */
  scrubStep: number | null;
}

/** Figure 1 (a): test accuracy of every network over training, 0-100%. */
export function AccuracyChart({ history, width, height, scrubStep }: Figure1ChartProps) {
  return (
    <SeriesChart
      label="Figure 1 (a): test accuracy of both networks over training"
      width={width}
      height={height}
      xDomain={stepDomain(history)}
      yDomain={[0, 1]}
      yFormat="percent"
      yTitle="test accuracy"
      lines={accuracySeries(history)}
      markerStep={scrubStep}
    />
  );
}

/** The letter of network number `index` in Figure 1: (b) for the first, (c), (d)... */
export const panelLetter = (index: number): string => String.fromCharCode(98 + index);

/**
 * Figure 1 (b, c, ...): network `id`'s tracked unit, median line and 15-85th percentile band, on its
 * own y scale or, with `sharedScale`, on one scale across every network.
 */
export function PercentileChart(props: Figure1ChartProps & { id: NetworkId; index: number; valueTitle: string; sharedScale?: boolean }) {
  const { history, id, width, height, scrubStep } = props;
  const net = history?.networks.find((n) => n.id === id);
  const p = net ? percentileSeries(net) : null;
  return (
    <SeriesChart
      label={`Figure 1 (${panelLetter(props.index)}): ${networkLabels[id]}, tracked unit's input percentiles over training`}
      width={width}
      height={height}
      xDomain={stepDomain(history)}
      yDomain={percentileDomain(history, props.sharedScale ? undefined : [id])}
      yTitle={props.valueTitle}
      lines={p ? [{ id, xs: p.xs, ys: p.p50 }] : []}
      bands={p ? [{ id, xs: p.xs, lo: p.p15, hi: p.p85 }] : []}
      markerStep={scrubStep}
    />
  );
}
