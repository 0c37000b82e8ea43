/**
 * How claims read (./claims.ts): each as one sentence, and a measured figure as a reader would say
 * it. Kept apart from the measuring so each file stays small.
 */
import type { Claim, LayerRef } from './claims.ts';
import type { NetworkId } from './types.ts';
const stepText = (step: number): string => step.toLocaleString('en-US');
const pct = (share: number): string => `${Math.round(share * 100)}%`;
/** How a claim's sentence names a network. */
const NETWORK_NAMES: Record<NetworkId, string> = {
  plain: 'the plain network', bn: 'the BN network', noisy: 'the BN + noise network', 'bn-after': 'the BN-after network',
  ghost: 'the ghost BN network', ln: 'the LayerNorm network', gn: 'the GroupNorm network',
};
const name = (id: NetworkId): string => NETWORK_NAMES[id];
const layerText = (layer: LayerRef): string => (layer < 0 ? 'last hidden layer' : `hidden layer ${layer + 1}`);

/** The claim as one sentence, as the caption and the CLI show it. */
export function claimText(claim: Claim): string {
  switch (claim.type) {
    case 'accuracyLead':
      return `At step ${stepText(claim.atStep)}, ${name(claim.network)} leads ${name(claim.over)} by at least ${claim.points} points of test accuracy.`;
    case 'accuracyClose':
      return `At step ${stepText(claim.atStep)}, ${name(claim.network)}'s test accuracy is within ${claim.points} points of ${name(claim.of)}'s.`;
    case 'accuracyAtLeast':
      return `At step ${stepText(claim.atStep)}, ${name(claim.network)} classifies at least ${pct(claim.atLeast)} of the test set correctly.`;
    case 'accuracyBelow':
      return `At step ${stepText(claim.atStep)}, ${name(claim.network)}'s test accuracy is still below ${pct(claim.below)}.`;
    case 'medianRange': {
      const span = `Over steps ${stepText(claim.fromStep ?? 0)}-${stepText(claim.untilStep)}`;
      return claim.atLeast !== undefined
        ? `${span}, ${name(claim.network)}'s tracked median moves across at least ${claim.atLeast}.`
        : `${span}, ${name(claim.network)}'s tracked median stays within a range of ${claim.below}.`;
    }
    case 'medianRangeRatio':
      return `Over steps 0-${stepText(claim.untilStep)}, ${name(claim.network)}'s tracked median moves across at least ${claim.times} times the range of ${name(claim.over)}'s.`;
    case 'saturation':
      return claim.atLeast !== undefined
        ? `At step ${stepText(claim.atStep)}, at least ${pct(claim.atLeast)} of ${name(claim.network)}'s ${layerText(claim.layer)} inputs are saturated (|x| > 4).`
        : `At step ${stepText(claim.atStep)}, under ${pct(claim.below ?? 0)} of ${name(claim.network)}'s ${layerText(claim.layer)} inputs are saturated (|x| > 4).`;
    case 'testLossBelow':
      return `At step ${stepText(claim.atStep)}, ${name(claim.network)}'s test loss is below ${name(claim.other)}'s.`;
    case 'trainLossAboveTest':
      return claim.below !== undefined
        ? `Over steps ${stepText(claim.fromStep)}-${stepText(claim.untilStep)}, ${name(claim.network)}'s training loss sits less than ${claim.below} above its test loss.`
        : `Over steps ${stepText(claim.fromStep)}-${stepText(claim.untilStep)}, ${name(claim.network)}'s training loss (batch statistics) sits at least ${claim.atLeast ?? 0} above its test loss (running statistics).`;
    case 'trainLossRatio': {
      const span = `Over steps ${stepText(claim.fromStep)}-${stepText(claim.untilStep)}, ${name(claim.network)}'s training loss is`;
      return claim.below !== undefined
        ? `${span} less than ${claim.below} times ${name(claim.over)}'s.`
        : `${span} at least ${claim.atLeast ?? 0} times ${name(claim.over)}'s.`;
    }
    case 'shiftRatio': {
      const span = `Over steps ${stepText(claim.fromStep)}-${stepText(claim.untilStep)}, ${name(claim.network)}'s ${layerText(claim.layer)} inputs move`;
      const per = `as far in 1,000 steps as ${name(claim.over)}'s (in their own standard deviations).`;
      return claim.below !== undefined ? `${span} less than ${claim.below} times ${per}` : `${span} at least ${claim.atLeast ?? 0} times ${per}`;
    }
    case 'weightNormRatio': {
      const start = `At step ${stepText(claim.atStep)}, the weights feeding ${name(claim.network)}'s ${layerText(claim.layer)} have a norm ‖W‖`;
      return claim.below !== undefined
        ? `${start} less than ${claim.below} times ${name(claim.over)}'s.`
        : `${start} at least ${claim.atLeast ?? 0} times ${name(claim.over)}'s.`;
    }
    case 'effectiveStep': {
      const start = `At step ${stepText(claim.atStep)}, ${name(claim.network)}'s effective step on ${layerText(claim.layer)}, η / ‖W‖², is`;
      return claim.below !== undefined ? `${start} below ${claim.below}.` : `${start} at least ${claim.atLeast ?? 0}.`;
    }
    default: {
      const never: never = claim;
      throw new Error(`unknown claim ${JSON.stringify(never)}`);
    }
  }
}

/** `measured` (from evaluateClaim) as a reader would say it: "+62 points", "12%", "2.31", "3.1x". */
export function formatMeasured(claim: Claim, measured: number): string {
  switch (claim.type) {
    case 'accuracyLead':
    case 'accuracyClose':
    {
      const points = Math.round(measured);
      return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`;
    }
    case 'accuracyAtLeast':
    case 'accuracyBelow':
    case 'saturation':
      return `${(100 * measured).toFixed(0)}%`;
    case 'medianRangeRatio':
      return `${measured.toFixed(1)}x`;
    case 'trainLossRatio':
      return `${measured.toFixed(2)}x`;
    case 'weightNormRatio':
      return `${measured.toFixed(1)}x`;
    case 'effectiveStep':
      // Two significant digits, never exponent notation: 0.040, 0.0071.
      return measured >= 0.001 ? measured.toPrecision(2) : '< 0.001';
    case 'shiftRatio':
      // A frozen layer (vanishing gradients) moves ~0: the ratio over it is astronomically large.
      return measured >= 1000 ? 'over 1,000x' : `${measured.toFixed(2)}x`;
    case 'medianRange':
    case 'testLossBelow':
    case 'trainLossAboveTest':
      return measured.toFixed(2);
    default: {
      const never: never = claim;
      throw new Error(`unknown claim ${JSON.stringify(never)}`);
    }
  }
}
