/**
 * The paper's Figure 1: (a) test accuracy of both networks against step; (b, c) the tracked
 * unit's 15/50/85th input percentiles per network, each on its own y scale (a drifting network must
 * not flatten a calm one), or on one shared scale at the reader's choice. Below, the training loss of both.
 */
import { useState } from 'react';
import { layerValueTitle } from '../charts/LayerChart.tsx';
import { NetworkLegend } from '../charts/NetworkLegend.tsx';
import { AccuracyChart, PercentileChart, panelLetter } from '../charts/Figure1Charts.tsx';
import { SeriesChart } from '../charts/SeriesChart.tsx';
import { lossDomain, lossSeries, percentileSeries, testLossSeries } from '../charts/series.ts';
import { stepDomain } from '../charts/timeAxis.ts';
import { useContainerWidth } from '../charts/useContainerWidth.ts';
import { useInView } from '../charts/useInView.ts';
import { NETWORK_IDS } from '../experiment/types.ts';
import { useExperimentStore } from '../store/index.ts';
import { chart, networkLabels } from '../theme.ts';
import { ShiftCharts } from './ShiftChart.tsx';
import { UnitMedians } from './UnitMedians.tsx';
import { LiveHistory, useFrameValue, useHistoryShape } from './useLive.ts';
import { accuracyLeadNote, driftNote } from './figureNotes.ts';
import { FigureNoteText } from './FigureNoteText.tsx';
import { figure1Title } from '../experiment/applies.ts';

/** Figure 1 (a-c) and the loss curves. */
export function Figure1Panel() {
  // Scrolled out of view, the panel takes in new data only every few seconds and catches up when it comes back.
  const [sectionRef, inView] = useInView<HTMLElement>();
  // The layout follows the run's shape; each chart reads the data itself (LiveHistory), in its own turn.
  const shape = useHistoryShape(inView);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const tracked = shape.tracked;
  const activation = useExperimentStore((s) => s.config.activation);
  const dataset = useExperimentStore((s) => s.config.dataset);
  // Per-panel scales by default; one shared scale compares magnitudes (and flattens the calmer panel).
  const sharedScale = useExperimentStore((s) => s.sharedScales.figure1);
  const { setSharedScale: shareScale } = useExperimentStore((s) => s.actions);
  const count = Math.max(2, shape.networks.length);
  // One percentile chart per network, side by side when each gets 140 px or more.
  const each = Math.max(140, Math.floor((width - 16 * (count - 1)) / count));
  // The percentile panels' letters: (b, c), or (b, c, d) with a third network.
  const letters = Array.from({ length: count }, (_, i) => panelLetter(i));
  return (
    <section ref={sectionRef} className="panel figure1" aria-labelledby="fig1-title">
      <h2 id="fig1-title">{figure1Title(dataset)}</h2>
      <NetworkLegend ids={shape.loaded ? shape.networks.map((n) => n.id) : NETWORK_IDS} />
      <div ref={ref} className="figure1-charts">
        <LiveHistory enabled={inView}>
          {(history) => (
            <figure data-tour-target="fig1-accuracy">
              <figcaption className="chart-title">
                (a) Test accuracy against training step
                <FigureNoteText note={accuracyLeadNote(history?.networks ?? [], scrubStep)} />
              </figcaption>
              <AccuracyChart history={history} width={width} height={chart.lineHeight} scrubStep={scrubStep} />
            </figure>
          )}
        </LiveHistory>
        <div className="pair-head">
          <p className="pair-caption">{`(${letters.join(', ')}) Input of unit ${tracked ? tracked.unit : 0}, layer ${tracked ? tracked.layer + 1 : ''}: median (line), 15th–85th percentiles (band)`}</p>
          <label className="range-toggle">
            <input type="checkbox" checked={sharedScale} onChange={(e) => shareScale('figure1', e.target.checked)} />
            {`Shared y scale for ${letters.slice(0, -1).map((l) => `(${l})`).join(', ')} and (${letters[letters.length - 1]})`}
          </label>
        </div>
        <div className="percentile-pair" data-tour-target="fig1-percentiles">
          {shape.networks.map(({ id }, i) => (
            <LiveHistory key={id} enabled={inView}>
              {(history) => {
                const net = history?.networks.find((n) => n.id === id);
                const p = net ? percentileSeries(net) : null;
                return (
                  <figure style={{ width: each }}>
                    <figcaption className="chart-title">
                      {`(${panelLetter(i)}) ${networkLabels[id]}`}
                      <FigureNoteText note={p ? driftNote(p, scrubStep) : null} />
                    </figcaption>
                    <PercentileChart history={history} id={id} index={i} width={each} height={chart.smallHeight} scrubStep={scrubStep}
                      valueTitle={layerValueTitle(activation)} sharedScale={sharedScale} />
                  </figure>
                );
              }}
            </LiveHistory>
          ))}
        </div>
        <TrackControl />
        <UnitMedians shape={shape} each={each} inView={inView} scrubStep={scrubStep} />
        <ShiftCharts shape={shape} width={width} inView={inView} scrubStep={scrubStep} />
        <figure data-tour-target="fig1-loss">
          <figcaption>
            Loss (log scale): solid, on the training mini-batches; dashed, on the test set in inference mode. In training,
            BN normalises each batch by its own mean and variance (Algorithm 1), at test time by its running averages
            (Algorithm 2), so with small batches its solid curve can sit above its dashed one.
          </figcaption>
          <LiveHistory enabled={inView}>
            {(history) => {
              const losses = [...lossSeries(history), ...testLossSeries(history)];
              return (
                <SeriesChart
                  label="Training loss (solid) and test loss (dashed) of every network over training"
                  width={width}
                  height={chart.smallHeight}
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

/** Choose the unit Figure 1 (b, c) follows. */
function TrackControl() {
  const depth = useExperimentStore((s) => s.config.depth);
  const width = useExperimentStore((s) => s.config.width);
  // Primitives: the tracked object is new on every snapshot, and this form need not re-render for it.
  const currentLayer = useFrameValue((s) => s.history?.tracked.layer ?? null);
  const currentUnit = useFrameValue((s) => s.history?.tracked.unit ?? null);
  const track = useExperimentStore((s) => s.actions.track);
  const [layer, setLayer] = useState<number | null>(null);
  const [unit, setUnit] = useState<number | null>(null);
  const shownLayer = layer ?? currentLayer ?? depth - 1;
  const shownUnit = unit ?? currentUnit ?? 0;
  const unitOk = Number.isInteger(shownUnit) && shownUnit >= 0 && shownUnit < width;
  return (
    <form
      className="track-control"
      onSubmit={(e) => {
        e.preventDefault();
        if (unitOk) track(Math.min(shownLayer, depth - 1), shownUnit);
      }}
    >
      <label>
        Track layer
        <select value={Math.min(shownLayer, depth - 1)} onChange={(e) => setLayer(Number(e.target.value))}>
          {Array.from({ length: depth }, (_, i) => (
            <option key={i} value={i}>{i + 1}</option>
          ))}
        </select>
      </label>
      <label>
        unit
        <input type="number" min={0} max={width - 1} step={1} value={shownUnit} aria-invalid={!unitOk} onChange={(e) => setUnit(Number(e.target.value))} />
      </label>
      <button type="submit" disabled={!unitOk}>Track</button>
    </form>
  );
}

