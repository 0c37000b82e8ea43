/**
 * One button per preset; the selected one's summary below.
 */
import { PRESETS, presetById } from '../experiment/presets.ts';
import { useExperimentStore } from '../store/index.ts';
import { PresetClaims } from './PresetClaims.tsx';

/** The presets bar. */
export function PresetBar() {
  const presetId = useExperimentStore((s) => s.presetId);
  const applyPreset = useExperimentStore((s) => s.actions.applyPreset);
  const selected = presetId !== null ? presetById(presetId) : undefined;
  return (
    <nav className="presets" aria-label="Presets">
      <div className="preset-buttons">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" aria-pressed={p.id === presetId} onClick={() => applyPreset(p.id)}>
            {p.title}
          </button>
        ))}
      </div>
      <p className="preset-summary" aria-live="polite">
        {selected ? selected.summary : 'Custom experiment: your own settings.'}
      </p>
      {selected && <PresetClaims preset={selected} />}
    </nav>
  );
}
