/**
 * Embed mode's page options, read from the same query string as the experiment:
 * `embed=1&view=fig1&controls=play,reset,learningRate&autoplay=1&theme=dark`.
 * Pure: the caller passes the search string in. Unknown values are reported and replaced by defaults.
 */
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { quoteForMessage } from '../experiment/validate.ts';
import { PAGE_PARTS } from '../url/pageControls.ts';

/** A part of the page an embed can show. */
export type EmbedPanel = 'fig1' | 'layers';

/** The transport buttons an embed can show. */
export type TransportControl = 'play' | 'step' | 'reset';

/** The page colours. */
export type EmbedTheme = 'light' | 'dark';

/** What an embed shows and how it starts. */
export interface EmbedOptions {
  /** True when the page is in embed mode (`embed=1`). */
  embed: boolean;
  /** Panels in page order. */
  panels: EmbedPanel[];
  /** Transport buttons shown. */
  transport: TransportControl[];
  /** Settings shown as controls, in the order given. */
  settings: (keyof ExperimentConfig)[];
  /** Start training on load. */
  autoplay: boolean;
  theme: EmbedTheme;
  /** One message per value that could not be used. */
  problems: string[];
}

/** `view` values: a panel, or `all`. */
export const VIEWS: Record<string, EmbedPanel[]> = { fig1: ['fig1'], layers: ['layers'], all: ['fig1', 'layers'] };
export const TRANSPORT_CONTROLS: readonly TransportControl[] = ['play', 'step', 'reset'];
export const THEMES: readonly EmbedTheme[] = ['light', 'dark'];

/** The options of a link with no embed parameters. */
export const DEFAULT_EMBED_OPTIONS: Readonly<EmbedOptions> = {
  embed: false,
  panels: ['fig1', 'layers'],
  transport: ['play', 'reset'],
  settings: [],
  autoplay: true,
  theme: 'light',
  problems: [],
};

const SETTING_KEYS = new Set<string>(SETTINGS.map((s) => s.key));
const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** The last value of `name` in `params`, trimmed; null when absent. */
function last(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  return values.length > 0 ? values[values.length - 1].trim() : null;
}

/** A comma list, without blanks or repeats. */
function list(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
}

/** `"a", "b", "c" and 12 more`: the first three of `words` quoted (quoteForMessage), the rest counted. */
function quoted(words: readonly string[]): string {
  const shown = words.slice(0, 3).map(quoteForMessage).join(', ');
  return words.length > 3 ? `${shown} and ${(words.length - 3).toLocaleString('en-US')} more` : shown;
}

/** `view "x"` or `views "x", "y"`: a noun for one or several `words`, quoted. */
function naming(noun: string, words: readonly string[]): string {
  return `${noun}${words.length === 1 ? '' : 's'} ${quoted(words)}`;
}

/**
 * The embed options `search` (e.g. location.search) describes. Never throws. Each parameter whose
 * value cannot be used gives one message (unknown words of a list together), saying what is used instead.
 */
export function readEmbedOptions(search: string): EmbedOptions {
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS, panels: [...DEFAULT_EMBED_OPTIONS.panels], transport: [...DEFAULT_EMBED_OPTIONS.transport], settings: [], problems };
  // `embed` alone (or `embed=1`) turns embed mode on; a value that is neither on nor off leaves it off.
  const embed = last(params, 'embed');
  if (embed !== null) {
    const word = embed.toLowerCase();
    if (word === '' || TRUE_WORDS.includes(word)) options.embed = true;
    else if (!FALSE_WORDS.includes(word)) problems.push(`embed must be 1 or 0 (got ${quoteForMessage(embed)}); embed mode off`);
  }

  const view = last(params, 'view');
  if (view !== null) {
    const panels = new Set<EmbedPanel>();
    const unknown: string[] = [];
    for (const word of list(view)) {
      const found = Object.hasOwn(VIEWS, word) ? VIEWS[word] : undefined;
      if (found) found.forEach((p) => panels.add(p));
      else unknown.push(word);
    }
    // Page order, whatever the order in the link.
    if (panels.size > 0) options.panels = (['fig1', 'layers'] as const).filter((p) => panels.has(p));
    if (unknown.length > 0) problems.push(`unknown ${naming('view', unknown)} (views: ${Object.keys(VIEWS).join(', ')}); showing ${options.panels.join(', ')}`);
  }

  const controls = last(params, 'controls');
  if (controls !== null) {
    options.transport = [];
    const unknown: string[] = [];
    // The full page's parts (a classroom link's presets, lab, tour: src/url/pageControls.ts) are not in an embed.
    const pageOnly: string[] = [];
    for (const word of list(controls)) {
      if (word === 'none') continue;
      if ((TRANSPORT_CONTROLS as readonly string[]).includes(word)) options.transport.push(word as TransportControl);
      else if (SETTING_KEYS.has(word)) options.settings.push(word as keyof ExperimentConfig);
      else if ((PAGE_PARTS as readonly string[]).includes(word)) pageOnly.push(word);
      else unknown.push(word);
    }
    if (unknown.length > 0) problems.push(`unknown ${naming('control', unknown)} (controls: ${[...TRANSPORT_CONTROLS, ...PAGE_PARTS, 'none', 'or a setting such as learningRate'].join(', ')}); ignored`);
    if (pageOnly.length > 0 && options.embed) problems.push(`${naming('control', pageOnly)} only on the full page, not in an embed; ignored`);
  }

  const autoplay = last(params, 'autoplay');
  if (autoplay !== null) {
    if (TRUE_WORDS.includes(autoplay.toLowerCase())) options.autoplay = true;
    else if (FALSE_WORDS.includes(autoplay.toLowerCase())) options.autoplay = false;
    else problems.push(`autoplay must be 0 or 1 (got ${quoteForMessage(autoplay)}); using 1`);
  }

  const theme = last(params, 'theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) options.theme = theme as EmbedTheme;
    else problems.push(`unknown theme ${quoteForMessage(theme)} (themes: ${THEMES.join(', ')}); using ${DEFAULT_EMBED_OPTIONS.theme}`);
  }
  return options;
}

/** What the Share / Embed dialog lets a writer choose for a snippet. */
export interface EmbedChoice {
  view: keyof typeof VIEWS;
  /** Transport buttons and setting keys, in order. */
  controls: string[];
  autoplay: boolean;
  theme: EmbedTheme;
}

/** The embed parameters (without '?') for `choice`, to append to an experiment's query. */
export function embedParams(choice: EmbedChoice): string {
  const controls = choice.controls.length > 0 ? choice.controls.join(',') : 'none';
  return `embed=1&view=${choice.view}&controls=${controls}&autoplay=${choice.autoplay ? 1 : 0}&theme=${choice.theme}`;
}

/** Suggested iframe height (px) for a view: enough for its panels at a blog's column width (Figure 1 fits 480 from 640 px wide). */
export function embedHeight(view: keyof typeof VIEWS): number {
  if (view === 'fig1') return 480;
  if (view === 'layers') return 760;
  return 1400;
}

/** `text` safe inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The iframe snippet for an embed at `src` (an absolute URL). */
export function iframeSnippet(src: string, title: string, height: number): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** `href` (the page's address) with its query replaced by `query` (without '?') and no hash. */
export function pageUrl(href: string, query: string): string {
  const url = new URL(href);
  url.search = query;
  url.hash = '';
  return url.toString();
}
