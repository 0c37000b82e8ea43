/**
 * The experiment store (zustand, one store in slices: config, run, history, view). Actions
 * change state and send worker commands through the outbox; worker events come back through
 * the bridge (./bridge.ts). Charts read `history` with subscribe, outside React.
 */
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { configForPreset, PRESET_SETUPS, setupById } from '../experiment/presetSetups.ts';
import { DEFAULT_CONFIG, SETTINGS, settingFor } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { parseSettingValue, validateConfig } from '../experiment/validate.ts';
import { OWN_SCALES } from '../url/sharedScales.ts';
import { sendCommand } from './outbox.ts';
import type { ExperimentState, Notice } from './types.ts';

export type { ExperimentActions, ExperimentState, HistogramMode, Notice } from './types.ts';

let nextNoticeId = 1;

/** `notices` plus one more, unless the same text is already shown. */
export function withNotice(notices: Notice[], kind: Notice['kind'], text: string): Notice[] {
  if (notices.some((n) => n.kind === kind && n.text === text)) return notices;
  return [...notices, { id: nextNoticeId++, kind, text }];
}

const DEFAULT_PRESET_ID = PRESET_SETUPS[0]?.id ?? null;

export const useExperimentStore = create<ExperimentState>()(
  subscribeWithSelector((set, get) => {
    const notify = (kind: Notice['kind'], text: string): void => set((s) => ({ notices: withNotice(s.notices, kind, text) }));

    return {
      config: DEFAULT_PRESET_ID ? configForPreset(DEFAULT_PRESET_ID) : { ...DEFAULT_CONFIG },
      presetId: DEFAULT_PRESET_ID,
      notices: [],
      runState: 'loading',
      step: 0,
      stepsPerSecond: 0,
      kernel: '',
      error: null,
      history: null,
      scrubStep: null,
      histogramMode: 'heatmap',
      sharedScales: OWN_SCALES,
      actions: {
        play: () => sendCommand({ type: 'play' }),
        pause: () => sendCommand({ type: 'pause' }),
        step: (count) => {
          if (!Number.isInteger(count) || count < 1) return notify('error', `Cannot take ${count} steps: give a whole number of at least 1.`);
          sendCommand({ type: 'step', count });
        },
        reset: () => {
          set({ scrubStep: null });
          sendCommand({ type: 'reset' });
        },
        setSetting: (key, value) => {
          const current = get().config;
          const setting = settingFor(key);
          const parsed = parseSettingValue(key, String(value));
          if (!parsed.ok) return notify('error', parsed.error);
          const next = validateConfig({ ...current, [key]: parsed.value }).config;
          const patch: Partial<ExperimentConfig> = {};
          for (const s of SETTINGS) if (next[s.key] !== current[s.key]) Object.assign(patch, { [s.key]: next[s.key] });
          if (Object.keys(patch).length === 0) return;
          set({ config: next });
          if (setting.effect === 'view') {
            sendCommand({ type: 'track', layer: next.trackedLayer, unit: next.trackedUnit });
            return;
          }
          sendCommand({ type: 'setConfig', patch });
          if (setting.effect === 'reset') {
            set({ scrubStep: null });
            notify('info', `Changing ${setting.label} restarts the run.`);
          }
        },
        applyPreset: (id) => {
          if (!setupById(id, PRESET_SETUPS)) return notify('error', `There is no preset called "${id}".`);
          const config = configForPreset(id);
          set({ config, presetId: id, scrubStep: null });
          sendCommand({ type: 'init', config, play: true });
        },
        track: (layer, unit) => {
          const { config } = get();
          const valid = Number.isInteger(layer) && Number.isInteger(unit) && layer >= -1 && layer < config.depth && unit >= 0 && unit < config.width;
          if (!valid) return notify('error', `Cannot track unit ${unit} of hidden layer ${layer}: layers go from 0 to ${config.depth - 1} (or -1 for the last), units from 0 to ${config.width - 1}.`);
          if (layer === config.trackedLayer && unit === config.trackedUnit) return;
          set({ config: { ...config, trackedLayer: layer, trackedUnit: unit } });
          sendCommand({ type: 'track', layer, unit });
        },
        setScrubStep: (step) => set({ scrubStep: step }),
        setHistogramMode: (mode) => set({ histogramMode: mode }),
        setSharedScale: (chart, shared) => set((s) => (s.sharedScales[chart] === shared ? s : { sharedScales: { ...s.sharedScales, [chart]: shared } })),
        dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
      },
    };
  }),
);
