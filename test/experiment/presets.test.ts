import { describe, expect, it } from 'vitest';
import { configForPreset, PRESETS, presetById } from '../../src/experiment/presets.ts';
import { networksFor } from '../../src/experiment/variants.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import { validateConfig } from '../../src/experiment/validate.ts';

describe('PRESETS', () => {
  it('starts with paper-fig1, which is the default config', () => {
    expect(PRESETS[0].id).toBe('paper-fig1');
    expect(configForPreset('paper-fig1')).toEqual(DEFAULT_CONFIG);
  });

  it('has the classic demonstrations under unique ids', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['paper-fig1', 'lr-x5', 'lr-x30', 'bad-init', 'deep-sigmoid', 'tiny-batches', 'spiral']));
  });

  it('holds only valid settings in every preset', () => {
    for (const preset of PRESETS) expect(validateConfig(preset.config).errors, preset.id).toEqual([]);
  });

  it('describes what to watch in two or three sentences', () => {
    for (const preset of PRESETS) {
      expect(preset.title.length).toBeGreaterThan(0);
      const sentences = preset.summary.match(/[.!?](\s|$)/g)?.length ?? 0;
      expect(sentences, preset.id).toBeGreaterThanOrEqual(2);
      expect(sentences, preset.id).toBeLessThanOrEqual(3);
    }
  });

  it('scales the paper setup as the paper did', () => {
    expect(configForPreset('lr-x5').learningRate).toBeCloseTo(5 * DEFAULT_CONFIG.learningRate, 12);
    expect(configForPreset('lr-x30').learningRate).toBeCloseTo(30 * DEFAULT_CONFIG.learningRate, 12);
    expect(configForPreset('bad-init').initScale * configForPreset('bad-init').initStd).toBeCloseTo(1, 12);
    expect(configForPreset('tiny-batches').batchSize).toBe(4);
    expect(configForPreset('deep-sigmoid')).toMatchObject({ activation: 'sigmoid', depth: 8 });
    expect(configForPreset('spiral').dataset).toBe('spiral');
  });

  it('finds presets by id and refuses unknown ones', () => {
    expect(presetById('lr-x5')?.title).toBe('Learning rate x5');
    expect(presetById('nope')).toBeUndefined();
    expect(() => configForPreset('nope')).toThrow(/unknown preset "nope" \(presets: paper-fig1, /);
  });

  it('has a noisy-bn preset that is the paper\'s config plus the third network', () => {
    const preset = presetById('noisy-bn');
    expect(preset?.config).toEqual({ noisyBn: true });
    expect(configForPreset('noisy-bn')).toEqual({ ...DEFAULT_CONFIG, noisyBn: true });
    expect(networksFor(configForPreset('noisy-bn'))).toEqual(['plain', 'bn', 'noisy']);
    expect(networksFor(configForPreset('paper-fig1'))).toEqual(['plain', 'bn']);
  });
});
