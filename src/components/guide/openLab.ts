/** Opens a lab job in the lab panel, for the guided tour (the lab's store does the work). */
import { useLabStore } from '../../store/lab.ts';

/** Open the lab on job `id` with its default params, ready to run. */
export function openLabJob(id: string): void {
  useLabStore.getState().actions.openJob(id);
}
