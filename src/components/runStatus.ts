/**
 * The run-state line of the header, in words.
 */
import type { RunState } from '../worker/protocol.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';
import { networkLabels } from '../theme.ts';

/** "running", "paused", "finished", "error: ...", plus "Without BN diverged at step 1,234" for each diverged network. */
export function describeRunState(runState: RunState, error: string | null, history: RunHistory | null): string {
  const base: Record<RunState, string> = {
    loading: 'loading…',
    running: 'running',
    paused: 'paused',
    finished: 'finished',
    error: `error${error ? `: ${error}` : ''}`,
  };
  const diverged = (history?.networks ?? [])
    .map((n) => (n.status.type === 'diverged' ? `${networkLabels[n.id]} diverged at step ${formatStep(n.status.step)}` : null))
    .filter((s): s is string => s !== null);
  const stalled = (history?.networks ?? [])
    .map((n) => (n.status.type === 'training' ? stallOf(n) : null))
    .filter((s): s is string => s !== null);
  return [base[runState], ...diverged, ...stalled].join(' · ');
}

/** Steps without progress after which a network counts as stalled. */
export const STALL_STEPS = 1000;

/**
 * "Without BN stalled at 11%: layer 3 100% saturated" when a network's test accuracy, below 50%,
 * gained under 2 points over the last STALL_STEPS steps; the most saturated layer is named as the
 * likely reason when half or more of its inputs are beyond ±4. Null otherwise.
 */
export function stallOf(network: NetworkHistory): string | null {
  const { testSteps, testAccuracy } = network;
  const last = testSteps.length - 1;
  if (last < 0 || testSteps[last] < STALL_STEPS) return null;
  let then = last;
  while (then > 0 && testSteps[then - 1] >= testSteps[last] - STALL_STEPS) then--;
  if (testSteps[last] - testSteps[then] < STALL_STEPS / 2) return null;
  const accuracy = testAccuracy[last];
  if (!(accuracy < 0.5) || accuracy - testAccuracy[then] >= 0.02) return null;
  let worst = -1;
  let worstShare = 0;
  network.layers.forEach((layer, layerIdx) => {
    const share = layer.saturation[layer.saturation.length - 1] ?? 0;
    if (share > worstShare) {
      worst = layerIdx;
      worstShare = share;
    }
  });
  const reason = worst >= 0 && worstShare >= 0.5 ? `: layer ${worst + 1} ${Math.round(worstShare * 100)}% saturated` : '';
  return `${networkLabels[network.id]} stalled at ${Math.round(accuracy * 100)}%${reason}`;
}

/** One formatter for every call: toLocaleString builds a new one each time, and the step counter formats every frame. */
const STEP_FORMAT = new Intl.NumberFormat('en-US');

/** A step count with thousands separators: 12,340. */
export function formatStep(step: number): string {
  return Number.isFinite(step) ? STEP_FORMAT.format(Math.round(step)) : '0';
}
