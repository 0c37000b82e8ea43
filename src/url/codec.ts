/**
 * The experiment <-> URL query codec. Pure: the caller passes the search string in and
 * writes the result out. A link holds the preset and only the settings that differ from it,
 * so links stay short and still reproduce the run exactly.
 */
import { configForPreset, PRESET_SETUPS, setupById } from '../experiment/presetSetups.ts';
import { DEFAULT_CONFIG, SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { isSettingKey, parseSettingValue, quoteForMessage, unknownSettingMessage, validateConfig } from '../experiment/validate.ts';
import { escapeQueryValue } from './query.ts';

/** What a link holds. */
export interface UrlState {
  /** The preset the config starts from; null = custom (over DEFAULT_CONFIG). */
  presetId: string | null;
  config: ExperimentConfig;
}

/** A decoded link: the state, and one message per part of it that could not be used. */
export interface DecodedUrlState extends UrlState {
  errors: string[];
}

/** The query parameter naming the preset. */
export const PRESET_PARAM = 'preset';

/**
 * Query parameters that belong to the page, not the experiment (embed mode's, src/embed/options.ts): decode
 * ignores them and the bridge keeps them in the address bar.
 */
export const PASS_THROUGH_PARAMS: readonly string[] = ['embed', 'view', 'controls', 'autoplay', 'theme', 'present', 'guide', 'lab', 'shared'];

/** Prefixes of page parameters with open-ended names: `lab.<param>` holds a lab job's parameters (src/store/lab.ts). */
export const PASS_THROUGH_PREFIXES: readonly string[] = ['lab.'];

/** True for a query parameter that belongs to the page, not the experiment (PASS_THROUGH_PARAMS or a PASS_THROUGH_PREFIXES name). */
export function isPassThroughParam(key: string): boolean {
  return PASS_THROUGH_PARAMS.includes(key) || PASS_THROUGH_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** The config a state's settings are compared with: its preset's, or the defaults. */
function baseConfig(presetId: string | null): ExperimentConfig {
  return presetId !== null && setupById(presetId, PRESET_SETUPS) ? configForPreset(presetId) : { ...DEFAULT_CONFIG };
}

/** Text form of a setting value: numbers shortest-round-trip (String), booleans true/false. */
function formatValue(value: ExperimentConfig[keyof ExperimentConfig]): string {
  return String(value);
}

/**
 * The query string (without '?') of `state`: `preset=<id>` (when a known preset) and then,
 * in SETTINGS order, each setting whose value differs from that preset (or the defaults).
 */
export function encodeUrlState(state: UrlState): string {
  const presetId = state.presetId !== null && setupById(state.presetId, PRESET_SETUPS) ? state.presetId : null;
  const base = baseConfig(presetId);
  const parts: string[] = presetId !== null ? [`${PRESET_PARAM}=${escapeQueryValue(presetId)}`] : [];
  for (const setting of SETTINGS) {
    const value = state.config[setting.key];
    if (value !== base[setting.key]) parts.push(`${setting.key}=${escapeQueryValue(formatValue(value))}`);
  }
  return parts.join('&');
}

/** At most this many unknown keys are named in the one message about them. */
export const UNKNOWN_KEYS_NAMED = 5;
/** The message about unknown keys stays within this many characters (fewer keys are named if need be). */
const MAX_MESSAGE_CHARS = 400;

/**
 * One message for every unknown key of a link (distinct, in order): one key is named with the
 * settings there are; more are named up to UNKNOWN_KEYS_NAMED, then counted ("and 1,495 more"),
 * so a link of thousands of junk keys gives one short line, not thousands.
 */
export function unknownKeysMessage(keys: readonly string[]): string {
  if (keys.length === 1) return `${unknownSettingMessage(keys[0])}; ignored`;
  const settings = SETTINGS.map((s) => s.key).join(', ');
  const build = (named: readonly string[]): string => {
    const rest = keys.length - named.length;
    return `unknown settings ${named.join(', ')}${rest > 0 ? ` and ${rest.toLocaleString('en-US')} more` : ''} (settings: ${settings}); ignored`;
  };
  const named: string[] = [];
  for (const key of keys.slice(0, UNKNOWN_KEYS_NAMED)) {
    const quoted = quoteForMessage(key);
    if (named.length > 0 && build([...named, quoted]).length > MAX_MESSAGE_CHARS) break;
    named.push(quoted);
  }
  return build(named);
}

/** `search` split into [key, value] pairs ('+' is kept literally: "1e+3" stays a number). */
function readPairs(search: string, errors: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const rawKey = at < 0 ? part : part.slice(0, at);
    const rawValue = at < 0 ? '' : part.slice(at + 1);
    try {
      pairs.push([decodeURIComponent(rawKey), decodeURIComponent(rawValue)]);
    } catch {
      errors.push(`could not read ${quoteForMessage(part)} in the link (bad % escape); ignored`);
    }
  }
  return pairs;
}

/**
 * The state a query string describes. Never throws: an unknown preset or an invalid value adds a
 * message (naming it and what it accepts) and falls back to the preset's value, or the default's;
 * unknown keys add one message between them (unknownKeysMessage).
 */
export function decodeUrlState(search: string): DecodedUrlState {
  const errors: string[] = [];
  try {
    const pairs = readPairs(search, errors);
    // The last preset parameter decides; an unknown one means the defaults.
    const presetValues = pairs.filter(([key]) => key === PRESET_PARAM).map(([, value]) => value);
    const lastPreset = presetValues.at(-1);
    const presetId = lastPreset !== undefined && setupById(lastPreset, PRESET_SETUPS) ? lastPreset : null;
    presetValues.forEach((value, i) => {
      if (setupById(value, PRESET_SETUPS)) return;
      const outcome = i < presetValues.length - 1 ? 'ignored' : 'using the default settings';
      errors.push(`unknown preset ${quoteForMessage(value)} (presets: ${PRESET_SETUPS.map((p) => p.id).join(', ')}); ${outcome}`);
    });
    const base = baseConfig(presetId);
    const values: Record<string, unknown> = { ...base };
    // Unknown keys get one message, in the place of the first.
    const unknownKeys = new Set<string>();
    let unknownAt = -1;
    for (const [key, raw] of pairs) {
      if (key === PRESET_PARAM || isPassThroughParam(key)) continue;
      if (!isSettingKey(key)) {
        if (unknownAt < 0) unknownAt = errors.length;
        unknownKeys.add(key);
        continue;
      }
      const parsed = parseSettingValue(key, raw);
      if (parsed.ok) values[key] = parsed.value;
      // A repeated key keeps its last valid value: say which value is used, not the preset's.
      else errors.push(`${parsed.error}; using ${formatValue(values[key] as ExperimentConfig[typeof key])}`);
    }
    if (unknownAt >= 0) errors.splice(unknownAt, 0, unknownKeysMessage([...unknownKeys]));
    const checked = validateConfig(values);
    errors.push(...checked.errors);
    return { presetId, config: checked.config, errors };
  } catch (error) {
    errors.push(`could not read the link (${error instanceof Error ? error.message : String(error)}); using the default settings`);
    return { presetId: null, config: { ...DEFAULT_CONFIG }, errors };
  }
}
