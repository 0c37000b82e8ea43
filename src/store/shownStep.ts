/**
 * The one step the page shows (header counter, scrubber end, narration): the latest step for which
 * every network still training has a snapshot. Networks trained in different workers snapshot at
 * different steps; a counter ahead of a chart would describe data not yet drawn.
 */
import type { RunHistory } from './types.ts';

/** The step of the latest snapshot every network still training has reached (the furthest when all diverged); `fallback` with none. */
export function shownStep(history: RunHistory | null, fallback = 0): number {
  if (!history) return fallback;
  let slowest = Number.POSITIVE_INFINITY;
  let furthest = Number.NEGATIVE_INFINITY;
  for (const network of history.networks) {
    const last = network.steps.length > 0 ? network.steps[network.steps.length - 1] : null;
    if (last === null) continue;
    furthest = Math.max(furthest, last);
    if (network.status.type === 'training') slowest = Math.min(slowest, last);
  }
  if (Number.isFinite(slowest)) return slowest;
  return Number.isFinite(furthest) ? furthest : fallback;
}
