/**
 * The classroom link: `controls=` on the full page (as TensorFlow Playground's `_hide` flags, but naming
 * what stays) opens the experiment with only the controls it lists: transport buttons (`play`, `step`,
 * `reset`), settings by key (`learningRate`, ...), and the page's parts that change or extend the run
 * (`presets`, `lab`, `tour`); `none` for none. Without `controls`, every control shows. The embed reads the
 * same parameter (src/embed/options.ts), where the page's parts do not exist. Pure: the caller passes the
 * search string in. Words the page cannot use are named in the link's one notice by readEmbedOptions.
 */
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';

/** The query parameter that lists the controls a link keeps. */
export const CONTROLS_PARAM = 'controls';

/** Transport buttons a link can keep. */
export const TRANSPORT_WORDS = ['play', 'step', 'reset'] as const;
export type TransportWord = (typeof TRANSPORT_WORDS)[number];

/** Parts of the full page a classroom link can keep or hide: the preset bar, the lab, the guided tour. */
export const PAGE_PARTS = ['presets', 'lab', 'tour'] as const;
export type PagePart = (typeof PAGE_PARTS)[number];

/** A control of the full page, as a link names it. */
export type PageControl = TransportWord | PagePart | keyof ExperimentConfig;

/** What a link keeps. */
export interface PageControls {
  /** False when the link names no controls: then every control shows. */
  restricted: boolean;
  /** The controls kept, in the link's order, without repeats or unknown words. */
  kept: PageControl[];
}

const SETTING_KEYS = new Set<string>(SETTINGS.map((s) => s.key));
const KNOWN = new Set<string>([...TRANSPORT_WORDS, ...PAGE_PARTS, ...SETTING_KEYS]);

/** True for a word `controls=` accepts on the full page (besides `none`). */
export function isPageControl(word: string): word is PageControl {
  return KNOWN.has(word);
}

/** The controls `search` keeps (the last `controls` parameter decides; unknown words are left out). */
export function readPageControls(search: string): PageControls {
  let value: string | null = null;
  try {
    const values = new URLSearchParams(search).getAll(CONTROLS_PARAM);
    value = values.length > 0 ? values[values.length - 1] : null;
  } catch {
    value = null;
  }
  if (value === null) return { restricted: false, kept: [] };
  const words = value.split(',').map((w) => w.trim()).filter((w) => w !== '');
  return { restricted: true, kept: [...new Set(words.filter(isPageControl))] };
}

/** True when `controls` shows `control`. */
export function showsControl(controls: PageControls, control: PageControl): boolean {
  return !controls.restricted || controls.kept.includes(control);
}

/** The `controls` value for `kept` (in the order given), `none` when empty. */
export function controlsValue(kept: readonly PageControl[]): string {
  return kept.length > 0 ? kept.join(',') : 'none';
}

let current: PageControls | null = null;

/** The controls the page was opened with (read once from the address bar; the link's choice holds while the page is open). */
export function pageControls(): PageControls {
  if (current === null) current = typeof window === 'undefined' ? { restricted: false, kept: [] } : readPageControls(window.location.search);
  return current;
}

/** Forget the controls read from the address bar (tests, which change it). */
export function resetPageControls(): void {
  current = null;
}
