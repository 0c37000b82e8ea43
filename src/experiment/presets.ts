/**
 * Named experiments, one click each in the UI and `--preset` in the CLI: the classic
 * demonstrations of PAPER.md, each a setup (./presetSetups.ts: id, title, settings) with its
 * caption and the claims that caption makes, side by side here.
 */
import type { Claim } from './claims.ts';
import { PRESET_SETUPS, setupById } from './presetSetups.ts';
import type { PresetSetup } from './presetSetups.ts';
import { ZOO_PRESET_TEXTS } from './zooPresets.ts';

export { configForPreset } from './presetSetups.ts';

/** What a preset says: its caption and the claims it makes. */
export interface PresetText {
  /** The preset's id (./presetSetups.ts). */
  id: string;
  /** Two sentences: what to watch. */
  summary: string;
  /** What the summary says the run shows, as checkable data (./claims.ts); they hold on every seed tried. */
  claims: readonly Claim[];
}

/** A named experiment: its setup, caption and claims, and whether it is one of the paper's or beyond it (the normalization zoo). */
export interface Preset extends PresetSetup, Omit<PresetText, 'id'> {
  group: 'paper' | 'zoo';
}

/** The paper's presets' captions and claims. */
const PAPER_PRESET_TEXTS: readonly PresetText[] = [
  {
    id: 'paper-fig1',
    summary: 'The MNIST experiment of section 4.1: three sigmoid layers of 100 units on binary digits, with and without BN, same weights and batches. '
      + 'Watch the BN network pass 85% test accuracy within 1,000 steps while the plain one is still near chance, 50 points or more behind, and the plain network\'s tracked sigmoid input wander over its first 3,000 steps, across a range more than 1.5 times BN\'s; over steps 1,000-3,000 BN\'s last hidden layer inputs move less than a quarter as far per 1,000 steps as plain\'s (the shift charts). '
      + 'With 10,000 digits and plain SGD, our plain network stalls for its first ~1,500 steps; the paper\'s learned sooner but still more slowly than BN.',
    claims: [
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
      { type: 'accuracyBelow', network: 'plain', atStep: 1000, below: 0.2 },
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 50 },
      { type: 'medianRange', network: 'plain', untilStep: 3000, atLeast: 1.5 },
      { type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 3000, times: 1.5 },
      { type: 'shiftRatio', network: 'bn', over: 'plain', layer: -1, fromStep: 1000, untilStep: 3000, below: 0.25 },
    ],
  },
  {
    id: 'lr-x5',
    summary: 'The same networks with a learning rate five times higher, like the paper\'s BN-x5. '
      + 'Watch BN lead by 25 points or more at step 1,000 while 40% or more of the plain network\'s first-layer inputs sit in the flat tails of the sigmoid (|x| > 4); '
      + 'by step 3,000 the plain network has caught up to within 5 points.',
    claims: [
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 25 },
      { type: 'saturation', network: 'plain', layer: 0, atStep: 1000, atLeast: 0.4 },
      { type: 'saturation', network: 'bn', layer: 0, atStep: 1000, below: 0.1 },
      { type: 'accuracyClose', network: 'plain', of: 'bn', atStep: 3000, points: 5 },
    ],
  },
  {
    id: 'lr-x30',
    summary: 'A learning rate thirty times higher, like the paper\'s BN-x30. '
      + 'Watch the plain network stall near chance: every input of its last hidden layer is saturated (|x| > 4), so its tracked input freezes far from zero. '
      + 'The BN network keeps training past 85%, because BN makes each layer\'s output blind to the scale of its weights (section 3.3).',
    claims: [
      { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.2 },
      { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.9 },
      // From step 500: the app's history starts at step 0, before the first steps throw the unit to -95 (the CLI's first point is step 100).
      { type: 'medianRange', network: 'plain', fromStep: 500, untilStep: 3000, below: 0.1 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
    ],
  },
  {
    id: 'bad-init',
    summary: 'Every initial weight is a hundred times larger (std 1 instead of 0.01), so the plain network starts with most of its sigmoids saturated (|x| > 4) and keeps half or more of them there. '
      + 'Watch BN train from this init as from the default one, since BN(aWu) = BN(Wu), and lead early; the plain network still learns (its unsaturated units carry it past 75% by step 1,000) but ends with a higher test loss. '
      + 'The shift measure does not favour BN here: over steps 1,000-3,000 BN\'s first-layer inputs move at least twice as far per 1,000 steps as the plain network\'s, in their own standard deviations.',
    claims: [
      { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.5 },
      { type: 'saturation', network: 'bn', layer: -1, atStep: 1000, below: 0.05 },
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 300, points: 5 },
      { type: 'accuracyAtLeast', network: 'plain', atStep: 1000, atLeast: 0.75 },
      { type: 'testLossBelow', network: 'bn', other: 'plain', atStep: 3000 },
      { type: 'shiftRatio', network: 'bn', over: 'plain', layer: 0, fromStep: 1000, untilStep: 3000, atLeast: 2 },
    ],
  },
  {
    id: 'deep-sigmoid',
    summary: 'Eight hidden sigmoid layers instead of three. '
      + 'Watch the plain network stay at chance while BN trains it past 75% by step 3,000, as with the sigmoid Inception of section 4.2.2. '
      + 'Its sigmoids are not what stops it (under 5% of its last hidden layer\'s inputs saturated at step 3,000): its signal shrinks through the eight layers, and its first layer barely learns: over steps 1,000-3,000 BN\'s first-layer inputs move at least 10 times as far per 1,000 steps as the plain network\'s.',
    claims: [
      { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.15 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 3000, atLeast: 0.75 },
      { type: 'saturation', network: 'plain', layer: -1, atStep: 3000, below: 0.05 },
      { type: 'shiftRatio', network: 'bn', over: 'plain', layer: 0, fromStep: 1000, untilStep: 3000, atLeast: 10 },
    ],
  },
  {
    id: 'tiny-batches',
    summary: 'Mini-batches of 4 examples, so BN\'s batch mean and variance are noisy estimates of the population\'s. '
      + 'Watch BN still lead the plain network by 30 points at step 1,000, but learn more slowly than with batches of 60 (under 75% at step 1,000), '
      + 'its training loss (batch statistics) sitting above its test loss (running statistics), since training and inference now normalise differently.',
    claims: [
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 30 },
      { type: 'accuracyBelow', network: 'bn', atStep: 1000, below: 0.75 },
      { type: 'trainLossAboveTest', network: 'bn', fromStep: 1000, untilStep: 3000, atLeast: 0.2 },
    ],
  },
  {
    id: 'noisy-bn',
    summary: 'The paper\'s Figure 1 setup with a third network: BN followed by Santurkar et al.\'s time-varying noise, which shifts every layer\'s input distribution at each step on purpose. '
      + 'Watch its last hidden layer\'s inputs, measured with the noise, move at least 1.4 times as far per 1,000 steps as BN\'s over steps 1,000-3,000 (the shift charts under Figure 1), while its test accuracy stays within 3 points of BN\'s: less covariate shift is not what makes BN work.',
    claims: [
      { type: 'shiftRatio', network: 'noisy', over: 'bn', layer: -1, fromStep: 1000, untilStep: 3000, atLeast: 1.4 },
      { type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 1000, points: 3 },
      { type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 3000, points: 3 },
    ],
  },
  {
    id: 'spiral',
    summary: 'A 2-D spiral of three arms that trains in seconds, with three ReLU layers of 64 units. '
      + 'Watch BN lead by 10 points or more at step 1,000 while the plain network\'s tracked input drifts across 3 times BN\'s range, and over steps 1,000-3,000 BN\'s last hidden layer inputs move less than half as far per 1,000 steps as plain\'s; '
      + 'then the plain network catches up and passes 95%: on this tiny problem BN\'s batch noise (batches of 32) costs about as much as it helps.',
    claims: [
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 10 },
      { type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 3000, times: 3 },
      { type: 'shiftRatio', network: 'bn', over: 'plain', layer: -1, fromStep: 1000, untilStep: 3000, below: 0.5 },
      { type: 'accuracyAtLeast', network: 'plain', atStep: 3000, atLeast: 0.95 },
    ],
  },
];

/** Every preset, in display order (PRESET_SETUPS'), with its caption and claims. */
export const PRESETS: readonly Preset[] = PRESET_SETUPS.map((setup) => {
  const paper = PAPER_PRESET_TEXTS.find((t) => t.id === setup.id);
  const text = paper ?? ZOO_PRESET_TEXTS.find((t) => t.id === setup.id);
  if (!text) throw new Error(`preset ${setup.id} has no caption`);
  return { ...setup, summary: text.summary, claims: text.claims, group: paper ? 'paper' : 'zoo' };
});

/** The preset named `id` among `presets` (default: the app's PRESETS), if any. */
export function presetById(id: string, presets: readonly Preset[] = PRESETS): Preset | undefined {
  return setupById(id, presets);
}
