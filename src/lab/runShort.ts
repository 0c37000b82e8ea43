/**
 * One short paired run for a lab sweep: the app's own session (src/experiment/session.ts), so a
 * sweep point is exactly the live twins' numbers at that step. Progress is reported every few
 * steps; each report is a cancel point.
 */
import type { Dataset } from '../data/types.ts';
import { createSession } from '../experiment/session.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { DEFAULT_VARIANTS } from '../experiment/variants.ts';
import type { LabContext } from './types.ts';

/** Session steps between progress reports: a few ms of work on the paper network, so a cancel lands within ~100 ms. */
export const PROGRESS_EVERY_STEPS = 5;

/** How one network ended a short run. */
export interface ShortRunOutcome {
  /** Test accuracy in inference mode after the last step; null when the network diverged. */
  testAccuracy: number | null;
  /** Mean training loss over the last trainLossWindow(steps) steps; null when the network diverged. */
  trainLoss: number | null;
  /** The step at which its loss (or weights) stopped being finite, or null. */
  divergedAt: number | null;
}

/** Steps whose training loss is averaged into the final train loss: the last 10% of the run (at least 1). */
export function trainLossWindow(steps: number): number {
  return Math.max(1, Math.ceil(steps / 10));
}

/** Where a short run's progress reports sit in the whole job: `done` units before it, of `total`. */
export interface ProgressSpan {
  done: number;
  total: number;
}

/** Network-steps a short run of `steps` costs: every network of the pair steps each time. */
export function shortRunCost(steps: number): number {
  return steps * DEFAULT_VARIANTS.length;
}

/**
 * Train the plain and BN networks of `config` on `data` for `steps` steps in lockstep (same
 * weights, same batches) and measure how each ended. Progress is counted in network-steps.
 */
export async function runShort(
  config: ExperimentConfig, data: Dataset, steps: number, context: LabContext, span: ProgressSpan,
): Promise<Partial<Record<NetworkId, ShortRunOutcome>>> {
  // One test evaluation, at the last step (the session evaluates on the grid of evalEvery and at
  // maxSteps; neither touches training), and one at the first snapshot.
  const session = createSession({ ...config, evalEvery: steps, maxSteps: steps }, data, { variants: DEFAULT_VARIANTS });
  const perStep = DEFAULT_VARIANTS.length;
  const windowStart = steps - trainLossWindow(steps);
  while (session.step < steps && !session.allDiverged) {
    const target = session.step < windowStart ? windowStart : steps;
    session.advance(Math.min(PROGRESS_EVERY_STEPS, target - session.step));
    // Starts the window: the next snapshot's train loss averages only the steps after this one.
    if (session.step === windowStart && windowStart > 0) session.snapshot(0);
    await context.progress(span.done + session.step * perStep, span.total);
  }
  const snapshot = session.snapshot(0);
  const outcome: Partial<Record<NetworkId, ShortRunOutcome>> = {};
  for (const frame of snapshot.frames) {
    const divergedAt = frame.status.type === 'diverged' ? frame.status.step : null;
    outcome[frame.id] = {
      testAccuracy: divergedAt === null && frame.test ? frame.test.accuracy : null,
      trainLoss: divergedAt === null ? frame.trainLoss : null,
      divergedAt,
    };
  }
  await context.progress(span.done + steps * perStep, span.total);
  return outcome;
}
