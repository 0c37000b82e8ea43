/**
 * Runs a lab job for the guided tour ("Run this"), with its default params on the experiment on
 * screen, as the lab's own Run button does. Loaded on demand, so the jobs' code stays out of the
 * page's first load (as the lab's workbench does).
 */
import { labJobById } from '../../lab/jobs.ts';
import { useExperimentStore } from '../../store/index.ts';
import { useLabStore } from '../../store/lab.ts';

/** Open the lab on job `id` and run it with its default params; false when there is no such job. */
export function runLabJob(id: string): boolean {
  const job = labJobById(id);
  if (!job) return false;
  const config = useExperimentStore.getState().config;
  const params: unknown = job.defaults(config);
  const lab = useLabStore.getState().actions;
  lab.openJob(id);
  lab.run({ jobId: id, params, encoded: job.encode(params, config), config, cost: job.cost(params, config) });
  return true;
}
