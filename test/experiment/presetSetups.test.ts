import { describe, expect, it } from 'vitest';
import { configForPreset, PRESET_SETUPS, setupById } from '../../src/experiment/presetSetups.ts';
import { PRESETS } from '../../src/experiment/presets.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import { ZOO_PRESET_TEXTS } from '../../src/experiment/zooPresets.ts';

describe('preset setups and their captions', () => {
  it('pairs every setup with exactly one caption, in the setups\' order, and leaves no caption without a setup', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(PRESET_SETUPS.map((s) => s.id));
    expect(new Set(PRESET_SETUPS.map((s) => s.id)).size).toBe(PRESET_SETUPS.length);
    for (const preset of PRESETS) {
      expect(preset.summary.length, preset.id).toBeGreaterThan(40);
      expect(preset.claims.length, preset.id).toBeGreaterThanOrEqual(2);
    }
    for (const text of ZOO_PRESET_TEXTS) expect(setupById(text.id, PRESET_SETUPS), text.id).toBeDefined();
  });

  it('sets a preset up over the defaults, and names the presets when the id is unknown', () => {
    expect(configForPreset('paper-fig1')).toEqual(DEFAULT_CONFIG);
    expect(configForPreset('lr-x30').learningRate).toBeCloseTo(DEFAULT_CONFIG.learningRate * 30, 12);
    expect(configForPreset('tiny-norms')).toMatchObject({ batchSize: 4, variants: 'bn,ln,gn' });
    expect(() => configForPreset('nope')).toThrow(/unknown preset "nope" \(presets: paper-fig1, lr-x5/);
  });
});
