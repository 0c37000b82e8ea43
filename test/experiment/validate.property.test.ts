import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import { parseSettingValue, validateConfig } from '../../src/experiment/validate.ts';
import {
  acceptedWords, acceptsTyped, configProblems, expectedFromText, isOneShortLine, nastyKey, nastyText, nastyValue, settingNamed,
  SETTING_KEYS,
} from './configOracle.ts';

const RUNS = 10_000;

/** What validateConfig must make of `partial`: the config and how many lines it reports. */
function expectedOutcome(partial: Record<string, unknown>): { config: Record<string, unknown>; errorCount: number; refused: string[]; unknown: string[] } {
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const refused: string[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const setting = settingNamed(key);
    if (!setting) {
      unknown.push(key);
      continue;
    }
    const expected = typeof value === 'string' ? expectedFromText(setting, value) : acceptsTyped(setting, value) ? value : undefined;
    if (expected === undefined) refused.push(key);
    else config[key] = expected === 0 ? 0 : expected;
  }
  let errorCount = refused.length + unknown.length;
  if ((config.trackedLayer as number) >= (config.depth as number)) {
    config.trackedLayer = DEFAULT_CONFIG.trackedLayer;
    errorCount += 1;
  }
  if ((config.trackedUnit as number) >= (config.width as number)) {
    config.trackedUnit = DEFAULT_CONFIG.trackedUnit;
    errorCount += 1;
  }
  return { config, errorCount, refused, unknown };
}

describe('parseSettingValue on 10,000 hostile inputs', () => {
  it('never throws, accepts exactly what the setting allows, and refuses in one line naming the setting and its range', () => {
    fc.assert(
      fc.property(nastyKey, nastyText, (key, raw) => {
        const parsed = parseSettingValue(key, raw);
        const setting = settingNamed(key);
        if (!setting) {
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) {
            expect(parsed.error).toMatch(/^unknown setting "/);
            expect(parsed.error).toContain(SETTING_KEYS.join(', '));
            expect(isOneShortLine(parsed.error)).toBe(true);
          }
          return;
        }
        const expected = expectedFromText(setting, raw);
        if (expected === undefined) {
          expect(parsed.ok).toBe(false);
          if (parsed.ok) return;
          expect(parsed.error.startsWith(`${key} must be `)).toBe(true);
          for (const word of acceptedWords(setting)) expect(parsed.error).toContain(word);
          expect(parsed.error).toContain('(got "');
          expect(isOneShortLine(parsed.error)).toBe(true);
        } else {
          expect(parsed).toEqual({ ok: true, value: expected });
          if (parsed.ok) expect(Object.is(parsed.value, -0)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('validateConfig on 10,000 hostile partial configs', () => {
  const partials = fc
    .array(fc.tuple(nastyKey, nastyValue), { maxLength: 8 })
    // Object.fromEntries defines own properties, so "__proto__" is a real (unknown) key here.
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

  it('never throws and always returns a valid config: every valid entry over the defaults', () => {
    fc.assert(
      fc.property(partials, (partial) => {
        const { config, errors } = validateConfig(partial);
        expect(configProblems(config as unknown as Record<string, unknown>)).toEqual([]);
        const expected = expectedOutcome(partial);
        expect(config).toEqual(expected.config);
        expect(errors).toHaveLength(expected.errorCount);
      }),
      { numRuns: RUNS },
    );
  });

  it('reports each refused value in one short line that names the setting and what it accepts', () => {
    fc.assert(
      fc.property(partials, (partial) => {
        const { errors } = validateConfig(partial);
        for (const message of errors) expect(isOneShortLine(message)).toBe(true);
        const { refused, unknown } = expectedOutcome(partial);
        for (const key of refused) {
          const setting = settingNamed(key)!;
          const lines = errors.filter((e) => e.startsWith(`${key} must be `));
          expect(lines).toHaveLength(1);
          for (const word of acceptedWords(setting)) expect(lines[0]).toContain(word);
        }
        expect(errors.filter((e) => e.startsWith('unknown setting '))).toHaveLength(unknown.length);
        for (const key of unknown.filter((k) => /^[\x20-\x7e]{0,40}$/.test(k))) {
          expect(errors).toContain(`unknown setting ${JSON.stringify(key)} (settings: ${SETTING_KEYS.join(', ')})`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('shows values whose String() throws or spans lines without throwing', () => {
    const hostile = [Object.create(null) as unknown, { toString: () => { throw new Error('no text'); } }, ['1\n2'], Symbol('s'), 3n];
    for (const value of hostile) {
      const { config, errors } = validateConfig({ depth: value });
      expect(config.depth).toBe(DEFAULT_CONFIG.depth);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^depth must be a whole number from 1 to 16 \(got .+\)$/);
      expect(isOneShortLine(errors[0])).toBe(true);
    }
    expect(validateConfig({ depth: 3n }).errors[0]).toBe('depth must be a whole number from 1 to 16 (got 3n)');
  });

  it('cuts an overlong value in its message and says how long it was', () => {
    const { errors } = validateConfig({ learningRate: 'x'.repeat(100_000) });
    expect(errors).toEqual([`learningRate must be a number from 0.0001 to 100 (got "${'x'.repeat(40)}…" (100000 characters))`]);
  });

  it('escapes line separators and bidi controls, which JSON leaves as they are', () => {
    expect(validateConfig({ dataset: 'a\u2028b\u202e' }).errors).toEqual(['dataset must be one of mnist, spiral, circles, xor, blobs (got "a\\u2028b\\u202e")']);
  });

  it('keeps no -0: a link cannot tell it from 0', () => {
    expect(Object.is(validateConfig({ momentum: -0 }).config.momentum, 0)).toBe(true);
    expect(Object.is(validateConfig({ seed: '-0' }).config.seed, 0)).toBe(true);
  });

  it('reads a choice given as text the way parseSettingValue does', () => {
    expect(validateConfig({ activation: ' tanh ' })).toEqual({ config: { ...DEFAULT_CONFIG, activation: 'tanh' }, errors: [] });
  });
});
