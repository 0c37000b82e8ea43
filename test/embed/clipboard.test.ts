// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { clipboardOf, copyText } from '../../src/embed/clipboard.ts';

function field(value: string): HTMLTextAreaElement {
  const el = document.createElement('textarea');
  el.value = value;
  document.body.append(el);
  return el;
}

describe('copyText', () => {
  it('writes to the clipboard when there is one', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    expect(await copyText('hello', field('hello'), { writeText })).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('selects the text when the clipboard refuses, without rejecting', async () => {
    const el = field('snippet');
    const writeText = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect(await copyText('snippet', el, { writeText })).toBe('selected');
    expect([el.selectionStart, el.selectionEnd]).toEqual([0, 7]);
  });

  it('selects the text when there is no clipboard, or it throws at once', async () => {
    expect(await copyText('x', field('x'), undefined)).toBe('selected');
    expect(await copyText('x', null, { writeText: () => { throw new Error('no'); } })).toBe('selected');
  });

  it('finds no clipboard where the navigator has none', () => {
    expect(clipboardOf(undefined)).toBeUndefined();
    expect(clipboardOf({} as Navigator)).toBeUndefined();
  });
});
