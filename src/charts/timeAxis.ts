/**
 * The shared time axis of every chart: steps of kept snapshots, and lookups by step.
 */
import { bisectRight } from 'd3-array';
import type { RunHistory } from '../store/types.ts';

/** Step range shown by every time chart: [0, latest step], never empty. */
export function stepDomain(history: RunHistory | null): [number, number] {
  let last = 0;
  for (const net of history?.networks ?? []) {
    const s = net.steps[net.steps.length - 1];
    if (Number.isFinite(s) && s > last) last = s;
    const t = net.testSteps[net.testSteps.length - 1];
    if (Number.isFinite(t) && t > last) last = t;
  }
  return [0, Math.max(1, last)];
}

/**
 * Index of the kept snapshot shown at `step`: the latest one at or before it,
 * or the first one when `step` precedes them all; -1 when there are none.
 */
export function columnIndexAt(steps: readonly number[], step: number): number {
  if (steps.length === 0) return -1;
  if (!Number.isFinite(step)) return steps.length - 1;
  const i = bisectRight(steps, step) - 1;
  return Math.max(0, Math.min(steps.length - 1, i));
}

/** The step charts mark: the scrubbed step, or the live (latest) one. */
export function markedStep(history: RunHistory | null, scrubStep: number | null): number {
  return scrubStep ?? stepDomain(history)[1];
}
