/** Opens a lab job in the lab panel, for the guided tour (the lab's store does the work). */
import { useLabStore } from '../../store/lab.ts';

/** Open the lab on job `id` with its default params, ready to run (a result of that job already shown stays). */
export function openLabJob(id: string): void {
  const lab = useLabStore.getState();
  if (lab.open && lab.jobId === id) return;
  lab.actions.openJob(id);
}
