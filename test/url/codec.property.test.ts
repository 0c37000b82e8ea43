import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configForPreset, PRESETS } from '../../src/experiment/presets.ts';
import { DEFAULT_CONFIG, SETTINGS } from '../../src/experiment/settings.ts';
import type { ExperimentConfig, Setting } from '../../src/experiment/settings.ts';
import { decodeUrlState, encodeUrlState } from '../../src/url/codec.ts';
import {
  acceptedWords, configProblems, expectedFromText, isOneShortLine, nastyKey, nastyNumber, nastyText, settingNamed, validList,
} from '../experiment/configOracle.ts';

const RUNS = 10_000;
const PRESET_IDS = PRESETS.map((p) => p.id);

/** One part of a query string, and what the codec must make of it. */
type Part =
  | { kind: 'pair'; key: string; value: string; rawKey: boolean; rawValue: boolean }
  | { kind: 'bare'; key: string }
  | { kind: 'badEscape'; text: string }
  | { kind: 'empty' };

/** Text that is safe to put in a query unescaped: it cannot split or escape anything. */
const safeRaw = (text: string): boolean => !/[&=%?]/.test(text);

/** encodeURIComponent, or null for text it cannot encode (a lone surrogate). */
function encoded(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null;
  }
}

function partText(part: Part): string {
  switch (part.kind) {
    case 'pair': {
      const key = part.rawKey && safeRaw(part.key) ? part.key : (encoded(part.key) ?? '');
      const value = part.rawValue && safeRaw(part.value) ? part.value : (encoded(part.value) ?? '');
      return `${key}=${value}`;
    }
    case 'bare':
      return encoded(part.key) ?? '';
    case 'badEscape':
      return part.text;
    case 'empty':
      return '';
  }
}

/** What a key and value of a part really are after the codec reads them back. */
function partPair(part: Part): [string, string] | null {
  if (part.kind === 'bare') return [part.key, ''];
  if (part.kind !== 'pair') return null;
  const key = part.rawKey && safeRaw(part.key) ? part.key : encoded(part.key) === null ? '' : part.key;
  const value = part.rawValue && safeRaw(part.value) ? part.value : encoded(part.value) === null ? '' : part.value;
  return [key, value];
}

/** A valid value of `setting`, written as text. */
function validText(setting: Setting): fc.Arbitrary<string> {
  switch (setting.kind) {
    case 'number':
      return (setting.integer ? fc.integer({ min: setting.min, max: setting.max }) : fc.double({ min: setting.min, max: setting.max, noNaN: true }))
        .map(String);
    case 'choice':
      return fc.constantFrom(...setting.options);
    case 'list':
      return validList(setting);
    case 'boolean':
      return fc.constantFrom('true', 'false', '1', '0', 'TRUE');
  }
}

const validPair: fc.Arbitrary<[string, string]> = fc.constantFrom(...SETTINGS).chain((s) => validText(s).map((v): [string, string] => [s.key, v]));

const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(validPair, fc.boolean(), fc.boolean()).map(([[key, value], rawKey, rawValue]): Part => ({ kind: 'pair', key, value, rawKey, rawValue })) },
  { weight: 4, arbitrary: fc.record({ key: nastyKey, value: nastyText, rawKey: fc.boolean(), rawValue: fc.boolean() }).map((p): Part => ({ kind: 'pair', ...p })) },
  { weight: 2, arbitrary: fc.record({ key: fc.constant('preset'), value: fc.oneof(fc.constantFrom(...PRESET_IDS), nastyText), rawKey: fc.boolean(), rawValue: fc.boolean() }).map((p): Part => ({ kind: 'pair', ...p })) },
  { weight: 1, arbitrary: fc.record({ key: fc.constant('embed'), value: nastyText, rawKey: fc.constant(true), rawValue: fc.boolean() }).map((p): Part => ({ kind: 'pair', ...p })) },
  { weight: 1, arbitrary: nastyKey.filter((key) => key !== '' && encoded(key) !== null).map((key): Part => ({ kind: 'bare', key })) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%2', 'depth=%zz', '%E0%A4%A=1', 'seed=%ED%A0%80', 'x%=1').map((text): Part => ({ kind: 'badEscape', text })) },
  { weight: 1, arbitrary: fc.constant<Part>({ kind: 'empty' }) },
);

/** The decoded state and the number of messages the codec must produce, worked out independently. */
function expectedDecode(parts: Part[]): { presetId: string | null; config: Record<string, unknown>; errorCount: number } {
  let errorCount = parts.filter((p) => p.kind === 'badEscape').length;
  const pairs = parts.map(partPair).filter((p): p is [string, string] => p !== null);
  const presets = pairs.filter(([key]) => key === 'preset').map(([, value]) => value);
  errorCount += presets.filter((id) => !PRESET_IDS.includes(id)).length;
  const last = presets.at(-1);
  const presetId = last !== undefined && PRESET_IDS.includes(last) ? last : null;
  const config: Record<string, unknown> = { ...(presetId ? configForPreset(presetId) : DEFAULT_CONFIG) };
  // Unknown keys, however many, make one message.
  let unknownKeys = false;
  for (const [key, raw] of pairs) {
    if (key === 'preset' || key === 'embed') continue;
    const setting = settingNamed(key);
    if (!setting) {
      unknownKeys = true;
      continue;
    }
    const value = expectedFromText(setting, raw);
    if (value === undefined) errorCount += 1;
    else config[key] = value;
  }
  if (unknownKeys) errorCount += 1;
  if ((config.trackedLayer as number) >= (config.depth as number)) {
    config.trackedLayer = -1;
    errorCount += 1;
  }
  if ((config.trackedUnit as number) >= (config.width as number)) {
    config.trackedUnit = 0;
    errorCount += 1;
  }
  return { presetId, config, errorCount };
}

describe('decodeUrlState on 10,000 hostile links', () => {
  const links = fc.tuple(fc.array(part, { maxLength: 10 }), fc.boolean());

  it('never throws, uses every valid value (the last of a repeated key), the preset or defaults elsewhere, and reports each problem once', () => {
    fc.assert(
      fc.property(links, ([parts, question]) => {
        const search = (question ? '?' : '') + parts.map(partText).join('&');
        const decoded = decodeUrlState(search);
        const expected = expectedDecode(parts);
        expect(decoded.presetId).toBe(expected.presetId);
        expect(decoded.config).toEqual(expected.config);
        expect(configProblems(decoded.config as unknown as Record<string, unknown>)).toEqual([]);
        expect(decoded.errors).toHaveLength(expected.errorCount);
        for (const message of decoded.errors) expect(isOneShortLine(message), message).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('names the setting and what it accepts for every refused value, and the value it uses instead', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTINGS), nastyText, fc.option(validPair), (setting, raw, before) => {
        const first = before && before[0] === setting.key ? `${before[0]}=${encodeURIComponent(before[1])}&` : '';
        const value = encoded(raw);
        fc.pre(value !== null && expectedFromText(setting, raw) === undefined);
        const decoded = decodeUrlState(`${first}${setting.key}=${value}`);
        const message = decoded.errors.find((e) => e.startsWith(`${setting.key} must be `));
        expect(message).toBeDefined();
        for (const word of acceptedWords(setting)) expect(message).toContain(word);
        // The value in force before this pair: the earlier valid one, else the default.
        const prior = first ? expectedFromText(setting, before![1]) : DEFAULT_CONFIG[setting.key];
        expect(message!.endsWith(`; using ${String(prior)}`), message).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on any string at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme' }), nastyText), (search) => {
        const decoded = decodeUrlState(search);
        expect(configProblems(decoded.config as unknown as Record<string, unknown>)).toEqual([]);
        for (const message of decoded.errors) expect(isOneShortLine(message), message).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('does not claim the defaults for an unknown preset that a later, known one overrides', () => {
    const decoded = decodeUrlState('preset=bogus&preset=spiral&learningRate=2&learningRate=abc');
    expect(decoded.presetId).toBe('spiral');
    expect(decoded.config).toEqual({ ...configForPreset('spiral'), learningRate: 2 });
    expect(decoded.errors).toEqual([
      expect.stringMatching(/^unknown preset "bogus" \(presets: .*\); ignored$/),
      'learningRate must be a number from 0.0001 to 100 (got "abc"); using 2',
    ]);
  });
});

/** A valid state: each setting the preset's value or any value in its range (edges, -0 included). */
const validState = fc
  .record({
    presetId: fc.constantFrom(null, 'not-a-preset', ...PRESET_IDS),
    changes: fc.array(fc.constantFrom(...SETTINGS).chain((s): fc.Arbitrary<[string, unknown]> => {
      switch (s.kind) {
        case 'number': {
          const inRange = fc.oneof(nastyNumber, fc.double({ min: s.min, max: s.max })).filter((n) => n >= s.min && n <= s.max);
          return (s.integer ? fc.integer({ min: s.min, max: s.max }).map((n) => (n === 0 ? -0 : n)) : inRange).map((n) => [s.key, n]);
        }
        case 'choice':
          return fc.constantFrom(...s.options).map((o) => [s.key, o]);
        case 'list':
          return validList(s).map((o) => [s.key, o]);
        case 'boolean':
          return fc.boolean().map((b) => [s.key, b]);
      }
    }), { maxLength: SETTINGS.length }),
  })
  .map(({ presetId, changes }) => {
    const config: Record<string, unknown> = { ...(presetId && PRESET_IDS.includes(presetId) ? configForPreset(presetId) : DEFAULT_CONFIG) };
    for (const [key, value] of changes) config[key] = value;
    const full = config as unknown as ExperimentConfig;
    full.trackedLayer = Math.min(full.trackedLayer, full.depth - 1);
    full.trackedUnit = Math.min(full.trackedUnit, full.width - 1);
    return { presetId, config: full };
  });

describe('the codec round trip on 10,000 valid states', () => {
  it('gives back every setting exactly (0 for -0), through the address bar too', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const link = encodeUrlState(state);
        const url = new URL('http://127.0.0.1/explorer/');
        url.search = link;
        for (const decoded of [decodeUrlState(link), decodeUrlState(url.search)]) {
          expect(decoded.errors).toEqual([]);
          expect(decoded.presetId).toBe(PRESET_IDS.includes(state.presetId ?? '') ? state.presetId : null);
          for (const setting of SETTINGS) {
            const sent = state.config[setting.key];
            expect(Object.is(decoded.config[setting.key], sent === 0 ? 0 : sent)).toBe(true);
          }
          expect(encodeUrlState(decoded)).toBe(link);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
