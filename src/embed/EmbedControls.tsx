/**
 * The controls an embed's link asks for: some of Play/Pause, Step and Reset, the step counter,
 * and chosen settings (the same generic controls as the full page).
 */
import { SettingControl } from '../components/SettingControl.tsx';
import { describeRunState, formatStep } from '../components/runStatus.ts';
import { STEP_COUNT } from '../components/Transport.tsx';
import { useFrameValue, useLiveText } from '../components/useLive.ts';
import { settingFor } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import type { TransportControl } from './options.ts';

/** Transport buttons, the live step counter, and the run's status. */
export function EmbedTransport({ buttons }: { buttons: readonly TransportControl[] }) {
  const runState = useExperimentStore((s) => s.runState);
  const actions = useExperimentStore((s) => s.actions);
  const status = useFrameValue((s) => describeRunState(s.runState, s.error, s.history));
  const stepRef = useLiveText<number, HTMLSpanElement>((s) => s.step, (v) => `step ${formatStep(v)}`);
  const running = runState === 'running';
  // The status sits beside the group, not in it, so a long one wraps to a line of its own and the buttons stay beside the title.
  return (
    <>
      <div className="transport" role="group" aria-label="Training">
        {buttons.includes('play') ? (
          <button type="button" className="primary" onClick={running ? actions.pause : actions.play} disabled={runState === 'loading'}>
            {running ? 'Pause' : 'Play'}
          </button>
        ) : null}
        {buttons.includes('step') ? (
          <button type="button" title={`Take ${STEP_COUNT} training steps`} onClick={() => actions.step(STEP_COUNT)} disabled={runState === 'loading'}>
            Step
          </button>
        ) : null}
        {buttons.includes('reset') ? <button type="button" onClick={actions.reset}>Reset</button> : null}
        <span className="counter" data-testid="step-counter" aria-live="off" ref={stepRef} />
      </div>
      <span className={`run-state run-state-${runState}`} data-testid="run-state">{status}</span>
    </>
  );
}

/** The chosen settings, each its full-page control. */
export function EmbedSettings({ keys }: { keys: readonly (keyof ExperimentConfig)[] }) {
  const config = useExperimentStore((s) => s.config);
  const setSetting = useExperimentStore((s) => s.actions.setSetting);
  if (keys.length === 0) return null;
  return (
    <section className="embed-settings" aria-label="Settings">
      {keys.map((key) => (
        <SettingControl
          key={key}
          setting={settingFor(key)}
          value={config[key]}
          onCommit={(v) => setSetting(key, v as ExperimentConfig[typeof key])}
        />
      ))}
    </section>
  );
}
