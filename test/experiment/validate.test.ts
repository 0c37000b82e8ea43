import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, SETTINGS } from '../../src/experiment/settings.ts';
import { parseSettingValue, quoteForMessage, validateConfig } from '../../src/experiment/validate.ts';

describe('parseSettingValue', () => {
  it('parses numbers in plain and exponent notation', () => {
    expect(parseSettingValue('learningRate', '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseSettingValue('bnEpsilon', '1e-3')).toEqual({ ok: true, value: 0.001 });
  });

  it('names the setting and its range when a number is not one', () => {
    expect(parseSettingValue('learningRate', 'abc')).toEqual({ ok: false, error: 'learningRate must be a number from 0.0001 to 100 (got "abc")' });
    expect(parseSettingValue('learningRate', '')).toEqual({ ok: false, error: 'learningRate must be a number from 0.0001 to 100 (got "")' });
    expect(parseSettingValue('learningRate', 'Infinity').ok).toBe(false);
  });

  it('refuses numbers out of range and fractions for whole-number settings', () => {
    expect(parseSettingValue('learningRate', '101')).toEqual({ ok: false, error: 'learningRate must be a number from 0.0001 to 100 (got "101")' });
    expect(parseSettingValue('batchSize', '2.5')).toEqual({ ok: false, error: 'batchSize must be a whole number from 2 to 1000 (got "2.5")' });
    expect(parseSettingValue('batchSize', '1000')).toEqual({ ok: true, value: 1000 });
  });

  it('accepts choices by name only', () => {
    expect(parseSettingValue('activation', 'tanh')).toEqual({ ok: true, value: 'tanh' });
    expect(parseSettingValue('activation', 'swish')).toEqual({ ok: false, error: 'activation must be one of sigmoid, tanh, relu, linear (got "swish")' });
  });

  it('reads booleans as true/false or 1/0', () => {
    expect(parseSettingValue('binarize', 'false')).toEqual({ ok: true, value: false });
    expect(parseSettingValue('binarize', '1')).toEqual({ ok: true, value: true });
    expect(parseSettingValue('binarize', 'yes')).toEqual({ ok: false, error: 'binarize must be true or false (got "yes")' });
  });

  it('lists the settings when the name is unknown', () => {
    const result = parseSettingValue('lr', '1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^unknown setting "lr" \(settings: dataset, binarize, learningRate/);
  });
});

describe('validateConfig', () => {
  it('overlays valid values on the defaults', () => {
    const { config, errors } = validateConfig({ learningRate: 2, activation: 'relu', depth: '4', binarize: 'false' });
    expect(errors).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, learningRate: 2, activation: 'relu', depth: 4, binarize: false });
  });

  it('reports every bad entry on its own line and keeps the default there', () => {
    const { config, errors } = validateConfig({ learningRate: -1, width: 3.5, nonsense: 1, seed: undefined });
    expect(errors).toEqual([
      'learningRate must be a number from 0.0001 to 100 (got -1)',
      'width must be a whole number from 2 to 512 (got 3.5)',
      expect.stringMatching(/^unknown setting "nonsense"/),
    ]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('refuses values of the wrong type', () => {
    expect(validateConfig({ binarize: 3 }).errors).toEqual(['binarize must be true or false (got 3)']);
    expect(validateConfig({ depth: true }).errors).toEqual(['depth must be a whole number from 1 to 16 (got true)']);
  });

  it('refuses a tracked layer or unit beyond the network', () => {
    const { config, errors } = validateConfig({ depth: 2, trackedLayer: 2, width: 10, trackedUnit: 10 });
    expect(errors).toEqual([
      'trackedLayer must be -1 (the last) or a hidden layer from 0 to 1 (got 2)',
      'trackedUnit must be a unit from 0 to 9 (got 10)',
    ]);
    expect([config.trackedLayer, config.trackedUnit]).toEqual([-1, 0]);
  });

  it('accepts the defaults of every setting', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG }).errors).toEqual([]);
    for (const setting of SETTINGS) expect(setting.key in DEFAULT_CONFIG).toBe(true);
  });
});

describe('quoteForMessage', () => {
  it('keeps a quote short even when every character needs an escape, and says how long the text was', () => {
    expect(quoteForMessage('abc')).toBe('"abc"');
    const quotes = '"'.repeat(40);
    const quoted = quoteForMessage(quotes);
    // Each " is written \\", so 40 of them would take 82 characters: the quote is cut instead.
    expect(quoted).toMatch(/^"(\\"){20}…" \(40 characters\)$/);
    expect(quoteForMessage('\u2028'.repeat(30)).split(' (')[0].length).toBeLessThanOrEqual(44);
    expect(quoteForMessage('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…" (100 characters)`);
  });
});
