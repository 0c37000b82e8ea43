/**
 * The experiment's settings, one generic control each from the SETTINGS table; the rarely
 * changed ones under "Advanced". A setting that does nothing for this experiment (src/experiment/applies.ts)
 * is not shown, and one line says which and why.
 */
import { applies } from '../experiment/applies.ts';
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig, Setting } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import { SettingControl } from './SettingControl.tsx';

function Controls({ settings }: { settings: readonly Setting[] }) {
  const config = useExperimentStore((s) => s.config);
  const setSetting = useExperimentStore((s) => s.actions.setSetting);
  return (
    <>
      {settings.filter((s) => applies(s, config).applies).map((s) => (
        <SettingControl
          key={s.key}
          setting={s}
          value={config[s.key]}
          onCommit={(v) => setSetting(s.key, v as ExperimentConfig[typeof s.key])}
        />
      ))}
    </>
  );
}

/** Why the settings that do nothing here are not shown, one sentence each. */
function NotShown() {
  const config = useExperimentStore((s) => s.config);
  const reasons = SETTINGS.map((s) => applies(s, config)).flatMap((a) => (a.applies ? [] : [a.reason]));
  if (reasons.length === 0) return null;
  return (
    <ul className="not-shown" aria-label="Settings not shown">
      {reasons.map((reason) => <li key={reason}>{reason}</li>)}
    </ul>
  );
}

/** The controls panel. */
export function ControlsPanel() {
  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Experiment</h2>
      <div className="control-grid">
        <Controls settings={SETTINGS.filter((s) => !s.advanced)} />
      </div>
      <NotShown />
      <details className="advanced">
        <summary>Advanced</summary>
        <div className="control-grid">
          <Controls settings={SETTINGS.filter((s) => s.advanced)} />
        </div>
      </details>
    </section>
  );
}
