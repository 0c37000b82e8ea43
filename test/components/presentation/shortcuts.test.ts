// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keyBelongsToFocus, scrubTarget, SHORTCUTS, shortcutFor } from '../../../src/components/presentation/shortcuts.ts';
import type { KeyPress } from '../../../src/components/presentation/shortcuts.ts';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods };
}

describe('shortcutFor', () => {
  it('maps every documented key to its action', () => {
    expect(shortcutFor(press(' '))).toEqual({ type: 'playPause' });
    expect(shortcutFor(press('ArrowRight'))).toEqual({ type: 'step' });
    expect(shortcutFor(press('ArrowRight', { shiftKey: true }))).toEqual({ type: 'scrub', direction: 1 });
    expect(shortcutFor(press('ArrowLeft', { shiftKey: true }))).toEqual({ type: 'scrub', direction: -1 });
    expect(shortcutFor(press('ArrowLeft'))).toEqual({ type: 'scrub', direction: -1 });
    expect(shortcutFor(press(','))).toEqual({ type: 'scrub', direction: -1 });
    expect(shortcutFor(press('.'))).toEqual({ type: 'scrub', direction: 1 });
    expect(shortcutFor(press('r'))).toEqual({ type: 'reset' });
    expect(shortcutFor(press('R', { shiftKey: true }))).toEqual({ type: 'reset' });
    expect(shortcutFor(press('1'))).toEqual({ type: 'preset', index: 0 });
    expect(shortcutFor(press('9'))).toEqual({ type: 'preset', index: 8 });
    expect(shortcutFor(press('?', { shiftKey: true }))).toEqual({ type: 'help' });
    expect(shortcutFor(press('h'))).toEqual({ type: 'help' });
    expect(shortcutFor(press('p'))).toEqual({ type: 'presentation' });
    expect(shortcutFor(press('n'))).toEqual({ type: 'narrate' });
  });

  it('leaves Ctrl, Alt and Meta combinations and other keys to the browser', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('p', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('1', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('0'))).toBeNull();
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('Escape'))).toBeNull();
    expect(shortcutFor(press('ArrowUp'))).toBeNull();
  });

  it('documents every key it acts on in the help table', () => {
    const documented = SHORTCUTS.flatMap((s) => s.keys).join(' ');
    for (const key of ['Space', '→', '←', 'Shift+←', 'Shift+→', ',', '.', 'R', '1–9', 'N', 'P', '?', 'H', 'Esc']) {
      expect(documented).toContain(key);
    }
  });
});

describe('keyBelongsToFocus', () => {
  function element(html: string): Element {
    document.body.innerHTML = html;
    return document.body.querySelector('[data-target]') ?? document.body;
  }

  it('gives every key to text fields, selects, the range scrubber and editable text', () => {
    for (const html of ['<input data-target>', '<input type="range" data-target>', '<select data-target></select>', '<textarea data-target></textarea>', '<div contenteditable="true"><span data-target>x</span></div>']) {
      expect(keyBelongsToFocus(element(html), 'ArrowRight')).toBe(true);
      expect(keyBelongsToFocus(element(html), 'r')).toBe(true);
    }
  });

  it('gives Space and Enter to a focused button or summary, but not the other keys', () => {
    const button = element('<nav><button data-target>Paper, Figure 1</button></nav>');
    expect(keyBelongsToFocus(button, ' ')).toBe(true);
    expect(keyBelongsToFocus(button, 'Enter')).toBe(true);
    expect(keyBelongsToFocus(button, '2')).toBe(false);
    expect(keyBelongsToFocus(element('<details><summary data-target>Advanced</summary></details>'), ' ')).toBe(true);
  });

  it('gives every key to an open dialog and none to the page body', () => {
    expect(keyBelongsToFocus(element('<dialog open><p data-target>x</p></dialog>'), 'r')).toBe(true);
    expect(keyBelongsToFocus(document.body, ' ')).toBe(false);
    expect(keyBelongsToFocus(null, ' ')).toBe(false);
  });
});

describe('scrubTarget', () => {
  it('steps back one fiftieth of the run from the live step', () => {
    expect(scrubTarget(null, 5000, -1)).toBe(4900);
    expect(scrubTarget(4900, 5000, -1)).toBe(4800);
  });

  it('stops at step 0 going back', () => {
    expect(scrubTarget(50, 5000, -1)).toBe(0);
    expect(scrubTarget(0, 5000, -1)).toBe(0);
  });

  it('returns to following the live step when it reaches the end going forward', () => {
    expect(scrubTarget(4800, 5000, 1)).toBe(4900);
    expect(scrubTarget(4900, 5000, 1)).toBeNull();
    expect(scrubTarget(null, 5000, 1)).toBeNull();
  });

  it('moves at least one step on a short run and never leaves [0, last]', () => {
    expect(scrubTarget(null, 20, -1)).toBe(19);
    expect(scrubTarget(null, 0, -1)).toBeNull();
    expect(scrubTarget(9000, 5000, -1)).toBe(4900);
    expect(scrubTarget(null, Number.NaN, -1)).toBeNull();
  });
});
