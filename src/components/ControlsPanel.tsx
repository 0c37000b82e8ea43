/**
 * The experiment's settings, one generic control each from the SETTINGS table; the rarely
 * changed ones under "Advanced".
 */
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig, Setting } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import { SettingControl } from './SettingControl.tsx';

function Controls({ settings }: { settings: readonly Setting[] }) {
  const config = useExperimentStore((s) => s.config);
  const setSetting = useExperimentStore((s) => s.actions.setSetting);
  return (
    <>
      {settings.map((s) => (
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

/** The controls panel. */
export function ControlsPanel() {
  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Experiment</h2>
      <div className="control-grid">
        <Controls settings={SETTINGS.filter((s) => !s.advanced)} />
      </div>
      <details className="advanced">
        <summary>Advanced</summary>
        <div className="control-grid">
          <Controls settings={SETTINGS.filter((s) => s.advanced)} />
        </div>
      </details>
    </section>
  );
}
