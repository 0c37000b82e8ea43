/**
 * The medians of a dozen units of the tracked layer over training, one small chart per network,
 * on one shared y scale (in the input's own units, so a unit's move reads the same everywhere): without BN each unit's input wanders off on its own path (internal
 * covariate shift, unit by unit), with BN they stay put, and with BN + noise (measured with the
 * noise, as Santurkar et al. did) they jump at every snapshot, while that network still learns.
 */
import { SeriesChart } from '../charts/SeriesChart.tsx';
import { seriesDomain, unitMedianSeries } from '../charts/series.ts';
import { stepDomain } from '../charts/timeAxis.ts';
import { chart, networkLabels } from '../theme.ts';
import type { HistoryShape } from './useLive.ts';
import { LiveHistory } from './useLive.ts';

/** The row of unit-median charts, `each` px wide per network. */
export function UnitMedians({ shape, each, inView, scrubStep }: { shape: HistoryShape; each: number; inView: boolean; scrubStep: number | null }) {
  const layer = shape.tracked ? shape.tracked.layer + 1 : null;
  return (
    <div className="unit-medians">
      <p className="unit-medians-caption">
        {`Median input of each of the first 12 units of layer ${layer ?? ''}, one thin line per unit, on one scale for every network: `
          + 'a line that wanders is a unit whose input distribution shifts while the layer below learns; noise added on purpose (BN + noise) makes them jump.'}
      </p>
      <div className="percentile-pair">
        {shape.networks.map(({ id }) => (
          <figure key={id} style={{ width: each }}>
            <figcaption>{`${networkLabels[id]}: 12 units of layer ${layer ?? ''}`}</figcaption>
            <LiveHistory enabled={inView}>
              {(history) => {
                const net = history?.networks.find((n) => n.id === id);
                const lines = net ? unitMedianSeries(net) : [];
                const all = (history?.networks ?? []).flatMap((n) => unitMedianSeries(n));
                return (
                  <SeriesChart
                    label={`${networkLabels[id]}: median input of 12 units of layer ${layer ?? ''} over training`}
                    width={each}
                    height={chart.smallHeight}
                    xDomain={stepDomain(history)}
                    yDomain={seriesDomain(all)}
                    yTitle="median input"
                    lines={lines}
                    markerStep={scrubStep}
                  />
                );
              }}
            </LiveHistory>
          </figure>
        ))}
      </div>
    </div>
  );
}
