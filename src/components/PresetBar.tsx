/**
 * One button per preset; the selected one's first sentence below, the rest of its summary ("what to
 * watch") and its claims checked live each behind a disclosure, so the figures start on the first screen.
 */
import { PRESETS, presetById } from '../experiment/presets.ts';
import { useExperimentStore } from '../store/index.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';
import { PresetClaims } from './PresetClaims.tsx';
import { splitSummary } from './presetSummary.ts';

/** The presets bar. */
export function PresetBar() {
  const presetId = useExperimentStore((s) => s.presetId);
  const applyPreset = useExperimentStore((s) => s.actions.applyPreset);
  const selected = presetId !== null ? presetById(presetId) : undefined;
  const { lead, rest } = splitSummary(selected ? selected.summary : 'Custom experiment: your own settings.');
  return (
    <nav className="presets" aria-label="Presets">
      {/* A classroom link without `presets` keeps the experiment it opened: its title, no buttons. */}
      {showsControl(pageControls(), 'presets') ? (
        <div className="preset-buttons">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" aria-pressed={p.id === presetId} onClick={() => applyPreset(p.id)}>
              {p.title}
            </button>
          ))}
        </div>
      ) : <h2 className="preset-title">{selected ? selected.title : 'Custom experiment'}</h2>}
      <div className="preset-about">
        <p className="preset-summary" aria-live="polite">{lead}</p>
        {rest !== '' ? (
          <details className="preset-more">
            <summary>What to watch</summary>
            <p>{rest}</p>
          </details>
        ) : null}
        {selected && <PresetClaims preset={selected} />}
      </div>
    </nav>
  );
}
