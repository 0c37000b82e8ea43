/**
 * A step's lab job: what it shows, a "Run this" button that runs it with its default params on the
 * step's experiment, its progress, and, when its result arrives, the tour points at the result.
 */
import { useEffect, useRef, useState } from 'react';
import { useLabStore } from '../../store/lab.ts';
import type { GuideLab } from './steps.ts';

/** Where this step's job stands in the lab, in a few words, or null when there is nothing to say. */
function statusText(status: ReturnType<typeof useLabStore.getState>['status'], mine: boolean): string | null {
  if (!mine) return null;
  switch (status.type) {
    case 'running':
      return status.cancelling ? 'Cancelling...' : `Running: ${status.total > 0 ? Math.floor((100 * status.done) / status.total) : 0}%. The tour shows the result when it arrives.`;
    case 'done':
      return 'Done: the result is in the lab.';
    case 'cancelled':
      return 'Cancelled.';
    case 'error':
      return `The lab could not run it: ${status.message}`;
    default:
      return null;
  }
}

/** The lab part of a step; `onResult` runs when the job this button started has its result. */
export function LabStep({ lab, onResult }: { lab: GuideLab; onResult: () => void }) {
  const status = useLabStore((s) => s.status);
  const outcomeJob = useLabStore((s) => s.outcome?.jobId ?? null);
  const currentJob = useLabStore((s) => s.jobId);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const waiting = useRef(false);
  const mine = currentJob === lab.job;
  const running = mine && status.type === 'running';

  useEffect(() => {
    if (waiting.current && status.type === 'done' && outcomeJob === lab.job) {
      waiting.current = false;
      onResult();
    }
    if (status.type === 'error' || status.type === 'cancelled') waiting.current = false;
  }, [status, outcomeJob, lab.job, onResult]);

  const run = (): void => {
    setStarting(true);
    setProblem(null);
    // The jobs' code loads on demand, as the lab's workbench does.
    import('./runLab.ts')
      .then(({ runLabJob }) => {
        waiting.current = runLabJob(lab.job);
        if (!waiting.current) setProblem(`There is no lab job called "${lab.job}".`);
      })
      .catch((error: unknown) => setProblem(`The lab could not load: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setStarting(false));
  };

  const text = problem ?? statusText(status, mine);
  return (
    <div className="guide-lab">
      <p>{lab.about}</p>
      <p className="guide-lab-actions">
        <button type="button" className="primary" onClick={run} disabled={starting || running}>Run this</button>
        {mine && status.type === 'done' && outcomeJob === lab.job && (
          <button type="button" onClick={onResult}>Show the result</button>
        )}
      </p>
      {text !== null && <p className="guide-lab-status" role="status">{text}</p>}
    </div>
  );
}
