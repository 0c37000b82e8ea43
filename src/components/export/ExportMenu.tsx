/**
 * The header's "Export / Compare" button. The dialog and its builders (SVG, PNG, CSV, JSON, load,
 * compare) load on first click (React.lazy), so they cost the initial page nothing. An error in
 * the dialog (a run file too big to draw, a bug) shows one sentence in its place, never a blank page.
 */
import { lazy, Suspense, useState } from 'react';
import { ErrorBoundary } from '../ErrorBoundary.tsx';

/** Shown when the dialog's code cannot be fetched (offline after an update, a broken deploy). */
function LoadFailed({ onClose }: { onClose: () => void }) {
  return (
    <p role="alert" className="export-load-failed">
      The export tools could not be loaded; reload the page and try again.{' '}
      <button type="button" onClick={onClose}>Dismiss</button>
    </p>
  );
}

const ExportDialog = lazy(() =>
  import('./ExportDialog.tsx').then((module) => ({ default: module.ExportDialog }), () => ({ default: LoadFailed })),
);

/** Export charts (PNG, SVG) and the run (CSV, JSON); save, load and compare runs. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>Export / Compare</button>
      {open ? (
        <ErrorBoundary name="The export dialog" onClose={() => setOpen(false)}>
          <Suspense fallback={null}>
            <ExportDialog onClose={() => setOpen(false)} />
          </Suspense>
        </ErrorBoundary>
      ) : null}
    </>
  );
}
