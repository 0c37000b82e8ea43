/**
 * The page's keyboard shortcuts: which key does what (one table, shown in the help dialog and the
 * README), and the pure decisions behind them (which key means which action, when a key is left
 * to the element that has focus, where a scrub goes).
 */

/** Steps the → key takes (the Step button's count). */
export const SHORTCUT_STEP_COUNT = 10;

/** How many presses of a scrub key cross the whole run. */
export const SCRUB_PRESSES = 50;

/** What a shortcut asks for. */
export type ShortcutAction =
  | { type: 'playPause' }
  | { type: 'step' }
  | { type: 'scrub'; direction: -1 | 1 }
  | { type: 'reset' }
  | { type: 'preset'; index: number }
  | { type: 'help' }
  | { type: 'presentation' }
  | { type: 'narrate' };

/** One row of the help table: the keys (as shown) and what they do. */
export interface ShortcutHelp {
  keys: readonly string[];
  action: string;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: ['Space'], action: 'Play / pause (stops narration)' },
  { keys: ['→'], action: `Take ${SHORTCUT_STEP_COUNT} training steps (pauses first)` },
  { keys: ['←', 'Shift+←', ','], action: 'Scrub back in time' },
  { keys: ['Shift+→', '.'], action: 'Scrub forward in time (to the end: follow the live step)' },
  { keys: ['R'], action: 'Reset: the same run again from step 0' },
  { keys: ['1–9'], action: 'Choose preset 1 to 9, in the order of the preset bar' },
  { keys: ['N'], action: 'Narrate: slow, step-by-step run with a caption' },
  { keys: ['P'], action: 'Presentation mode: large type for a projector' },
  { keys: ['?', 'H'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close this list' },
];

/** The parts of a keyboard event a shortcut depends on. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** The action `press` asks for, or null. Ctrl, Alt and Meta (⌘) combinations belong to the browser. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const { key } = press;
  if (key === ' ' || key === 'Spacebar') return { type: 'playPause' };
  if (key === 'ArrowRight') return press.shiftKey ? { type: 'scrub', direction: 1 } : { type: 'step' };
  if (key === 'ArrowLeft' || key === ',') return { type: 'scrub', direction: -1 };
  if (key === '.') return { type: 'scrub', direction: 1 };
  if (key === '?') return { type: 'help' };
  if (/^[1-9]$/.test(key)) return { type: 'preset', index: Number(key) - 1 };
  switch (key.toLowerCase()) {
    case 'r': return { type: 'reset' };
    case 'h': return { type: 'help' };
    case 'p': return { type: 'presentation' };
    case 'n': return { type: 'narrate' };
    default: return null;
  }
}

/** Elements where typing goes to the element: every key is theirs. */
const TYPING = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
/** Elements that Space (and Enter) activate: those keys are theirs (a preset button, Play, a <summary>...). */
const ACTIVATED = 'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"], [role="radio"]';

/**
 * True when the key belongs to the element that has focus, not to the page: anything typed into
 * a text field, range (the time scrubber), select or editable text; Space on a button, link or
 * <summary>; any key inside an open dialog.
 */
export function keyBelongsToFocus(target: EventTarget | null, key: string): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest(TYPING)) return true;
  if (target.closest('dialog[open]')) return true;
  return (key === ' ' || key === 'Spacebar' || key === 'Enter') && target.closest(ACTIVATED) !== null;
}

/**
 * Where a scrub from `scrubStep` (null = live, at `lastStep`) lands: one SCRUB_PRESSES-th of the
 * run back or forward (at least one step), within [0, lastStep]; forward onto the last step
 * returns null, so the charts follow the run again.
 */
export function scrubTarget(scrubStep: number | null, lastStep: number, direction: -1 | 1): number | null {
  const last = Number.isFinite(lastStep) ? Math.max(0, Math.round(lastStep)) : 0;
  const from = scrubStep === null ? last : Math.min(Math.max(0, Math.round(scrubStep)), last);
  const delta = Math.max(1, Math.round(last / SCRUB_PRESSES));
  const next = Math.min(last, Math.max(0, from + direction * delta));
  return next >= last ? null : next;
}
