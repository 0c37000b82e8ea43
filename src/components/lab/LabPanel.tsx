/**
 * The lab: experiments beyond the live twins (sweeps, Santurkar et al.'s measurements), run in a
 * worker of their own. Only this shell is in the page's first load; the workbench (jobs, params,
 * results) loads when the lab is opened, or at once when the link names a lab job.
 */
import { lazy, Suspense, useEffect } from 'react';
import { connectLabUrl, useLabStore } from '../../store/lab.ts';
import { replaceLabUrl } from '../../store/labUrl.ts';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import './lab.css';

const LabWorkbench = lazy(() => import('./LabWorkbench.tsx').then((m) => ({ default: m.LabWorkbench })));

/** The lab panel under the network columns. */
export function LabPanel() {
  const open = useLabStore((s) => s.open);
  const setOpen = useLabStore((s) => s.actions.setOpen);
  // After the bridge has written the experiment's canonical query: put the lab's keys back in.
  useEffect(() => connectLabUrl(useLabStore, replaceLabUrl), []);
  return (
    <section className="panel lab-panel" aria-labelledby="lab-title" data-tour-target="lab">
      <div className="panel-head">
        <h2 id="lab-title">Lab</h2>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide the lab' : 'Open the lab'}</button>
      </div>
      <p className="lab-intro">Experiments beyond the live twins: sweeps and measurements that train many short runs in a worker of their own, on the current experiment.</p>
      {open && (
        // The lab's code cannot load or throws: one sentence with Retry / Close, not a blank page.
        <ErrorBoundary name="The lab" onClose={() => setOpen(false)}>
          <Suspense fallback={<p className="lab-status">Loading the lab...</p>}>
            <LabWorkbench />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
