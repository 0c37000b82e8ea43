/** Opens a lab job in the lab panel, for the guided tour (the lab's store does the work). */
import { useLabStore } from '../../store/lab.ts';

/**
 * Open the lab on job `id` with its default params, ready to run. A result of another job is
 * cleared (it ran on an earlier step's experiment), so the lab the step points at fits the view;
 * one of this job stays.
 */
export function openLabJob(id: string): void {
  const lab = useLabStore.getState();
  if (lab.outcome && lab.outcome.jobId !== id && lab.status.type !== 'running') lab.actions.clear();
  if (lab.open && lab.jobId === id) return;
  lab.actions.openJob(id);
}
