/**
 * Saturation over training: per hidden layer, the share of nonlinearity inputs with |x| > 4 (where
 * the sigmoid's derivative is under 2% of its peak) for every network of the run, one small line
 * chart per layer. Each chart reads the history once per frame at most (LiveHistory), like Figure 1's.
 */
import { SeriesChart } from '../charts/SeriesChart.tsx';
import type { Series } from '../charts/series.ts';
import { stepDomain } from '../charts/timeAxis.ts';
import { useContainerWidth } from '../charts/useContainerWidth.ts';
import { useInView } from '../charts/useInView.ts';
import { NetworkLegend } from '../charts/NetworkLegend.tsx';
import { SATURATION_THRESHOLD } from '../experiment/metrics.ts';
import { useExperimentStore } from '../store/index.ts';
import type { RunHistory } from '../store/types.ts';
import { chart } from '../theme.ts';
import { LiveHistory, useFrameValue, useHistoryShape } from './useLive.ts';

/** What to look for; agrees with PAPER.md (section 3's saturation metric) and with what the presets show when run. */
export const SATURATION_CAPTION = `Share of each hidden layer's nonlinearity inputs with |x| > ${SATURATION_THRESHOLD}, where a sigmoid's slope `
  + 'is under 2% of its peak and the gradient through it all but vanishes. With "Init x100" most of the plain network\'s inputs start '
  + 'and stay in those flat tails while BN keeps its own near zero. With "Deep sigmoid" the plain network barely leaves chance although '
  + 'its sigmoids are not saturated: there the signal and gradient shrink through eight layers of small weights (a sigmoid\'s slope is at '
  + 'most 1/4), which BN undoes by rescaling every layer.';

/** Why the panel is empty for a non-saturating nonlinearity. */
export const NOT_SATURATING = 'Saturation is a property of sigmoid and tanh, whose slope vanishes for large |x|. ReLU does not saturate '
  + 'for positive inputs and the linear activation never does, so this panel is shown for sigmoid and tanh only.';

/** One series per network: saturation of hidden layer `layerIdx` against the step; non-finite values become gaps. */
export function saturationSeries(history: RunHistory | null, layerIdx: number): Series[] {
  return (history?.networks ?? []).map((net) => ({
    id: net.id,
    xs: net.steps,
    ys: (net.layers[layerIdx]?.saturation ?? []).map((v) => (Number.isFinite(v) ? v : null)),
  }));
}

/** One y range for every layer's chart, so layers compare: [0, 110% of the largest finite value], at least [0, 5%], at most [0, 1]. */
export function saturationDomain(history: RunHistory | null): [number, number] {
  let max = 0;
  for (const net of history?.networks ?? []) {
    for (const layer of net.layers) for (const v of layer.saturation) if (Number.isFinite(v) && v > max) max = v;
  }
  return [0, Math.min(1, Math.max(0.05, max * 1.1))];
}

/** The small-multiple saturation charts, or a note when the activation cannot saturate. */
export function SaturationPanel() {
  const [sectionRef, inView] = useInView<HTMLElement>();
  const activation = useExperimentStore((s) => s.config.activation);
  // The layout follows the run's shape; each chart reads the data itself (LiveHistory), in its own turn.
  const shape = useHistoryShape(inView);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const saturating = activation === 'sigmoid' || activation === 'tanh';
  const layers = shape.depth;
  const ids = shape.networks.map((n) => n.id);
  const columns = width >= 720 ? 3 : width >= 460 ? 2 : 1;
  const cell = Math.max(200, Math.floor(width / columns) - 12);
  return (
    <section ref={sectionRef} className="panel saturation" aria-labelledby="saturation-title" data-tour-target="saturation">
      <h2 id="saturation-title">Saturation over training</h2>
      {!saturating ? (
        <p className="saturation-note">{NOT_SATURATING}</p>
      ) : (
        <>
          <p className="saturation-caption">{SATURATION_CAPTION}</p>
          <NetworkLegend ids={ids} />
          <div ref={ref} className="saturation-grid" style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: '0.5rem' }}>
            {Array.from({ length: layers }, (_, layerIdx) => (
              <figure key={layerIdx} style={{ margin: 0 }} data-tour-target={layerIdx === layers - 1 ? 'saturation-last' : undefined}>
                <figcaption>{`Hidden layer ${layerIdx + 1}`}</figcaption>
                <LiveHistory enabled={inView}>
                  {(history) => (
                    <SeriesChart
                      label={`Saturation of hidden layer ${layerIdx + 1} over training, every network`}
                      width={cell}
                      height={chart.smallHeight}
                      xDomain={stepDomain(history)}
                      yDomain={saturationDomain(history)}
                      yFormat="percent"
                      yTitle={`share with |x| > ${SATURATION_THRESHOLD}`}
                      lines={saturationSeries(history, layerIdx)}
                      markerStep={scrubStep}
                    />
                  )}
                </LiveHistory>
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
