/**
 * One hidden layer of one network: its nonlinearity-input distribution over training
 * (heatmap or ridgeline) and its figures (mean, std, drift, saturation) at the marked step.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { NetworkId } from '../experiment/types.ts';
import type { RunHistory } from '../store/types.ts';
import { chart, networkLabels } from '../theme.ts';
import { HeatmapView } from './HeatmapView.tsx';
import { layerColumns, layerValueRange, worstOffChart } from './layerRange.ts';
import { formatFigure, layerFigures } from './layerStats.ts';
import { RidgelineView } from './RidgelineView.tsx';
import { columnIndexAt, stepDomain } from './timeAxis.ts';
import { OFFSCREEN_REFRESH_MS, useInView } from './useInView.ts';

export interface LayerChartProps {
  history: RunHistory;
  networkId: NetworkId;
  layerIdx: number;
  mode: 'heatmap' | 'ridgeline';
  width: number;
  /** Height of the picture, px (default chart.layerHeight): presentation mode fits it to the screen. */
  height?: number;
  /** Scrubbed step, or null to mark the live one. */
  scrubStep: number | null;
  /** The nonlinearity saturates (sigmoid, tanh): show the saturated share; false for ReLU. */
  saturates?: boolean;
  onHoverStep?: (step: number | null) => void;
  /** This layer holds the unit Figure 1 (b, c) tracks. */
  tracked?: boolean;
  /** Track this layer in Figure 1 (b, c). */
  onTrack?: () => void;
  /** Title of the value axis (default "input to the nonlinearity"): say which, "input to the sigmoid". */
  valueTitle?: string;
  /** One value range for this layer's charts in every network (default: each chart its own). */
  sharedRange?: boolean;
}

/** The value axis' title for a layer whose nonlinearity is `activation`. */
export function layerValueTitle(activation: string): string {
  const name: Record<string, string> = { sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU' };
  return activation in name ? `input to the ${name[activation]}` : 'input to the layer\'s nonlinearity';
}

/** The accessible name of a layer chart. */
export function layerChartLabel(networkId: NetworkId, layerIdx: number): string {
  return `${networkLabels[networkId]}, hidden layer ${layerIdx + 1}: input distribution over training`;
}

/** Off-screen refreshes are spread over this many phases of OFFSCREEN_REFRESH_MS, so the charts do not all redraw in one frame. */
const OFFSCREEN_PHASES = 8;
let chartsMounted = 0;

/** When, within each OFFSCREEN_REFRESH_MS, the `index`-th chart mounted refreshes off screen, ms. */
export function offscreenPhaseMs(index: number): number {
  return ((index % OFFSCREEN_PHASES) * OFFSCREEN_REFRESH_MS) / OFFSCREEN_PHASES;
}

/**
 * A layer's distribution chart with its figures. Scrolled out of view it takes in new data only every
 * OFFSCREEN_REFRESH_MS, at its own phase (offscreenPhaseMs) so the charts off screen do not all redraw in the
 * same frame, though it still follows the scrubber,
 * the view mode and its size at once; back in view it draws the latest on the next frame.
 */
export function LayerChart(props: LayerChartProps) {
  const [ref, inView] = useInView<HTMLElement>();
  const latest = useRef(props.history);
  useEffect(() => {
    latest.current = props.history;
  });
  const [slow, setSlow] = useState(props.history);
  const [phase] = useState(() => offscreenPhaseMs(chartsMounted++));
  useEffect(() => {
    if (inView) return;
    let id: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      setSlow(latest.current);
      id = setInterval(() => setSlow(latest.current), OFFSCREEN_REFRESH_MS);
    }, phase);
    return () => {
      clearTimeout(first);
      if (id !== undefined) clearInterval(id);
    };
  }, [inView, phase]);
  const history = inView || slow.runId !== props.history.runId ? props.history : slow;
  return (
    <figure ref={ref} className="layer-chart">
      <LayerChartBody {...props} history={history} />
    </figure>
  );
}

/**
 * Re-renders only when what it draws changed. Callbacks are left out: NetworkColumns' ones read the store
 * when called, so a new closure on each parent render draws nothing new.
 */
const LayerChartBody = memo(LayerChartContent, (prev, next) =>
  prev.history === next.history && prev.networkId === next.networkId && prev.layerIdx === next.layerIdx &&
  prev.mode === next.mode && prev.width === next.width && prev.height === next.height && prev.scrubStep === next.scrubStep &&
  prev.tracked === next.tracked && !prev.onTrack === !next.onTrack && !prev.onHoverStep === !next.onHoverStep &&
  prev.valueTitle === next.valueTitle && prev.sharedRange === next.sharedRange);

function LayerChartContent(props: LayerChartProps) {
  const { history, networkId, layerIdx, mode, width, scrubStep, onHoverStep, tracked, onTrack } = props;
  const net = history.networks.find((n) => n.id === networkId);
  const layer = net?.layers[layerIdx];
  const columns = layerColumns(layer, history.bins);
  const steps = net?.steps ?? [];
  const valueRange = layerValueRange(history, networkId, layerIdx, props.sharedRange === true);
  const offChart = worstOffChart(columns, steps, valueRange);
  const valueTitle = props.valueTitle ?? 'input to the nonlinearity';
  const xDomain = stepDomain(history);
  const markerStep = scrubStep ?? xDomain[1];
  const index = columnIndexAt(steps, markerStep);
  const f = layerFigures(layer, index);
  const label = layerChartLabel(networkId, layerIdx);
  return (
    <>
      <figcaption className="layer-caption">
        <span className="layer-title">{`Layer ${layerIdx + 1}`}</span>
        {onTrack ? (
          <button type="button" className="track-button" aria-pressed={!!tracked} onClick={onTrack}
            aria-label={`Track a unit of layer ${layerIdx + 1} in Figure 1`}>
            {/* The same word in both states (aria-pressed shows which): a visible label inside the accessible name. */}
            track
          </button>
        ) : null}
        <span className="figures" title={figuresHelp(f.driftRaw)}>
          {/* Groups that never break inside: a narrow chart wraps between them, not within "σ/1k steps". */}
          <span className="figure-group">{`mean ${formatFigure(f.mean)} · std ${formatFigure(f.std)}`}</span>
          {' · '}
          <span className="figure-group">{`shift ${formatFigure(f.drift)} σ/1k steps`}</span>
          {props.saturates === false ? null : <>{' · '}<span className="figure-group">{`saturated ${formatFigure(f.saturation, true)}`}</span></>}
        </span>
      </figcaption>
      <div role="img" aria-label={label} className="layer-picture" data-off-chart={offChart.toFixed(3)}>
        {mode === 'heatmap' ? (
          <HeatmapView
            columns={columns}
            steps={steps}
            valueRange={valueRange}
            offChart={offChart}
            valueTitle={valueTitle}
            version={history.version}
            width={width}
            height={props.height ?? chart.layerHeight}
            xDomain={xDomain}
            markerStep={scrubStep === null ? null : markerStep}
            onHoverStep={onHoverStep}
          />
        ) : (
          <RidgelineView
            networkId={networkId}
            columns={columns}
            steps={steps}
            valueRange={valueRange}
            offChart={offChart}
            valueTitle={valueTitle}
            width={width}
            height={props.height ?? chart.layerHeight}
            markerStep={markerStep}
          />
        )}
      </div>
    </>
  );
}

/** The tooltip that defines the figures beside a layer chart, with the raw shift for reference. */
export function figuresHelp(driftRaw: number | null): string {
  return 'shift: how far each unit\'s input distribution moved over the last 1,000 training steps (earlier in a run, since step 100), '
    + 'in units of that unit\'s own standard deviation (Wasserstein-1 / pooled std), averaged over units: the same window for every network, '
    + `so their figures compare. Raw, in the input's units: ${formatFigure(driftRaw)}. saturated: share of inputs with |x| > 4.`;
}
