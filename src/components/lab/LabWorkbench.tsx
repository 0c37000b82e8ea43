/**
 * The lab's workbench, loaded on demand: choose a job, edit its params, see its cost, run or
 * cancel it in the lab worker, follow its progress and see its result drawn by its view. A link's
 * job runs on load, after a confirm panel when it costs over LAB_CONFIRM_STEPS; what the link got
 * wrong goes in the link's one notice (src/store/linkNotice.ts).
 */
import { Suspense, useEffect, useMemo } from 'react';
import { LAB_JOBS, labJobById } from '../../lab/jobs.ts';
import type { AnyLabJob } from '../../lab/types.ts';
import { useExperimentStore } from '../../store/index.ts';
import { estimateSeconds, useLabStore } from '../../store/lab.ts';
import type { LabRunStart, LabStatus } from '../../store/lab.ts';
import { reportLinkProblems } from '../../store/linkNotice.ts';
import { linkRun, paramFields, parseFields } from './labParams.ts';
import { LAB_VIEWS } from './views.ts';
import { ErrorBoundary } from '../ErrorBoundary.tsx';

/** A whole number with thousands separators. */
const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

/** "about 20 s" / "about 3 min", or a note when the live speed is not known yet. */
function timeText(seconds: number | null): string {
  if (seconds === null) return 'time unknown until the live run has measured its speed';
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s at the live run's speed`;
  return `about ${Math.round(seconds / 60)} min at the live run's speed`;
}

/** Start `job` on the current experiment with the edited params. */
function startJob(job: AnyLabJob, raw: Readonly<Record<string, string>>): void {
  const config = useExperimentStore.getState().config;
  const { params } = parseFields(job, config, raw);
  useLabStore.getState().actions.run({ jobId: job.id, params, encoded: job.encode(params, config), config, cost: job.cost(params, config) });
}

/** Inline messages shown at most; the rest are counted. */
const ERRORS_SHOWN = 5;

/** The link's job, too long to start unasked: its cost, Run or Cancel. */
function ConfirmLinkRun({ start, stepsPerSecond }: { start: LabRunStart; stepsPerSecond: number }) {
  const actions = useLabStore((s) => s.actions);
  return (
    <div className="lab-confirm" role="group" aria-labelledby="lab-confirm-text">
      <p id="lab-confirm-text">
        This link asks for {grouped(start.cost)} training steps, {timeText(estimateSeconds(start.cost, stepsPerSecond))}. Run it?
      </p>
      <div className="lab-actions">
        <button type="button" className="primary" onClick={actions.confirmRun}>Run</button>
        <button type="button" onClick={actions.cancel}>Cancel</button>
      </div>
    </div>
  );
}

function Progress({ status }: { status: Extract<LabStatus, { type: 'running' }> }) {
  const share = status.total > 0 ? Math.min(1, Math.max(0, status.done / status.total)) : 0;
  const percent = Math.round(100 * share);
  return (
    <>
      <div className="lab-progress" role="progressbar" aria-label="Lab job progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="lab-status" aria-live="polite">{status.cancelling ? 'Cancelling...' : `Running: ${grouped(status.done)} of ${grouped(status.total)} steps (${percent}%)`}</p>
    </>
  );
}

function StatusLine({ status }: { status: LabStatus }) {
  switch (status.type) {
    case 'running':
      return <Progress status={status} />;
    case 'cancelled':
      return <p className="lab-status">Cancelled. The result below (if any) is the last finished run.</p>;
    case 'error':
      return <p className="lab-error" role="alert">{status.message}</p>;
    default:
      return null;
  }
}

function Result() {
  const outcome = useLabStore((s) => s.outcome);
  const clear = useLabStore((s) => s.actions.clear);
  const config = useExperimentStore((s) => s.config);
  if (!outcome) return null;
  const View = LAB_VIEWS[outcome.jobId];
  const stale = JSON.stringify(outcome.config) !== JSON.stringify(config);
  return (
    <div className="lab-result" data-tour-target="lab-result">
      {stale && <p className="lab-status">This result ran on the experiment as it was before your last change; run again to update it.</p>}
      {View ? (
        <ErrorBoundary name="The result's chart" onClose={clear}>
          <Suspense fallback={<p className="lab-status">Loading the chart...</p>}>
            <View result={outcome.result} params={outcome.params} config={outcome.config} />
          </Suspense>
        </ErrorBoundary>
      ) : <p className="lab-status">This job has no chart yet; its result is in the JSON of the CLI (npm run experiment -- lab {outcome.jobId}).</p>}
      <button type="button" onClick={clear}>Clear the result</button>
    </div>
  );
}

/** The workbench: job, params, cost, run / cancel, progress, result. */
export function LabWorkbench() {
  const jobId = useLabStore((s) => s.jobId);
  const raw = useLabStore((s) => s.raw);
  const status = useLabStore((s) => s.status);
  const actions = useLabStore((s) => s.actions);
  const config = useExperimentStore((s) => s.config);
  // Bucketed so the panel re-renders on a real change of speed, not on every snapshot.
  const stepsPerSecond = useExperimentStore((s) => Math.round(s.stepsPerSecond / 10) * 10);
  const job = jobId === null ? LAB_JOBS[0] : labJobById(jobId);
  const parsed = useMemo(() => (job ? parseFields(job, config, raw) : null), [job, config, raw]);

  // A link naming a lab job runs it once (or asks first), with its params: what it got wrong goes in the link's notice.
  useEffect(() => {
    if (!useLabStore.getState().autoRun) return;
    const link = linkRun(job ?? null, jobId ?? '', useExperimentStore.getState().config, raw);
    reportLinkProblems(link.problems);
    if (link.start) actions.runFromLink(link.start, link.raw);
    else actions.autoRunDone();
  }, [job, jobId, raw, actions]);

  if (!job || !parsed) {
    return (
      <div className="lab-workbench">
        <p className="lab-error">There is no lab job called &quot;{jobId}&quot; (jobs: {LAB_JOBS.map((j) => j.id).join(', ')}).</p>
        <JobPicker value="" onChange={actions.chooseJob} />
      </div>
    );
  }
  const cost = job.cost(parsed.params, config);
  const running = status.type === 'running';
  return (
    <div className="lab-workbench">
      <div className="lab-form">
        <JobPicker value={job.id} onChange={actions.chooseJob} />
        {paramFields(job, config, raw).map((field) => (
          <label key={field.name} className="lab-field">
            {field.name}
            <input
              className={field.defaultText.length < 10 ? 'lab-short' : undefined}
              value={field.text}
              aria-invalid={parsed.errors.some((e) => e.startsWith(field.name)) || undefined}
              onChange={(event) => actions.setRaw(field.name, event.target.value)}
              disabled={running}
            />
          </label>
        ))}
      </div>
      <p className="lab-summary">{job.summary}</p>
      {parsed.errors.length > 0 && (
        <ul className="lab-errors" role="alert">
          {parsed.errors.slice(0, ERRORS_SHOWN).map((error) => <li key={error}>{error}</li>)}
          {parsed.errors.length > ERRORS_SHOWN && <li>and {grouped(parsed.errors.length - ERRORS_SHOWN)} more.</li>}
        </ul>
      )}
      <p className="lab-cost">Cost: {grouped(cost)} training steps, {timeText(estimateSeconds(cost, stepsPerSecond))}.</p>
      {status.type === 'confirm' ? <ConfirmLinkRun start={status.start} stepsPerSecond={stepsPerSecond} /> : (
        <div className="lab-actions">
          <button type="button" className="primary" onClick={() => startJob(job, raw)} disabled={running}>Run</button>
          <button type="button" onClick={actions.cancel} disabled={!running || status.cancelling}>Cancel</button>
        </div>
      )}
      <StatusLine status={status} />
      <Result />
    </div>
  );
}

function JobPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  return (
    <label className="lab-field">
      Job
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {value === '' && <option value="">Choose a job</option>}
        {LAB_JOBS.map((job) => <option key={job.id} value={job.id}>{job.title}</option>)}
      </select>
    </label>
  );
}
