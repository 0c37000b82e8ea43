/**
 * The keyboard-shortcut help: a modal <dialog> (showModal makes the page behind it inert) listing
 * SHORTCUTS. Escape or Close closes it; Tab cycles inside it; focus goes back where it was.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { usePresentationStore } from './presentationStore.ts';
import { SHORTCUTS } from './shortcuts.ts';

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The help dialog, open while the presentation store's helpOpen is true. */
export function HelpDialog() {
  const open = usePresentationStore((s) => s.helpOpen);
  const setHelpOpen = usePresentationStore((s) => s.actions.setHelpOpen);
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const closeRef = useRef<HTMLButtonElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    closeRef.current?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      else dialog.removeAttribute('open');
      if (returnTo?.isConnected) returnTo.focus();
      // Opened from nowhere (the page's body, which focus() cannot take), focus would stay on the hidden Close button
      // until the browser's next rendering update moved it: a Space pressed meanwhile went to that button, not Play/pause.
      const left = document.activeElement;
      if (left instanceof HTMLElement && dialog.contains(left)) left.blur();
    };
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setHelpOpen(false);
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="help-dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        setHelpOpen(false);
      }}
      // 'close' comes as a task after dialog.close(): one from the last closing can land after a quick reopen, so it
      // closes the store's help only while the dialog is closed (else the help would shut as it opened, unasked).
      onClose={() => {
        if (!dialogRef.current?.open) setHelpOpen(false);
      }}
    >
      <div className="help-head">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <button ref={closeRef} type="button" onClick={() => setHelpOpen(false)}>Close</button>
      </div>
      <table className="help-table">
        <thead>
          <tr><th scope="col">Key</th><th scope="col">What it does</th></tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>{s.keys.map((k, i) => <span key={k}>{i > 0 ? ' ' : ''}<kbd>{k}</kbd></span>)}</td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help-note">Keys do nothing while you type in a field or the time scrubber has focus; Space and Enter press the focused button.</p>
    </dialog>
  );
}
