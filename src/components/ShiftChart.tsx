/**
 * Internal covariate shift, measured scale-free, over training: one small chart per hidden layer,
 * one line per network, of how far the layer's units' input distributions moved over the last 1,000
 * steps, in units of each unit's own standard deviation (PAPER.md section 3, src/experiment/shift.ts), log scale.
 */
import { SeriesChart } from '../charts/SeriesChart.tsx';
import { lossDomain, shiftSeries } from '../charts/series.ts';
import { stepDomain } from '../charts/timeAxis.ts';
import { chart } from '../theme.ts';
import { shiftNote } from './figureNotes.ts';
import { FigureNoteText } from './FigureNoteText.tsx';
import type { HistoryShape } from './useLive.ts';
import { LiveHistory } from './useLive.ts';

/** The row of shift charts, one per hidden layer, `width` px in all. */
export function ShiftCharts({ shape, width, inView, scrubStep }: { shape: HistoryShape; width: number; inView: boolean; scrubStep: number | null }) {
  const depth = shape.depth;
  const perRow = Math.max(1, Math.min(depth, Math.floor(width / 220)));
  const each = Math.max(180, Math.floor((width - 16 * (perRow - 1)) / perRow));
  return (
    <div className="shift-charts">
      <p className="unit-medians-caption">
        Shift of each layer’s inputs over training: how far each unit’s input distribution moved over the last 1,000
        steps, in units of that unit’s own standard deviation (Wasserstein-1 over the pooled std), averaged over the
        layer (log scale). Lower is steadier ground for the layer above.
      </p>
      <div className="percentile-pair">
        {Array.from({ length: depth }, (_, layerIdx) => (
          <figure key={layerIdx} style={{ width: each }}>
            <LiveHistory enabled={inView}>
              {(history) => {
                const lines = shiftSeries(history, layerIdx);
                return (
                  <>
                    <figcaption className="chart-title">
                      {`Layer ${layerIdx + 1}: shift`}
                      <FigureNoteText note={shiftNote(history?.networks ?? [], layerIdx, scrubStep)} />
                    </figcaption>
                    <SeriesChart
                      label={`Hidden layer ${layerIdx + 1}: scale-free shift of its inputs over the last 1,000 steps, over training, one line per network`}
                      width={each}
                      height={chart.smallHeight}
                      xDomain={stepDomain(history)}
                      yDomain={lossDomain(lines)}
                      yType="log"
                      yTitle="σ moved in 1,000 steps"
                      lines={lines}
                      markerStep={scrubStep}
                    />
                  </>
                );
              }}
            </LiveHistory>
          </figure>
        ))}
      </div>
    </div>
  );
}
