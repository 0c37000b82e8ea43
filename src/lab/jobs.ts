/**
 * Every lab job, in the order the lab lists them. Each job lives in its own file and joins here
 * with one import and one entry.
 */
import { gradientIcsJob } from './gradientIcs.ts';
import { inferenceJob } from './inference.ts';
import { populationStatsJob } from './populationStats.ts';
import { regularizationJob } from './regularization.ts';
import { scaleInvarianceJob } from './scaleInvariance.ts';
import { smoothnessJob } from './smoothness.ts';
import { initSweepJob, lrSweepJob } from './sweeps.ts';
import type { AnyLabJob } from './types.ts';
import { weightDecayJob } from './weightDecay.ts';

/** The lab jobs, in display order. */
export const LAB_JOBS: readonly AnyLabJob[] = [
  lrSweepJob,
  initSweepJob,
  gradientIcsJob,
  smoothnessJob,
  scaleInvarianceJob,
  inferenceJob,
  populationStatsJob,
  regularizationJob,
  weightDecayJob,
];

/** The job called `id`, or undefined. */
export function labJobById(id: string): AnyLabJob | undefined {
  return LAB_JOBS.find((job) => job.id === id);
}
