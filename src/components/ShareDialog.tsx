/**
 * "Share / Embed": a button that opens a modal <dialog> (showModal: the browser traps focus and
 * closes it on Escape). For the experiment chosen at the top (this one, or a preset): the link; the
 * classroom link, with only the controls the teacher ticks (src/url/pageControls.ts); and three embeds,
 * each with a Copy button: the iframe, the iframe with the lines that size it, and the <bn-explorer>
 * element of embed.js (view, controls, theme and autoplay to choose).
 */
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** The dialog's content, loaded on first open (it costs the page's first paint nothing). */
const ShareContent = lazy(() => import('./ShareContent.tsx').then((m) => ({ default: m.ShareContent })));

/** The Share / Embed button and its dialog. */
export function ShareDialog({ href }: { href?: string }) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const show = (): void => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    setOpen(true);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  };
  const close = (): void => {
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.close === 'function') dialog.close();
    else dialog?.removeAttribute('open');
    setOpen(false);
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={show}>Share / Embed</button>
      <dialog ref={dialogRef} className="share-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <div className="share-head">
          <h2 id={titleId}>Share or embed this experiment</h2>
          <button type="button" onClick={close}>Close</button>
        </div>
        {open ? (
          <ErrorBoundary name="The share dialog" onClose={close}>
            <Suspense fallback={<p className="placeholder">Loading…</p>}>
              <ShareContent href={href ?? window.location.href} />
            </Suspense>
          </ErrorBoundary>
        ) : null}
      </dialog>
    </>
  );
}

