/**
 * Presentation mode's one slide: the paper's Figure 1 (a) over (b, c), beside the tracked layer's input
 * distribution for each network, every chart sized to the room the slide's grid gives it, so the story
 * fits one projector screen (1280x720 and up) without scrolling. The narration caption takes its own
 * band under the slide (NarrationCaption docked), never on top of a chart.
 */
import { useLayoutEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ColourBar } from '../../charts/ColourBar.tsx';
import { LayerChart, layerValueTitle } from '../../charts/LayerChart.tsx';
import { NetworkLegend } from '../../charts/NetworkLegend.tsx';
import { AccuracyChart, PercentileChart } from '../../charts/Figure1Charts.tsx';
import { percentileSeries } from '../../charts/series.ts';
import { figure1Title, saturates } from '../../experiment/applies.ts';
import { NETWORK_IDS } from '../../experiment/types.ts';
import type { NetworkId } from '../../experiment/types.ts';
import { useExperimentStore } from '../../store/index.ts';
import { networkColors, networkLabels } from '../../theme.ts';
import { accuracyLeadNote, driftNote } from '../figureNotes.ts';
import { FigureNoteText } from '../FigureNoteText.tsx';
import { LiveHistory, useFrameValue, useHistoryShape, useLiveHistory } from '../useLive.ts';
import { NarrationCaption } from './NarrationCaption.tsx';
import { useBoxSize } from './useBoxSize.ts';

/** Below this many px a cell draws nothing rather than a squashed chart (the slide then scrolls: CSS min sizes). */
const MIN_PLOT = 40;
/** Room under a chart for its x title, which presentation mode's larger chart font pushes below the chart's margin, px. */
const SLIDE_TITLE_ROOM = 12;

/** The slide, and the narration band under it. */
export function PresentationSlide() {
  const shape = useHistoryShape();
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const activation = useExperimentStore((s) => s.config.activation);
  const dataset = useExperimentStore((s) => s.config.dataset);
  const mode = useExperimentStore((s) => s.histogramMode);
  const ids: readonly NetworkId[] = shape.loaded ? shape.networks.map((n) => n.id) : NETWORK_IDS.slice(0, 2);
  const layer = shape.tracked?.layer ?? 0;
  const unit = shape.tracked?.unit ?? 0;
  const valueTitle = layerValueTitle(activation);
  return (
    <>
      <section className="slide" aria-label="Presentation slide" data-testid="presentation-slide">
        <div className="slide-block slide-figure">
          <div className="slide-head">
            <h2>{figure1Title(dataset)}</h2>
            <NetworkLegend ids={ids} />
          </div>
          <SlideCell className="slide-accuracy" caption={(history) => (
            <>
              (a) Test accuracy
              <FigureNoteText note={accuracyLeadNote(history?.networks ?? [], scrubStep)} />
            </>
          )}>
            {(history, size) => (
              <AccuracyChart history={history} width={size.width} height={size.height} scrubStep={scrubStep} />
            )}
          </SlideCell>
          <p className="slide-note">{`(${ids.map((_, i) => String.fromCharCode(98 + i)).join(', ')}) unit ${unit} of layer ${layer + 1}: median (line), 15–85th percentiles (band)`}</p>
          <div className="slide-row slide-pair" style={{ gridTemplateColumns: `repeat(${ids.length}, minmax(0, 1fr))` }}>
            {ids.map((id, i) => {
              const letter = String.fromCharCode(98 + i);
              return (
                <SlideCell key={id} className="slide-percentiles" caption={(history) => {
                  const net = history?.networks.find((n) => n.id === id);
                  return (
                    <>
                      <span style={{ color: networkColors[id].text }} data-network-label={id}>{`(${letter}) ${networkLabels[id]}`}</span>
                      <FigureNoteText note={net ? driftNote(percentileSeries(net), scrubStep) : null} />
                    </>
                  );
                }}>
                  {(history, size) => (
                    <PercentileChart history={history} id={id} index={i} width={size.width} height={size.height} scrubStep={scrubStep} valueTitle={valueTitle} />
                  )}
                </SlideCell>
              );
            })}
          </div>
        </div>
        <div className="slide-block slide-layers">
          <div className="slide-head">
            <h2>{`Layer ${layer + 1}: every unit's input`}</h2>
            {mode === 'heatmap' ? <ColourBar /> : null}
          </div>
          <div className="slide-row slide-layer-row" style={{ gridTemplateColumns: `repeat(${ids.length}, minmax(0, 1fr))` }}>
            {ids.map((id) => (
              <div key={id} className="slide-layer">
                <h3 style={{ color: networkColors[id].text }} data-network-label={id}>{networkLabels[id]}</h3>
                <LayerCell networkId={id} layerIdx={layer} mode={mode} scrubStep={scrubStep} valueTitle={valueTitle} saturates={saturates(activation)} />
              </div>
            ))}
          </div>
        </div>
      </section>
      <NarrationCaption docked />
    </>
  );
}

/** A chart with its caption above it, the chart filling the rest of the cell. */
function SlideCell({ className, caption, children }: {
  className: string;
  caption: (history: Parameters<Parameters<typeof LiveHistory>[0]['children']>[0]) => ReactNode;
  children: (history: Parameters<Parameters<typeof LiveHistory>[0]['children']>[0], size: { width: number; height: number }) => ReactNode;
}) {
  const [ref, size] = useBoxSize<HTMLDivElement>();
  return (
    <LiveHistory>
      {(history) => (
        <figure className={`slide-cell ${className}`}>
          <figcaption className="chart-title">{caption(history)}</figcaption>
          <div ref={ref} className="slide-plot">
            {size.width >= MIN_PLOT && size.height - SLIDE_TITLE_ROOM >= MIN_PLOT ? children(history, { width: size.width, height: size.height - SLIDE_TITLE_ROOM }) : null}
          </div>
        </figure>
      )}
    </LiveHistory>
  );
}

/** One network's chart of the tracked layer, its picture as tall as the cell leaves under its caption. */
function LayerCell({ networkId, layerIdx, mode, scrubStep, valueTitle, saturates: sat }: {
  networkId: NetworkId;
  layerIdx: number;
  mode: 'heatmap' | 'ridgeline';
  scrubStep: number | null;
  valueTitle: string;
  saturates: boolean;
}) {
  const [ref, size] = useBoxSize<HTMLDivElement>();
  // This cell re-renders with the history (not only the chart), so the caption's height is read after each change.
  const history = useLiveHistory();
  const [captionHeight, setCaptionHeight] = useState(0);
  // The layer's caption (its figures) sits above the picture: read its height once it is drawn. Only while
  // drawn: a cell too small for the chart has no caption, and forgetting its height would draw the chart again.
  useLayoutEffect(() => {
    const caption = ref.current?.querySelector<HTMLElement>('.layer-caption');
    if (caption && Math.abs(caption.offsetHeight - captionHeight) > 1) setCaptionHeight(caption.offsetHeight);
  }, [ref, history, size.width, size.height, captionHeight]);
  const height = size.height - captionHeight - SLIDE_TITLE_ROOM;
  return (
    <div ref={ref} className="slide-plot">
      {history && size.width >= MIN_PLOT && height >= MIN_PLOT ? (
        <LayerChart
          history={history}
          networkId={networkId}
          layerIdx={layerIdx}
          mode={mode}
          width={size.width}
          height={height}
          scrubStep={scrubStep}
          tracked
          valueTitle={valueTitle}
          saturates={sat}
        />
      ) : null}
    </div>
  );
}

