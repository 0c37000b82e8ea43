/**
 * One button per preset of the paper in one row, the presets beyond it (the normalization zoo) behind
 * one menu button at its end; the selected one's first sentence below, the rest of its summary ("what
 * to watch") and its claims checked live each behind a disclosure, so the figures start on the first screen.
 */
import { useEffect, useRef } from 'react';
import { PRESETS, presetById } from '../experiment/presets.ts';
import type { Preset } from '../experiment/presets.ts';
import { useExperimentStore } from '../store/index.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';
import { PresetClaims } from './PresetClaims.tsx';
import { splitSummary } from './presetSummary.ts';

const PAPER = PRESETS.filter((p) => p.group === 'paper');
const ZOO = PRESETS.filter((p) => p.group === 'zoo');

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
          {PAPER.map((p) => (
            <button key={p.id} type="button" aria-pressed={p.id === presetId} onClick={() => applyPreset(p.id)}>
              {p.title}
            </button>
          ))}
          {ZOO.length > 0 ? <BeyondMenu presets={ZOO} selectedId={presetId} onPick={applyPreset} /> : null}
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

/**
 * "Beyond the paper ▾": a disclosure whose list holds the zoo's presets, each with its first sentence.
 * Its button names the chosen one ("Beyond the paper: Ghost batch norm") and looks pressed then; a pick,
 * Escape or a click elsewhere closes it.
 */
function BeyondMenu({ presets, selectedId, onPick }: { presets: readonly Preset[]; selectedId: string | null; onPick: (id: string) => void }) {
  const ref = useRef<HTMLDetailsElement | null>(null);
  const chosen = presets.find((p) => p.id === selectedId);
  useEffect(() => {
    const close = (event: Event): void => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menu.contains(event.target as Node)) {
        menu.open = false;
        if (event instanceof KeyboardEvent) menu.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details ref={ref} className="preset-menu" data-chosen={chosen ? 'true' : undefined}>
      <summary>{chosen ? `Beyond the paper: ${chosen.title}` : 'Beyond the paper'}</summary>
      <div className="preset-menu-list" role="group" aria-label="Beyond the paper: the normalization zoo">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={p.id === selectedId}
            onClick={() => {
              if (ref.current) ref.current.open = false;
              onPick(p.id);
            }}
          >
            <span className="preset-menu-title">{p.title}</span>
            <span className="preset-menu-lead">{splitSummary(p.summary).lead}</span>
          </button>
        ))}
      </div>
    </details>
  );
}
