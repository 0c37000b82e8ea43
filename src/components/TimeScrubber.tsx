/**
 * The shared time scrubber: one range over the run's steps; every time chart marks the chosen step,
 * and a readout shows the tracked layer's histogram there for every network. "Live" follows the run again.
 */
import { HistogramBars } from '../charts/HistogramBars.tsx';
import { columnIndexAt, stepDomain } from '../charts/timeAxis.ts';
import { useExperimentStore } from '../store/index.ts';
import { networkLabels } from '../theme.ts';
import { formatStep } from './runStatus.ts';
import { useLiveHistory } from './useLive.ts';

/** Width of each readout histogram, px. */
const READOUT_WIDTH = 140;

/** The scrubber, Live button and readout. */
export function TimeScrubber() {
  // Not slowed down off screen: its "live" step is what the other charts and the tests read as the end of time.
  const history = useLiveHistory();
  // Read at once, not per frame: the range input is controlled, and a frame's delay undid quick key presses.
  const scrubStep = useExperimentStore((s) => s.scrubStep);
  const setScrubStep = useExperimentStore((s) => s.actions.setScrubStep);
  const [, last] = stepDomain(history);
  const shown = scrubStep ?? last;
  const layer = history?.tracked.layer ?? 0;
  return (
    <section className="panel scrubber" aria-label="Time">
      <div className="scrubber-row">
        <label htmlFor="time-scrubber">Time (step)</label>
        <input
          id="time-scrubber"
          type="range"
          min={0}
          max={last}
          step={1}
          value={Math.min(shown, last)}
          aria-valuetext={`step ${formatStep(shown)}`}
          onChange={(e) => setScrubStep(Number(e.target.value))}
        />
        <output htmlFor="time-scrubber">{scrubStep === null ? `live · step ${formatStep(last)}` : `step ${formatStep(scrubStep)}`}</output>
        <button type="button" aria-pressed={scrubStep === null} onClick={() => setScrubStep(null)}>Live</button>
      </div>
      {history ? (
        <div className="readout">
          {history.networks.map((net) => {
            const i = columnIndexAt(net.steps, shown);
            return (
              <div key={net.id} className="readout-item">
                <span>{`${networkLabels[net.id]}, layer ${layer + 1}`}</span>
                <HistogramBars
                  label={`${networkLabels[net.id]}, hidden layer ${layer + 1} histogram at step ${formatStep(i >= 0 ? net.steps[i] : 0)}`}
                  networkId={net.id}
                  column={i >= 0 ? net.layers[layer]?.columns[i] : undefined}
                  bins={history.bins}
                  width={READOUT_WIDTH}
                />
              </div>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
