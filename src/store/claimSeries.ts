/** The app's run history as the claims of src/experiment/claims.ts read it, so a preset's caption is checked live. */
import type { ClaimSeries } from '../experiment/claims.ts';
import type { NetworkHistory } from './types.ts';

/** `network`'s history as a ClaimSeries (views of its arrays: read it at once, it changes as the run goes on). */
export function claimSeriesOfHistory(network: NetworkHistory): ClaimSeries {
  return {
    testSteps: network.testSteps,
    testAccuracy: network.testAccuracy,
    testLoss: network.testLoss,
    steps: network.steps,
    trainLoss: network.trainLoss,
    p50: network.tracked.map((t) => t?.p50 ?? null),
    saturation: network.layers.map((layer) => layer.saturation),
    shift: network.layers.map((layer) => layer.drift),
    divergedStep: network.status.type === 'diverged' ? network.status.step : null,
    // Per hidden layer, at each test evaluation: its run point's figures (null where it has none).
    weightNorm: network.layers.map((_, l) => (network.testPoints ?? []).map((point) => point?.weightNorm[l] ?? null)),
    effectiveStep: network.layers.map((_, l) => (network.testPoints ?? []).map((point) => point?.effectiveStep[l] ?? null)),
  };
}
