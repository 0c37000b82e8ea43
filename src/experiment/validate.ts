/**
 * One validator over the SETTINGS table, shared by the CLI (`--set name=value`), the worker and
 * the URL codec. Messages name the setting and what it accepts, e.g.
 * `learningRate must be a number from 0.0001 to 100 (got "abc")`.
 */
import { DEFAULT_CONFIG, SETTINGS } from './settings.ts';
import type { ExperimentConfig, ListSetting, Setting } from './settings.ts';

/** A parsed setting value, or why it was refused. */
export type ParsedSetting =
  | { ok: true; value: ExperimentConfig[keyof ExperimentConfig] }
  | { ok: false; error: string };

const byKey = new Map<string, Setting>(SETTINGS.map((setting) => [setting.key, setting]));

/** Is `key` the name of a setting? */
export function isSettingKey(key: string): key is keyof ExperimentConfig {
  return byKey.has(key);
}

/** What a setting accepts, in words: "a number from 0.0001 to 100", "one of sigmoid, tanh". */
export function describeAccepted(setting: Setting): string {
  switch (setting.kind) {
    case 'number':
      return `${setting.integer ? 'a whole number' : 'a number'} from ${setting.min} to ${setting.max}`;
    case 'choice':
      return `one of ${setting.options.join(', ')}`;
    case 'list':
      return `a comma list of ${setting.minItems} to ${setting.maxItems} of ${setting.options.join(', ')}`;
    case 'boolean':
      return 'true or false';
  }
}

/**
 * A list setting's text in canonical form: its names trimmed, without repeats, in the options' order
 * ("bn, plain" -> "plain,bn"); null when a name is unknown or the count is outside minItems..maxItems.
 */
export function canonicalList(setting: ListSetting<keyof ExperimentConfig>, text: string): string | null {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.some((name) => !setting.options.includes(name))) return null;
  const chosen = setting.options.filter((option) => names.includes(option));
  return chosen.length >= setting.minItems && chosen.length <= setting.maxItems ? chosen.join(',') : null;
}

/** Longest text quoted in a message; longer text is cut and ends with an ellipsis. */
export const MAX_QUOTED_CHARS = 40;

/**
 * `text` quoted for a one-line message: JSON-escaped (no line breaks, no bidi controls), cut to
 * MAX_QUOTED_CHARS characters, e.g. `"abc"` or `"xxxx…" (100000 characters)`.
 */
export function quoteForMessage(text: string): string {
  // JSON leaves these as they are: line separators (U+0085, U+2028, U+2029) would break the line,
  // bidi controls would reorder how the rest of the message reads.
  const quote = (cut: number): string => JSON.stringify(cut < text.length ? `${text.slice(0, cut)}…` : text)
    .replace(/[\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  let cut = Math.min(text.length, MAX_QUOTED_CHARS);
  let quoted = quote(cut);
  // Escapes (\" \\ \u0000) can make a quote several times its text: cut until the quote itself stays short.
  while (quoted.length > MAX_QUOTED_CHARS + 4 && cut > 1) quoted = quote(--cut);
  return cut >= text.length ? quoted : `${quoted} (${text.length} characters)`;
}

/**
 * Any value as a message shows it: text quoted, numbers and booleans as written, anything
 * else by its kind. Never throws (not even for an object without toString).
 */
export function showValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quoteForMessage(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
  }
}

function refuse(setting: Setting, raw: unknown): ParsedSetting {
  return { ok: false, error: `${setting.key} must be ${describeAccepted(setting)} (got ${showValue(raw)})` };
}

/** The message for a key that is no setting, listing the settings. */
export function unknownSettingMessage(key: string): string {
  return `unknown setting ${quoteForMessage(key)} (settings: ${SETTINGS.map((s) => s.key).join(', ')})`;
}

/** Check an already-typed value (number, boolean, string) against its setting. */
function checkValue(setting: Setting, value: unknown): ParsedSetting {
  switch (setting.kind) {
    case 'number': {
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= setting.min && value <= setting.max
        && (!setting.integer || Number.isInteger(value));
      // -0 becomes 0: a link writes both as "0", so a validated config must hold one of them.
      return ok ? { ok: true, value: value === 0 ? 0 : value } : refuse(setting, value);
    }
    case 'choice':
      return typeof value === 'string' && setting.options.includes(value)
        ? { ok: true, value: value as ExperimentConfig[keyof ExperimentConfig] }
        : refuse(setting, value);
    case 'list': {
      const canonical = typeof value === 'string' ? canonicalList(setting, value) : null;
      return canonical !== null ? { ok: true, value: canonical } : refuse(setting, value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : refuse(setting, value);
  }
}

/**
 * Parse the text form of a setting (a CLI `--set` value or a URL parameter): numbers in any JS
 * numeric notation ("0.5", "1e-3"), booleans as true/false/1/0, choices by name.
 */
export function parseSettingValue(key: string, raw: string): ParsedSetting {
  const setting = byKey.get(key);
  if (!setting) return { ok: false, error: unknownSettingMessage(key) };
  const text = raw.trim();
  switch (setting.kind) {
    case 'number': {
      const checked = checkValue(setting, text === '' ? NaN : Number(text));
      return checked.ok ? checked : refuse(setting, raw);
    }
    case 'choice':
    case 'list': {
      const checked = checkValue(setting, text);
      return checked.ok ? checked : refuse(setting, raw);
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return { ok: true, value: true };
      if (lower === 'false' || lower === '0') return { ok: true, value: false };
      return refuse(setting, raw);
    }
  }
}

/**
 * A full config from a partial one: DEFAULT_CONFIG overlaid with every valid entry of
 * `partial`. Values may be typed (numbers, booleans) or text (parsed as parseSettingValue
 * does). Unknown keys and invalid values are reported in `errors` (one line each) and
 * left at their defaults; `undefined` entries are skipped. A tracked layer or unit beyond
 * the network (depth, width) is reported too and falls back to the default (-1, 0).
 */
export function validateConfig(partial: Record<string, unknown>): { config: ExperimentConfig; errors: string[] } {
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const errors: string[] = [];
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const setting = byKey.get(key);
    if (!setting) {
      errors.push(unknownSettingMessage(key));
      continue;
    }
    const parsed = typeof value === 'string' ? parseSettingValue(key, value) : checkValue(setting, value);
    if (parsed.ok) config[key] = parsed.value;
    else errors.push(parsed.error);
  }
  const full = config as unknown as ExperimentConfig;
  if (full.trackedLayer >= full.depth) {
    errors.push(`trackedLayer must be -1 (the last) or a hidden layer from 0 to ${full.depth - 1} (got ${full.trackedLayer})`);
    full.trackedLayer = DEFAULT_CONFIG.trackedLayer;
  }
  if (full.trackedUnit >= full.width) {
    errors.push(`trackedUnit must be a unit from 0 to ${full.width - 1} (got ${full.trackedUnit})`);
    full.trackedUnit = DEFAULT_CONFIG.trackedUnit;
  }
  return { config: full, errors };
}

