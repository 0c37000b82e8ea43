/**
 * The paper's Figure 1 sized for an iframe: the same charts as the full page's panel
 * (src/components/Figure1Panel.tsx), with short captions and fixed heights when two charts share a row,
 * so from 640 px wide the whole embed fits 480 px without scrolling. Wide: (a) beside the loss, (b) beside (c).
 * Narrow (a phone column): one chart per row, never two percentile charts squeezed side by side.
 */
import { layerValueTitle } from '../charts/LayerChart.tsx';
import { NetworkLegend } from '../charts/NetworkLegend.tsx';
import { AccuracyChart, PercentileChart, panelLetter } from '../charts/Figure1Charts.tsx';
import { SeriesChart } from '../charts/SeriesChart.tsx';
import { lossDomain, lossSeries, testLossSeries } from '../charts/series.ts';
import { stepDomain } from '../charts/timeAxis.ts';
import { useContainerWidth } from '../charts/useContainerWidth.ts';
import { useInView } from '../charts/useInView.ts';
import { LiveHistory, useFrameValue, useHistoryShape } from '../components/useLive.ts';
import { figure1Title } from '../experiment/applies.ts';
import { NETWORK_IDS } from '../experiment/types.ts';
import { useExperimentStore } from '../store/index.ts';
import { networkLabels } from '../theme.ts';

/** Gap between charts (px), as in embed.css. */
export const CHART_GAP = 16;
/** Narrowest chart that still reads: two ticks a side and a one- or two-line caption. */
export const MIN_CHART_WIDTH = 240;

/** Chart heights (px) with two charts a row: (a) and the loss, then the percentile charts. */
export const WIDE_HEIGHTS = { top: 136, pair: 118 } as const;

/** How the charts sit in a container `width` px wide with `networks` percentile charts. */
export interface Figure1Layout {
  /** (a) beside the loss chart, and the percentile charts in rows of `perRow`. */
  wide: boolean;
  /** Width of (a) and of the loss chart. */
  topWidth: number;
  topHeight: number;
  /** Percentile charts per row (1 when narrow). */
  perRow: number;
  pairWidth: number;
  pairHeight: number;
}

/** `value` kept within [lo, hi]. */
function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** The most charts of at least MIN_CHART_WIDTH that fit in a row of `width`, up to `most` (at least 1). */
function fitting(width: number, most: number): number {
  let k = Math.max(1, most);
  while (k > 1 && (width - CHART_GAP * (k - 1)) / k < MIN_CHART_WIDTH) k -= 1;
  return k;
}

/** The layout of Figure 1 in an embed `width` px wide (content box) with `networks` networks. */
export function figure1Layout(width: number, networks: number): Figure1Layout {
  const w = Math.max(MIN_CHART_WIDTH / 2, Math.floor(width));
  const wide = fitting(w, 2) === 2;
  const topWidth = wide ? Math.floor((w - CHART_GAP) / 2) : w;
  const perRow = fitting(w, networks);
  const pairWidth = Math.floor((w - CHART_GAP * (perRow - 1)) / perRow);
  // Two charts a row: heights fixed, so the embed keeps its 640 px height (under 480) in any wider column.
  return {
    wide,
    topWidth,
    topHeight: wide ? WIDE_HEIGHTS.top : Math.round(clamp(topWidth * 0.46, 130, 190)),
    perRow,
    pairWidth,
    pairHeight: wide ? WIDE_HEIGHTS.pair : Math.round(clamp(pairWidth * 0.4, 112, 160)),
  };
}

/** Figure 1 (a-c) and the loss, for embed mode. */
export function EmbedFigure1() {
  const [sectionRef, inView] = useInView<HTMLElement>();
  const shape = useHistoryShape(inView);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const activation = useExperimentStore((s) => s.config.activation);
  const dataset = useExperimentStore((s) => s.config.dataset);
  const sharedScale = useExperimentStore((s) => s.sharedScales.figure1);
  const { setSharedScale: shareScale } = useExperimentStore((s) => s.actions);
  const tracked = shape.tracked;
  const networks = shape.loaded ? shape.networks.map((n) => n.id) : NETWORK_IDS;
  const layout = figure1Layout(width, networks.length);
  const where = tracked ? `unit ${tracked.unit} of layer ${tracked.layer + 1}` : 'the tracked unit';
  const letters = networks.map((_, i) => `(${String.fromCharCode(98 + i)})`).join(', ');
  return (
    <section ref={sectionRef} className="panel figure1 embed-fig1" aria-labelledby="fig1-title">
      <div className="embed-fig1-head">
        <h2 id="fig1-title">{figure1Title(dataset)}</h2>
        <NetworkLegend ids={networks} />
        <label className="range-toggle">
          <input type="checkbox" checked={sharedScale} onChange={(e) => shareScale('figure1', e.target.checked)} />
          {`Shared y scale for ${letters}`}
        </label>
      </div>
      <div ref={ref} className={`embed-fig1-charts${layout.wide ? ' embed-fig1-wide' : ''}`}>
        <figure className="embed-fig1-a">
          <figcaption>(a) Test accuracy</figcaption>
          <LiveHistory enabled={inView}>
            {(history) => (
              <AccuracyChart history={history} width={layout.topWidth} height={layout.topHeight} scrubStep={scrubStep} />
            )}
          </LiveHistory>
        </figure>
        <div className="embed-fig1-pairs">
          <p className="embed-fig1-note">{`${letters}: input of ${where}, median and 15th to 85th percentile band`}</p>
          <div className="embed-fig1-pair-grid" style={{ gridTemplateColumns: `repeat(${layout.perRow}, minmax(0, 1fr))` }}>
            {networks.map((id, i) => (
              <figure key={id}>
                <figcaption>{`(${panelLetter(i)}) ${networkLabels[id]}`}</figcaption>
                <LiveHistory enabled={inView}>
                  {(history) => (
                    <PercentileChart history={history} id={id} index={i} width={layout.pairWidth} height={layout.pairHeight} scrubStep={scrubStep}
                      valueTitle={layerValueTitle(activation)} sharedScale={sharedScale} />
                  )}
                </LiveHistory>
              </figure>
            ))}
          </div>
        </div>
        <figure className="embed-fig1-loss">
          <figcaption>Loss (log scale): training solid, test dashed</figcaption>
          <LiveHistory enabled={inView}>
            {(history) => {
              const losses = [...lossSeries(history), ...testLossSeries(history)];
              return (
                <SeriesChart
                  label="Training loss (solid) and test loss (dashed) of every network over training"
                  width={layout.topWidth}
                  height={layout.topHeight}
                  xDomain={stepDomain(history)}
                  yDomain={lossDomain(losses)}
                  yType="log"
                  yTitle="loss (log scale)"
                  lines={losses}
                  markerStep={scrubStep}
                />
              );
            }}
          </LiveHistory>
        </figure>
      </div>
    </section>
  );
}
