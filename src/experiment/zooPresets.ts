/**
 * The normalization zoo's presets (PAPER.md "Beyond the paper"): each trains a few variants from the
 * same weights and batches (`variants`), and every outcome its summary states is one of its claims,
 * checked on seeds 1, 2 and 3 (README's claims table). Short horizons (at most 3,000 steps) keep the
 * suite's seed check fast.
 */
import type { PresetText } from './presets.ts';

/** The zoo's presets' captions and claims (their setups: ./presetSetups.ts). */
export const ZOO_PRESET_TEXTS: readonly PresetText[] = [
  {
    id: 'tiny-norms',
    summary: 'Mini-batches of 4 for BN, LayerNorm and GroupNorm (4 groups of 25 units), from the same weights and batches. '
      + 'Watch BN, whose statistics come from 4 examples: over steps 1,000-3,000 its training loss (batch statistics) sits at least 0.2 above its test loss (running statistics); LayerNorm and GroupNorm normalise each example over its own units, the same way in training and inference, and their training loss sits less than 0.2 above their test loss. '
      + 'Yet on this small sigmoid network BN still learns fastest, unlike Wu & He\'s (2018) large image networks at batches of 2-4: at step 3,000 it leads LayerNorm by 15 points or more and GroupNorm by 5 or more, and GroupNorm leads LayerNorm by 5 or more.',
    claims: [
      { type: 'trainLossAboveTest', network: 'bn', fromStep: 1000, untilStep: 3000, atLeast: 0.2 },
      { type: 'trainLossAboveTest', network: 'ln', fromStep: 1000, untilStep: 3000, below: 0.2 },
      { type: 'trainLossAboveTest', network: 'gn', fromStep: 1000, untilStep: 3000, below: 0.2 },
      { type: 'accuracyLead', network: 'bn', over: 'ln', atStep: 3000, points: 15 },
      { type: 'accuracyLead', network: 'bn', over: 'gn', atStep: 3000, points: 5 },
      { type: 'accuracyLead', network: 'gn', over: 'ln', atStep: 3000, points: 5 },
    ],
  },
  {
    id: 'bn-after',
    summary: 'The paper puts BN before each sigmoid (dense, BN, sigmoid); many practitioners put it after (dense + bias, sigmoid, BN). '
      + 'Watch the sigmoid\'s input, no longer normalised after it: at step 3,000 at least 10% of the BN-after network\'s first-layer inputs sit in the flat tails of the sigmoid (|x| > 4), against under 5% with BN before. '
      + 'Both still pass 85% test accuracy by step 1,000 on this small network.',
    claims: [
      { type: 'saturation', network: 'bn-after', layer: 0, atStep: 3000, atLeast: 0.1 },
      { type: 'saturation', network: 'bn', layer: 0, atStep: 3000, below: 0.05 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
      { type: 'accuracyAtLeast', network: 'bn-after', atStep: 1000, atLeast: 0.85 },
    ],
  },
  {
    id: 'ghost-bn',
    summary: 'Batches of 240: BN normalises over all 240 examples, ghost BN over 8 virtual batches of 30 (Hoffer, Hubara & Soudry 2017), keeping the noise of smaller batches at a large batch size. '
      + 'Watch the training loss: over steps 500-1,000 the ghost BN network\'s, measured with its noisier statistics, is at least 1.3 times BN\'s, while at step 1,000 their test accuracy is within 2 points. '
      + 'Its authors found the noise helps large networks generalise over long training; in 1,000 steps on this small one neither is ahead.',
    claims: [
      { type: 'trainLossRatio', network: 'ghost', over: 'bn', fromStep: 500, untilStep: 1000, atLeast: 1.3 },
      { type: 'accuracyClose', network: 'ghost', of: 'bn', atStep: 1000, points: 2 },
    ],
  },
  {
    id: 'deep-residual',
    summary: 'Sixteen sigmoid layers of 50 units, each adding its input to its output (h = h_prev + f(h_prev); He, Zhang, Ren & Sun 2016), with and without BN. '
      + 'Watch the residual connections alone let both train: each passes 85% test accuracy by step 1,000, within 3 points of the other, unlike the plain stack of Deep sigmoid (8 layers, no residual connections). '
      + 'But without BN the inputs of its last hidden layer end up in the sigmoid\'s flat tails: at step 1,000 at least 90% of them are saturated (|x| > 4), against under 10% with BN.',
    claims: [
      { type: 'accuracyAtLeast', network: 'plain', atStep: 1000, atLeast: 0.85 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
      { type: 'accuracyClose', network: 'plain', of: 'bn', atStep: 1000, points: 3 },
      { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.9 },
      { type: 'saturation', network: 'bn', layer: -1, atStep: 1000, below: 0.1 },
    ],
  },
  {
    id: 'weight-decay',
    summary: 'The paper\'s networks with weight decay 0.005, which pulls every weight toward 0 at each step (an L2 penalty), from the same weights and batches. '
      + 'Watch the weight norms ‖W‖: the plain network, whose gradients are tiny near chance, loses its first layer\'s weights to the decay and is still below 20% at step 3,000, when BN\'s first-layer weights are at least 5 times as large and BN passes 80%. '
      + 'BN makes a layer blind to the scale of its weights, so on BN\'s layers the decay only shrinks ‖W‖, which raises the effective step η / ‖W‖² (van Laarhoven 2017): at step 3,000 it is at least 0.025 on hidden layer 2 (the lab\'s weight-decay sweep runs less decay and none, to compare).',
    claims: [
      { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.2 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 3000, atLeast: 0.8 },
      { type: 'weightNormRatio', network: 'bn', over: 'plain', layer: 0, atStep: 3000, atLeast: 5 },
      { type: 'effectiveStep', network: 'bn', layer: 1, atStep: 3000, atLeast: 0.025 },
    ],
  },
];
