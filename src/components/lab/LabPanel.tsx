/**
 * The lab: experiments beyond the live twins (sweeps, Santurkar et al.'s measurements), run in a
 * worker of their own. Only this shell is in the page's first load; the workbench (jobs, params,
 * results) loads when the lab is opened, or at once when the link names a lab job.
 */
import { Component, lazy, Suspense, useEffect } from 'react';
import type { ReactNode } from 'react';
import { connectLabUrl, useLabStore } from '../../store/lab.ts';
import { replaceLabUrl } from '../../store/labUrl.ts';
import './lab.css';

const LabWorkbench = lazy(() => import('./LabWorkbench.tsx').then((m) => ({ default: m.LabWorkbench })));

/** Shows a clear message instead of a blank page when the lab's code cannot load or throws. */
class LabBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    return this.state.message === null ? this.props.children : <p className="lab-error" role="alert">The lab could not load ({this.state.message}). Reload the page to try again.</p>;
  }
}

/** The lab panel under the network columns. */
export function LabPanel() {
  const open = useLabStore((s) => s.open);
  const setOpen = useLabStore((s) => s.actions.setOpen);
  // After the bridge has written the experiment's canonical query: put the lab's keys back in.
  useEffect(() => connectLabUrl(useLabStore, replaceLabUrl), []);
  return (
    <section className="panel lab-panel" aria-labelledby="lab-title">
      <div className="panel-head">
        <h2 id="lab-title">Lab</h2>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide the lab' : 'Open the lab'}</button>
      </div>
      <p className="lab-intro">Experiments beyond the live twins: sweeps and measurements that train many short runs in a worker of their own, on the current experiment.</p>
      {open && (
        <LabBoundary>
          <Suspense fallback={<p className="lab-status">Loading the lab...</p>}>
            <LabWorkbench />
          </Suspense>
        </LabBoundary>
      )}
    </section>
  );
}
