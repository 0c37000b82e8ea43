/**
 * An independent oracle of what the settings validator must accept, written from the SETTINGS
 * table and the documented rules (not from src/experiment/validate.ts), plus generators of
 * hostile inputs shared by the property tests of the validator, the URL codec and the CLI.
 */
import fc from 'fast-check';
import { SETTINGS } from '../../src/experiment/settings.ts';
import type { ExperimentConfig, Setting } from '../../src/experiment/settings.ts';

export const SETTING_KEYS: readonly string[] = SETTINGS.map((s) => s.key);

export function settingNamed(key: string): Setting | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/** Is `value` (already typed) acceptable for `setting`? */
export function acceptsTyped(setting: Setting, value: unknown): boolean {
  switch (setting.kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= setting.min && value <= setting.max
        && (!setting.integer || Math.floor(value) === value);
    case 'choice':
      return typeof value === 'string' && setting.options.includes(value);
    case 'list':
      return typeof value === 'string' && listFromText(setting, value) === value;
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/**
 * A list setting's value for `text`, by the documented rule: names separated by commas (spaces
 * around them ignored), each an option, repeats once, kept in the options' order, between
 * minItems and maxItems of them; undefined otherwise.
 */
export function listFromText(setting: Extract<Setting, { kind: 'list' }>, text: string): string | undefined {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (!names.every((name) => setting.options.includes(name))) return undefined;
  const kept = setting.options.filter((option) => names.includes(option));
  return kept.length >= setting.minItems && kept.length <= setting.maxItems ? kept.join(',') : undefined;
}

/** A valid value of a list setting: a subset of its options in their order, as text. */
export function validList(setting: Extract<Setting, { kind: 'list' }>): fc.Arbitrary<string> {
  return fc.subarray([...setting.options], { minLength: setting.minItems, maxLength: setting.maxItems }).map((names) => names.join(','));
}

/** The value text `raw` stands for, or undefined when `setting` must refuse it. */
export function expectedFromText(setting: Setting, raw: string): ExperimentConfig[keyof ExperimentConfig] | undefined {
  const text = raw.trim();
  switch (setting.kind) {
    case 'number': {
      if (text === '') return undefined;
      const value = Number(text);
      return acceptsTyped(setting, value) ? value + 0 : undefined;
    }
    case 'choice':
      return setting.options.includes(text) ? (text as ExperimentConfig[keyof ExperimentConfig]) : undefined;
    case 'list':
      return listFromText(setting, text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      return undefined;
    }
  }
}

/** Every problem of `config` as a full experiment config (empty = valid). */
export function configProblems(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(config).sort();
  if (keys.join() !== [...SETTING_KEYS].sort().join()) problems.push(`keys ${keys.join()}`);
  for (const setting of SETTINGS) {
    const value = config[setting.key];
    if (!acceptsTyped(setting, value)) problems.push(`${setting.key}=${String(value)}`);
    if (Object.is(value, -0)) problems.push(`${setting.key} is -0`);
  }
  const { depth, width, trackedLayer, trackedUnit } = config as { depth: number; width: number; trackedLayer: number; trackedUnit: number };
  if (trackedLayer >= depth) problems.push(`trackedLayer ${trackedLayer} >= depth ${depth}`);
  if (trackedUnit >= width) problems.push(`trackedUnit ${trackedUnit} >= width ${width}`);
  return problems;
}

/** The words a message must contain to say what `setting` accepts: its range, or its options. */
export function acceptedWords(setting: Setting): string[] {
  switch (setting.kind) {
    case 'number':
      return [String(setting.min), String(setting.max)];
    case 'choice':
    case 'list':
      return [...setting.options];
    case 'boolean':
      return ['true', 'false'];
  }
}

/** A message a person can read in one line: no line breaks, not flooded by a long input. */
export function isOneShortLine(message: string): boolean {
  return !/[\n\r\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(message) && message.length > 10 && message.length <= 400;
}

/** Numbers that break naive code: NaN, infinities, -0, huge, tiny, negative, edges of ranges. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 31 - 1, 1e-4, 1e-8, 100, 1000, 1e7, 1e7 + 1, 0.99, 511, 512, 9, 10, -2),
  ...SETTINGS.flatMap((s) => (s.kind === 'number' ? [fc.constantFrom(s.min, s.max, s.min - 1, s.max + 1, s.max * 1.5)] : [])),
  fc.double(),
  fc.integer({ min: -3, max: 1100 }),
  fc.double({ min: 1e-9, max: 2e7, noNaN: true }),
);

/** Text in every shape: numbers written many ways, unicode, control characters, % escapes, very long. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  nastyNumber.map(String),
  nastyNumber.map((n) => ` ${n.toExponential()}\t`),
  nastyNumber.map((n) => n.toString(16)),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', '0b11', '1_000', '١', '５', 'true', 'TRUE', 'false', '0', '1',
    'yes', 'relu', ' tanh ', 'Sigmoid', 'mnist', 'xor', 'he', '%', '%2', '%zz', '%E0%A4%A', '%F0%9F%98%80', '\u0000', '\uD800', '💥',
    '\n', 'a\nb', '\u2028', 'x\u0085y', '\u202eevil', '+1', '1e+3', '=', '&', '?', '__proto__', 'constructor', 'toString'),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(20_000)),
  fc.string().map(encodeURIComponent),
);

/** Keys: real settings (mostly), near misses, prototype names and random text. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SETTING_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'learningrate', 'LearningRate', ' depth', 'depth ', 'lr', '') },
  { weight: 1, arbitrary: nastyText },
);

/** Values of every JS type, including ones whose String() throws. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyNumber,
  nastyText,
  fc.boolean(),
  fc.constantFrom(null, undefined, 3n, -1n, Symbol('s'), () => 1, [], ['relu'], ['1\n2'], {}, new Date(0), Object.create(null) as unknown,
    { toString: () => { throw new Error('no text'); } }, { valueOf: () => 3 }),
  fc.anything(),
);
