/**
 * The experiment's settings, one generic control each from the SETTINGS table; the rarely
 * changed ones under "Advanced". A setting that does nothing for this experiment (src/experiment/applies.ts)
 * is not shown, and one line says which and why.
 */
import { applies } from '../experiment/applies.ts';
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig, Setting } from '../experiment/settings.ts';
import { useExperimentStore } from '../store/index.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';
import { hrefWithQueryParam } from '../url/query.ts';
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

/** Why the settings that do nothing here are not shown, one sentence each (of `settings`). */
function NotShown({ settings = SETTINGS }: { settings?: readonly Setting[] }) {
  const config = useExperimentStore((s) => s.config);
  const reasons = settings.map((s) => applies(s, config)).flatMap((a) => (a.applies ? [] : [a.reason]));
  if (reasons.length === 0) return null;
  return (
    <ul className="not-shown" aria-label="Settings not shown">
      {reasons.map((reason) => <li key={reason}>{reason}</li>)}
    </ul>
  );
}

/** This page's address without its classroom link's `controls`: every control. */
const fullPage = (): string => hrefWithQueryParam(window.location.href, 'controls', null);

/** A classroom link's panel: only the settings it keeps (none: just the note), and the way to the full page. */
function ClassroomControls() {
  const settings = SETTINGS.filter((s) => showsControl(pageControls(), s.key));
  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Experiment</h2>
      {settings.length > 0 ? (
        <div className="control-grid">
          <Controls settings={settings} />
        </div>
      ) : null}
      <NotShown settings={settings} />
      <p className="classroom-note" data-testid="classroom-note">
        {'This link shows only some of the controls. '}
        {/* The address at the moment of the click: the link's settings follow the controls changed since. */}
        <a href={fullPage()} onClick={(e) => { e.currentTarget.href = fullPage(); }}>Open the full page</a>
      </p>
    </section>
  );
}

/** The controls panel. */
export function ControlsPanel() {
  if (pageControls().restricted) return <ClassroomControls />;
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
