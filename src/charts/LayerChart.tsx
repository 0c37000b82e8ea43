/**
 * One hidden layer of one network: its nonlinearity-input distribution over training
 * (heatmap or ridgeline) and its figures (mean, std, drift, saturation) at the marked step.
 */
import { memo } from 'react';
import type { NetworkId } from '../experiment/types.ts';
import type { RunHistory } from '../store/types.ts';
import { chart, networkLabels } from '../theme.ts';
import { HeatmapView } from './HeatmapView.tsx';
import { formatFigure, layerFigures } from './layerStats.ts';
import { RidgelineView } from './RidgelineView.tsx';
import { columnIndexAt, stepDomain } from './timeAxis.ts';
import { useInView } from './useInView.ts';

export interface LayerChartProps {
  history: RunHistory;
  networkId: NetworkId;
  layerIdx: number;
  mode: 'heatmap' | 'ridgeline';
  width: number;
  /** Scrubbed step, or null to mark the live one. */
  scrubStep: number | null;
  onHoverStep?: (step: number | null) => void;
  /** This layer holds the unit Figure 1 (b, c) tracks. */
  tracked?: boolean;
  /** Track this layer in Figure 1 (b, c). */
  onTrack?: () => void;
}

/** The accessible name of a layer chart. */
export function layerChartLabel(networkId: NetworkId, layerIdx: number): string {
  return `${networkLabels[networkId]}, hidden layer ${layerIdx + 1}: input distribution over training`;
}

/**
 * A layer's distribution chart with its figures. Scrolled out of view it keeps its last picture and
 * skips the run's redraws (heatmap painting is the page's biggest cost); back in view it draws the latest.
 */
export function LayerChart(props: LayerChartProps) {
  const [ref, inView] = useInView<HTMLElement>();
  return (
    <figure ref={ref} className="layer-chart">
      <LayerChartBody {...props} active={inView} />
    </figure>
  );
}

/** While inactive (out of view) the body does not re-render, whatever its props. */
const LayerChartBody = memo(LayerChartContent, (prev, next) => !prev.active && !next.active);

function LayerChartContent({ history, networkId, layerIdx, mode, width, scrubStep, onHoverStep, tracked, onTrack }: LayerChartProps & { active: boolean }) {
  const net = history.networks.find((n) => n.id === networkId);
  const layer = net?.layers[layerIdx];
  const columns = layer?.columns ?? [];
  const steps = net?.steps ?? [];
  const xDomain = stepDomain(history);
  const markerStep = scrubStep ?? xDomain[1];
  const index = columnIndexAt(steps, markerStep);
  const f = layerFigures(layer, index);
  const under = formatFigure(f.underShare, true);
  const over = formatFigure(f.overShare, true);
  const label = layerChartLabel(networkId, layerIdx);
  return (
    <>
      <figcaption className="layer-caption">
        <span className="layer-title">{`Layer ${layerIdx + 1}`}</span>
        {onTrack ? (
          <button type="button" className="track-button" aria-pressed={!!tracked} onClick={onTrack}
            aria-label={`Track a unit of layer ${layerIdx + 1} in Figure 1`}>
            {tracked ? 'tracked' : 'track'}
          </button>
        ) : null}
        <span className="figures">
          {`mean ${formatFigure(f.mean)} · std ${formatFigure(f.std)} · drift ${formatFigure(f.drift)}/1k steps · saturated ${formatFigure(f.saturation, true)}`}
        </span>
      </figcaption>
      <div role="img" aria-label={label} className="layer-picture">
        {mode === 'heatmap' ? (
          <HeatmapView
            columns={columns}
            steps={steps}
            bins={history.bins}
            version={history.version}
            width={width}
            height={chart.layerHeight}
            xDomain={xDomain}
            markerStep={scrubStep === null ? null : markerStep}
            underLabel={under}
            overLabel={over}
            onHoverStep={onHoverStep}
          />
        ) : (
          <RidgelineView
            networkId={networkId}
            columns={columns}
            steps={steps}
            bins={history.bins}
            width={width}
            height={chart.layerHeight}
            markerStep={markerStep}
            underLabel={under}
            overLabel={over}
          />
        )}
      </div>
    </>
  );
}
