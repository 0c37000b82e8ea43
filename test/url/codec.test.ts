import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUrlState, encodeUrlState } from '../../src/url/codec.ts';
import { configForPreset, PRESETS } from '../../src/experiment/presets.ts';
import { DEFAULT_CONFIG, SETTINGS } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { validList } from '../experiment/configOracle.ts';

describe('encodeUrlState', () => {
  it('writes only the preset when nothing differs from it', () => {
    expect(encodeUrlState({ presetId: 'spiral', config: configForPreset('spiral') })).toBe('preset=spiral');
  });

  it('writes an empty string for the defaults with no preset', () => {
    expect(encodeUrlState({ presetId: null, config: { ...DEFAULT_CONFIG } })).toBe('');
  });

  it('writes each changed setting after the preset, numbers in their shortest exact form', () => {
    const config = { ...configForPreset('lr-x5'), batchSize: 32, bnEpsilon: 1e-7, initStd: 0.1 + 0.2, binarize: false };
    expect(encodeUrlState({ presetId: 'lr-x5', config })).toBe('preset=lr-x5&binarize=false&batchSize=32&initStd=0.30000000000000004&bnEpsilon=1e-7');
  });

  it('compares a custom config with the defaults, and treats an unknown preset id as custom', () => {
    expect(encodeUrlState({ presetId: 'nope', config: { ...DEFAULT_CONFIG, dataset: 'xor' } })).toBe('dataset=xor');
  });
});

describe('decodeUrlState', () => {
  it('reads a preset and the settings changed over it', () => {
    const decoded = decodeUrlState('?preset=spiral&learningRate=0.05&trackedUnit=3');
    expect(decoded.errors).toEqual([]);
    expect(decoded.presetId).toBe('spiral');
    expect(decoded.config).toEqual({ ...configForPreset('spiral'), learningRate: 0.05, trackedUnit: 3 });
  });

  it('reports an invalid value by name with what it accepts, and keeps the preset value', () => {
    const decoded = decodeUrlState('learningRate=banana&depth=999');
    expect(decoded.config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(decoded.config.depth).toBe(DEFAULT_CONFIG.depth);
    expect(decoded.errors).toEqual([
      'learningRate must be a number from 0.0001 to 100 (got "banana"); using 0.5',
      'depth must be a whole number from 1 to 16 (got "999"); using 3',
    ]);
  });

  it('reports an unknown preset and an unknown key, and falls back to the defaults', () => {
    const decoded = decodeUrlState('preset=lr-x1000&colour=red');
    expect(decoded.presetId).toBeNull();
    expect(decoded.config).toEqual(DEFAULT_CONFIG);
    expect(decoded.errors).toHaveLength(2);
    expect(decoded.errors[0]).toMatch(/unknown preset "lr-x1000" \(presets: paper-fig1, .*weight-decay\)/);
    expect(decoded.errors[1]).toMatch(/unknown setting "colour" \(settings: dataset, .*\); ignored/);
  });

  it('reports a tracked unit beyond the network', () => {
    const decoded = decodeUrlState('width=10&trackedUnit=50');
    expect(decoded.config.width).toBe(10);
    expect(decoded.config.trackedUnit).toBe(0);
    expect(decoded.errors).toEqual([expect.stringMatching(/trackedUnit/)]);
  });

  it('leaves page parameters such as embed to the page, without an error', () => {
    const decoded = decodeUrlState('embed=1&preset=lr-x30');
    expect(decoded).toEqual({ presetId: 'lr-x30', config: configForPreset('lr-x30'), errors: [] });
  });

  it('survives broken escapes, empty parts and bare keys', () => {
    const decoded = decodeUrlState('&&%E0%A4%A=1&seed&learningRate=1e%2B0&');
    expect(decoded.config.learningRate).toBe(1);
    expect(decoded.errors).toHaveLength(2);
    expect(decoded.errors[0]).toMatch(/bad % escape/);
    expect(decoded.errors[1]).toMatch(/^seed must be/);
  });
});

/** Any valid experiment state: each setting within its declared range, tracked unit inside the network. */
const validState: fc.Arbitrary<{ presetId: string | null; config: ExperimentConfig }> = fc
  .record({
    presetId: fc.constantFrom(null, ...PRESETS.map((p) => p.id)),
    values: fc.record(
      Object.fromEntries(
        SETTINGS.map((setting) => {
          switch (setting.kind) {
            case 'number':
              return [setting.key, setting.integer
                ? fc.integer({ min: setting.min, max: setting.max })
                : fc.oneof(fc.double({ min: setting.min, max: setting.max, noNaN: true }).map((v) => (v === 0 ? 0 : v)), fc.constantFrom(setting.min, setting.max))];
            case 'choice':
              return [setting.key, fc.constantFrom(...setting.options)];
            case 'list':
              return [setting.key, validList(setting)];
            case 'boolean':
              return [setting.key, fc.boolean()];
          }
        }),
      ) as Record<string, fc.Arbitrary<unknown>>,
    ),
    keep: fc.array(fc.boolean(), { minLength: SETTINGS.length, maxLength: SETTINGS.length }),
  })
  .map(({ presetId, values, keep }) => {
    // Keep some settings at the preset's value, so both short and long links are drawn.
    const base: Record<string, unknown> = { ...(presetId ? configForPreset(presetId) : DEFAULT_CONFIG) };
    const config = { ...base } as Record<string, unknown>;
    SETTINGS.forEach((setting, i) => {
      if (!keep[i]) config[setting.key] = values[setting.key];
    });
    const full = config as unknown as ExperimentConfig;
    full.trackedLayer = Math.min(full.trackedLayer, full.depth - 1);
    full.trackedUnit = Math.min(full.trackedUnit, full.width - 1);
    return { presetId, config: full };
  });

describe('the codec as a whole', () => {
  it('round-trips every valid state exactly', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const decoded = decodeUrlState(encodeUrlState(state));
        expect(decoded.errors).toEqual([]);
        expect(decoded.presetId).toBe(state.presetId);
        expect(decoded.config).toEqual(state.config);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings, and what it decodes encodes to a stable link', () => {
    const pieces = fc.constantFrom('preset', 'spiral', 'lr-x5', '=', '&', '%', '%2', '%zz', '+', 'learningRate', 'depth', '1e3', '-1', 'true', 'NaN', 'mnist', '?');
    const strings = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')));
    fc.assert(
      fc.property(strings, (search) => {
        const decoded = decodeUrlState(search);
        const link = encodeUrlState(decoded);
        const again = decodeUrlState(link);
        expect(again.errors).toEqual([]);
        expect(again.presetId).toBe(decoded.presetId);
        expect(again.config).toEqual(decoded.config);
        expect(encodeUrlState(again)).toBe(link);
      }),
      { numRuns: 400 },
    );
  });
});
