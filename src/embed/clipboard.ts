/**
 * Copy text for the Share / Embed dialog: the async clipboard where the browser offers it,
 * else select the text so the reader can press Ctrl+C. Never rejects.
 */

/** How a copy ended. */
export type CopyOutcome = 'copied' | 'selected';

/** The clipboard as the copy needs it (navigator.clipboard fits; undefined where there is none). */
export type ClipboardLike = Pick<Clipboard, 'writeText'> | undefined;

/** Copy `text` with `clipboard`; on any failure select `field`'s text instead. */
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null, clipboard: ClipboardLike): Promise<CopyOutcome> {
  try {
    if (clipboard && typeof clipboard.writeText === 'function') {
      await clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Denied, not focused, or an insecure context: fall through to selecting the text.
  }
  field?.focus();
  field?.select();
  return 'selected';
}

/** `nav.clipboard`, or undefined where there is no navigator or no clipboard (insecure contexts). */
export function clipboardOf(nav: Navigator | undefined): ClipboardLike {
  try {
    return nav?.clipboard ?? undefined;
  } catch {
    return undefined;
  }
}
