/**
 * Weight norms and the effective step over training (van Laarhoven 2017): per hidden layer, ||W_l||
 * of the dense weights feeding it for every network, and eta / ||W_l||^2 for the networks whose BN
 * directly follows the layer, from each test evaluation's run point, each chart with a note computed
 * from the run at the marked step (./weightNotes.ts). Open when the run has weight decay; otherwise
 * folded under a disclosure, its charts drawn only when opened. The page loads this file on demand.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { lossDomain, seriesDomain } from '../charts/series.ts';
import { SeriesChart } from '../charts/SeriesChart.tsx';
import { stepDomain } from '../charts/timeAxis.ts';
import { useInView } from '../charts/useInView.ts';
import { NetworkLegend } from '../charts/NetworkLegend.tsx';
import { useExperimentStore } from '../store/index.ts';
import { chart } from '../theme.ts';
import { FigureNoteText } from './FigureNoteText.tsx';
import { LiveHistory, useFrameValue, useHistoryShape } from './useLive.ts';
import { weightNote, weightSeries } from './weightNotes.ts';

/** What the charts show, in one sentence; agrees with PAPER.md ("Effective learning rate"). */
export const WEIGHT_NORM_CAPTION = '‖W‖ is the size of the weights feeding each hidden layer; BN right after a layer makes it blind to that size, '
  + 'so its gradient shrinks as 1/‖W‖ and a step of η turns the weights by about η / ‖W‖², the effective step (van Laarhoven 2017): '
  + 'weight decay shrinks ‖W‖ and so raises that step, where without BN it pulls the weights, and what they compute, toward zero.';

/**
 * The grid's width, followed with a ResizeObserver (a fallback until measured). useContainerWidth does the
 * same, but importing it from this on-demand chunk makes the bundler split the page's shared chart chunk,
 * which costs the first paint 0.5 KB (scripts/budget.ts).
 */
function useGridWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState<number>(chart.fallbackWidth);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The domain of a weight-norm chart: from 0 to its largest value, padded. */
function normDomain(history: Parameters<typeof weightSeries>[0], layerIdx: number): [number, number] {
  const [, hi] = seriesDomain(weightSeries(history, layerIdx, 'weightNorm'));
  return [0, Math.max(hi, 0.1)];
}

/** The charts: per hidden layer, its ||W|| and its effective step. */
function WeightCharts({ inView }: { inView: boolean }) {
  const shape = useHistoryShape(inView);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const [ref, width] = useGridWidth();
  const depth = shape.depth;
  const columns = Math.max(1, Math.min(depth, width >= 720 ? 3 : width >= 460 ? 2 : 1));
  const cell = Math.max(200, Math.floor(width / columns) - 12);
  return (
    <>
      <NetworkLegend ids={shape.networks.map((n) => n.id)} />
      <div ref={ref} className="weight-norm-grid" style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: '0.5rem' }}>
        {Array.from({ length: depth }, (_, layerIdx) => (
          <div key={layerIdx} data-layer={layerIdx + 1}>
            <LiveHistory enabled={inView}>
              {(history) => {
                const norms = weightSeries(history, layerIdx, 'weightNorm');
                const steps = weightSeries(history, layerIdx, 'effectiveStep');
                return (
                  <>
                    <figure style={{ margin: 0 }}>
                      <figcaption className="chart-title">
                        {`Hidden layer ${layerIdx + 1}: ‖W‖`}
                        <FigureNoteText note={weightNote(history, layerIdx, 'weightNorm', scrubStep)} />
                      </figcaption>
                      <SeriesChart
                        label={`Norm of the weights feeding hidden layer ${layerIdx + 1} over training, every network`}
                        width={cell} height={chart.smallHeight} xDomain={stepDomain(history)} yDomain={normDomain(history, layerIdx)}
                        yFormat="number" yTitle="‖W‖ (Frobenius)" lines={norms} markerStep={scrubStep} />
                    </figure>
                    <figure style={{ margin: 0 }}>
                      <figcaption className="chart-title">
                        {`Hidden layer ${layerIdx + 1}: effective step`}
                        <FigureNoteText note={weightNote(history, layerIdx, 'effectiveStep', scrubStep)} />
                      </figcaption>
                      <SeriesChart
                        label={`Effective step η / ‖W‖² of hidden layer ${layerIdx + 1} over training, for the networks with BN right after it (log scale)`}
                        width={cell} height={chart.smallHeight} xDomain={stepDomain(history)} yDomain={lossDomain(steps)}
                        yType="log" yFormat="number" yTitle="η / ‖W‖² (log scale)" lines={steps} markerStep={scrubStep} />
                    </figure>
                  </>
                );
              }}
            </LiveHistory>
          </div>
        ))}
      </div>
    </>
  );
}

/** The panel: open with weight decay, folded without. */
export function WeightNormPanel() {
  const [sectionRef, inView] = useInView<HTMLElement>();
  const weightDecay = useExperimentStore((s) => s.config.weightDecay);
  const learningRate = useExperimentStore((s) => s.config.learningRate);
  const [open, setOpen] = useState(false);
  const decaying = weightDecay > 0;
  const charts = <WeightCharts inView={inView} />;
  const settings = `Learning rate η = ${learningRate}, weight decay ${weightDecay}.`;
  return (
    <section ref={sectionRef} className="panel weight-norms" aria-labelledby="weight-norms-title" data-tour-target="weight-norms">
      <h2 id="weight-norms-title">Weight norms and the effective step</h2>
      {decaying ? (
        <>
          <p className="saturation-caption">{WEIGHT_NORM_CAPTION} {settings}</p>
          {charts}
        </>
      ) : (
        <details onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary>Show ‖W‖ and η / ‖W‖² per layer (this run has no weight decay)</summary>
          <p className="saturation-caption">{WEIGHT_NORM_CAPTION} {settings}</p>
          {open ? charts : null}
        </details>
      )}
    </section>
  );
}
