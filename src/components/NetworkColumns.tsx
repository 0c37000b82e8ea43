/**
 * "Without BN" and "With BN" (and "BN + noise" when it trains) side by side: one distribution chart per hidden layer, heatmap or ridgeline.
 * Hovering a heatmap scrubs every chart to that step; leaving puts the scrubber back where it was.
 */
import { useRef } from 'react';
import { ColourBar } from '../charts/ColourBar.tsx';
import { LayerChart, layerValueTitle } from '../charts/LayerChart.tsx';
import { useContainerWidth } from '../charts/useContainerWidth.ts';
import { useInView } from '../charts/useInView.ts';
import { saturates } from '../experiment/applies.ts';
import { useExperimentStore } from '../store/index.ts';
import { networkColors, networkLabels } from '../theme.ts';
import { LiveHistory, useFrameValue, useHistoryShape } from './useLive.ts';

/**
 * The columns of layer charts, one per network. `minColumnWidth`: narrowest chart side by side (default 300, 240 with three networks).
 * `deepestFirst`: the last hidden layer on top (the one Figure 1 tracks by default), the first at the bottom, as data flows up.
 */
export function NetworkColumns({ minColumnWidth, deepestFirst = false }: { minColumnWidth?: number; deepestFirst?: boolean } = {}) {
  // Scrolled out of view, the section takes in new data only every few seconds (each chart also slows down on its own).
  const [sectionRef, inView] = useInView<HTMLElement>();
  // The layout follows the run's shape; each chart reads the data itself (LiveHistory), in its own turn.
  const shape = useHistoryShape(inView);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const mode = useExperimentStore((s) => s.histogramMode);
  const activation = useExperimentStore((s) => s.config.activation);
  // Each chart's value range fits its own data (a flat or blank chart otherwise); "shared" lines up one layer across networks.
  const sharedRange = useExperimentStore((s) => s.sharedScales.layers);
  const { setHistogramMode, setScrubStep, setSharedScale: shareScale, track } = useExperimentStore((s) => s.actions);
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const chartWidth = columnWidth(width, shape.networks.length, minColumnWidth);
  // The scrub position before a hover began (undefined: not hovering).
  const pinned = useRef<number | null | undefined>(undefined);
  const onHoverStep = (step: number | null): void => {
    if (step === null) {
      if (pinned.current !== undefined) setScrubStep(pinned.current);
      pinned.current = undefined;
      return;
    }
    if (pinned.current === undefined) pinned.current = useExperimentStore.getState().scrubStep;
    setScrubStep(step);
  };
  return (
    <section ref={sectionRef} className="panel layers" aria-labelledby="layers-title">
      <div className="panel-head">
        <h2 id="layers-title">Layer inputs over training</h2>
        <div className="toggle" role="group" aria-label="Histogram view">
          <button type="button" aria-pressed={mode === 'heatmap'} onClick={() => setHistogramMode('heatmap')}>Heatmap</button>
          <button type="button" aria-pressed={mode === 'ridgeline'} onClick={() => setHistogramMode('ridgeline')}>Ridgeline</button>
        </div>
        <label className="range-toggle">
          <input type="checkbox" checked={sharedRange} onChange={(e) => shareScale('layers', e.target.checked)} />
          Same value range for every network
        </label>
        {mode === 'heatmap' ? <ColourBar /> : null}
        {deepestFirst && shape.depth > 1 ? <p className="layer-order">Last hidden layer on top, the first at the bottom: the input flows up.</p> : null}
      </div>
      {/* data-columns: how many charts a row holds (embed.css pairs the layers by it). */}
      <div ref={ref} className="columns" data-columns={chartWidth < width ? shape.networks.length : 1}>
        {shape.networks.map((net) => (
          <div key={net.id} className="network-column">
            <h3 style={{ color: networkColors[net.id].text }} data-network-label={net.id}>{networkLabels[net.id]}</h3>
            {layerOrder(net.layers, deepestFirst).map((layerIdx) => (
              <LiveHistory key={layerIdx} enabled={inView}>
                {(history) => history ? (
                  <LayerChart
                    history={history}
                    networkId={net.id}
                    layerIdx={layerIdx}
                    mode={mode}
                    width={chartWidth}
                    scrubStep={scrubStep}
                    onHoverStep={onHoverStep}
                    tracked={shape.tracked?.layer === layerIdx}
                    onTrack={() => track(layerIdx, useExperimentStore.getState().history?.tracked.unit ?? 0)}
                    valueTitle={layerValueTitle(activation)}
                    saturates={saturates(activation)}
                    sharedRange={sharedRange}
                  />
                ) : null}
              </LiveHistory>
            ))}
          </div>
        ))}
        {!shape.loaded ? <p className="placeholder">Loading the data and building the networks…</p> : null}
      </div>
    </section>
  );
}

/** Chart width in a column: side by side when there is room (three networks get narrower charts), stacked on a phone (CSS does the stacking). */
export function columnWidth(containerWidth: number, columns: number, minWidth?: number): number {
  const gap = 16;
  const sideBySide = (containerWidth - gap * (columns - 1)) / columns;
  return Math.floor(sideBySide >= (minWidth ?? (columns > 2 ? 240 : 300)) ? sideBySide : containerWidth);
}

/** Hidden layer indices in drawing order: 0..count-1, or count-1..0 with the deepest first. */
export function layerOrder(count: number, deepestFirst: boolean): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return deepestFirst ? order.reverse() : order;
}
