/**
 * The guided path for self-study: a short sequence of experiments, each set up by one click,
 * with text a first-year student can read. Every outcome a step states about the run is one of its
 * preset's claims (src/experiment/presets.ts, listed in `claims`), checked live on the card and on
 * two seeds by the test suite; the rest says what to look at, not what it shows. The text agrees
 * with PAPER.md: the 2015 explanation (internal covariate shift) first, then Santurkar et al.'s
 * (2018) evidence against it.
 */
import type { Claim } from '../../experiment/claims.ts';
import type { TourTarget } from './tourTargets.ts';

/** One answer a student can predict: the range of the claim's measured figure it stands for, [min, max). */
export interface PredictionChoice {
  label: string;
  min?: number;
  max?: number;
}

/** Predict, then reveal: a question the live run answers through one of the preset's claims. */
export interface GuidePrediction {
  question: string;
  /** The claim whose measured figure (evaluateClaim) answers the question; one of the preset's claims. */
  claim: Claim;
  /** What the figure is, as a noun phrase: "the BN network's lead at step 1,000". */
  figure: string;
  choices: readonly PredictionChoice[];
  /** The choice the claim expects: where the figure lies when the claim holds. */
  expected: number;
  /** Who expects it: 'the 2015 paper', 'Santurkar et al. (2018)'. */
  source: string;
}

/** A lab job a step runs on request ("Run this"), and scrolls to when its result arrives. */
export interface GuideLab {
  /** The job's id (src/lab/jobs.ts), run with its default params on the step's experiment. */
  job: string;
  /** What the result shows, one sentence (no outcome: the lab result is not a checked claim). */
  about: string;
}

/** One step of the guided path. */
export interface GuideStep {
  /** Short title, e.g. 'A layer's inputs move while it learns'. */
  title: string;
  /** What is going on, one or two short paragraphs. */
  text: string[];
  /** Where to look and what to see, one sentence each; after a prediction, shown once the student has predicted. */
  look: string[];
  /** The preset's claims that `look` states, each checked live on the card. */
  claims: readonly Claim[];
  /** The preset the step trains (src/experiment/presets.ts). */
  preset: string;
  /** The chart the step talks about: brought into view and highlighted (data-tour-focus) while the step is open. */
  focus: TourTarget;
  prediction?: GuidePrediction;
  lab?: GuideLab;
}

/** The path, in order. */
export const GUIDE_STEPS: readonly GuideStep[] = [
  {
    title: 'A layer\'s inputs move while it learns',
    text: [
      'Two copies of the same network learn to read handwritten digits, from the same starting weights and on the same mini-batches. '
        + 'The only difference: the "With BN" copy normalises the inputs of every hidden layer over each mini-batch (Batch Normalization).',
      'A layer learns from the numbers the layers below it send. Those layers learn too, so the numbers change under it. '
        + 'Ioffe and Szegedy (2015) call this internal covariate shift.',
    ],
    look: [
      'Figure 1 (b) follows one sigmoid unit of the last hidden layer without BN: its median (the line) moves across at least 1.5 over the first 3,000 steps, its 15-85% band with it.',
      'The "Without BN" layer charts show whole layers: each column is a histogram of a layer\'s inputs at one moment, time runs left to right.',
    ],
    claims: [{ type: 'medianRange', network: 'plain', untilStep: 3000, atLeast: 1.5 }],
    preset: 'paper-fig1',
    focus: 'fig1-percentiles',
  },
  {
    title: 'With BN, the same unit\'s inputs stay put',
    text: [
      'Now compare the BN copy. Its layer inputs are re-centred and re-scaled on every mini-batch, so they keep roughly the same mean and spread however the layers below change.',
      'The 2015 paper\'s explanation: with the shift removed, every layer learns on steady ground, so the whole network trains faster.',
    ],
    prediction: {
      question: 'Which network will be ahead in test accuracy at step 1,000?',
      claim: { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 50 },
      figure: 'the BN network\'s lead over the plain one at step 1,000',
      choices: [
        { label: 'With BN, by 50 points or more', min: 50 },
        { label: 'With BN, by less than 50 points', min: 5, max: 50 },
        { label: 'Neither: within 5 points', min: -5, max: 5 },
        { label: 'Without BN', max: -5 },
      ],
      expected: 0,
      source: 'the 2015 paper',
    },
    look: [
      'Figure 1 (a): the BN network passes 85% test accuracy by step 1,000, while the plain one is still below 20%.',
      'Figure 1 (c): over the first 3,000 steps the BN unit\'s median moves across less than two-thirds of the range of (b)\'s.',
      'The shift charts under them: over steps 1,000-3,000, BN\'s last hidden layer moves less than a quarter as far per 1,000 steps as the plain network\'s, in each unit\'s own standard deviations.',
    ],
    claims: [
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 50 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
      { type: 'accuracyBelow', network: 'plain', atStep: 1000, below: 0.2 },
      { type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 3000, times: 1.5 },
      { type: 'shiftRatio', network: 'bn', over: 'plain', layer: -1, fromStep: 1000, untilStep: 3000, below: 0.25 },
    ],
    preset: 'paper-fig1',
    focus: 'fig1-accuracy',
  },
  {
    title: 'Higher learning rates',
    text: [
      'The learning rate is the size of each training step. Too large, and a network without BN overshoots: its loss stalls or blows up. '
        + 'BN makes each layer\'s output ignore the scale of its weights, which keeps large steps in check (section 3.3).',
    ],
    prediction: {
      question: 'With a learning rate thirty times the default, where will the plain network\'s test accuracy be at step 3,000?',
      claim: { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.2 },
      figure: 'the plain network\'s test accuracy at step 3,000',
      choices: [
        { label: 'Near chance: below 20%', max: 0.2 },
        { label: 'Learning: 20% to 85%', min: 0.2, max: 0.85 },
        { label: 'Trained: 85% or more', min: 0.85 },
      ],
      expected: 0,
      source: 'the 2015 paper (section 3.3)',
    },
    look: [
      'Figure 1 (a): the plain network is still below 20% at step 3,000, while the BN one passes 85% by step 1,000.',
      'The saturation panel: at step 1,000, 90% or more of the plain network\'s last-hidden-layer inputs are beyond ±4, where the sigmoid is flat.',
    ],
    claims: [
      { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.2 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 1000, atLeast: 0.85 },
      { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.9 },
    ],
    preset: 'lr-x30',
    focus: 'fig1-accuracy',
    lab: {
      job: 'lr-sweep',
      about: 'The learning-rate sweep trains short runs at eight rates, from 0.01x to 30x, and plots final accuracy against rate for both networks.',
    },
  },
  {
    title: 'Deep sigmoid networks',
    text: [
      'A sigmoid passes on at most a quarter of the gradient it receives, and almost none when its input is beyond ±4 (saturated). '
        + 'Stack eight sigmoid layers and, without BN, the signal and its gradient shrink layer after layer. BN re-scales every layer\'s inputs, so they keep a useful size.',
    ],
    prediction: {
      question: 'Eight sigmoid layers: where will the plain network\'s test accuracy be at step 3,000?',
      claim: { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.15 },
      figure: 'the plain network\'s test accuracy at step 3,000',
      choices: [
        { label: 'Near chance: below 15%', max: 0.15 },
        { label: 'Learning: 15% to 75%', min: 0.15, max: 0.75 },
        { label: 'Trained: 75% or more', min: 0.75 },
      ],
      expected: 0,
      source: 'the 2015 paper (section 4.2.2)',
    },
    look: [
      'Figure 1 (a): at step 3,000 the plain network is still below 15%, while the BN network has passed 75%.',
      'The saturation panel: under 5% of the plain network\'s last-hidden-layer inputs are beyond ±4 at step 3,000, so it is stuck without saturating: shrinking holds it back. The next step shows saturation itself.',
    ],
    claims: [
      { type: 'accuracyBelow', network: 'plain', atStep: 3000, below: 0.15 },
      { type: 'accuracyAtLeast', network: 'bn', atStep: 3000, atLeast: 0.75 },
      { type: 'saturation', network: 'plain', layer: -1, atStep: 3000, below: 0.05 },
    ],
    preset: 'deep-sigmoid',
    focus: 'fig1-accuracy',
  },
  {
    title: 'Less care at initialisation',
    text: [
      'Every starting weight is now a hundred times larger. BN divides by the batch\'s standard deviation, so scaling a layer\'s weights by a does not change its output: BN(aWu) = BN(Wu), and the weight gradient shrinks by 1/a.',
    ],
    prediction: {
      question: 'With weights a hundred times larger, what share of the plain network\'s last-hidden-layer inputs will be saturated (beyond ±4) at step 1,000?',
      claim: { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.5 },
      figure: 'the saturated share of the plain network\'s last hidden layer at step 1,000',
      choices: [
        { label: 'Under 10%', max: 0.1 },
        { label: '10% to 50%', min: 0.1, max: 0.5 },
        { label: 'Half or more', min: 0.5 },
      ],
      expected: 2,
      source: 'the 2015 paper (section 3.3)',
    },
    look: [
      'The saturation panel, last hidden layer (outlined): at step 1,000, half or more of the plain network\'s last-hidden-layer inputs are beyond ±4, the BN network\'s under 5%.',
      'Figure 1 (a): BN leads by 5 points or more at step 300; the plain network still learns (75% or more by step 1,000), carried by its unsaturated units, and has the higher test loss at step 3,000.',
    ],
    claims: [
      { type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.5 },
      { type: 'saturation', network: 'bn', layer: -1, atStep: 1000, below: 0.05 },
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 300, points: 5 },
      { type: 'accuracyAtLeast', network: 'plain', atStep: 1000, atLeast: 0.75 },
      { type: 'testLossBelow', network: 'bn', other: 'plain', atStep: 3000 },
    ],
    preset: 'bad-init',
    focus: 'saturation-last',
    lab: {
      job: 'scale-invariance',
      about: 'The scale-invariance check computes BN(aWu) - BN(Wu) and the gradient ratio for several a on a real batch.',
    },
  },
  {
    title: 'Training mode and test mode',
    text: [
      'While training, BN uses the mean and variance of the current mini-batch. At test time there is no batch, so it uses running averages collected during training (Algorithm 2). '
        + 'With mini-batches of 4, the batch statistics are noisy estimates of the averages, so the two modes disagree more.',
    ],
    look: [
      'The loss chart: from step 1,000 to 3,000, BN\'s training loss (batch statistics, solid) sits 0.2 or more above its test loss (running statistics, dashed).',
      'Figure 1 (a): BN still leads the plain network by 30 points or more at step 1,000, but is below 75%, slower than with batches of 60.',
    ],
    claims: [
      { type: 'trainLossAboveTest', network: 'bn', fromStep: 1000, untilStep: 3000, atLeast: 0.2 },
      { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 30 },
      { type: 'accuracyBelow', network: 'bn', atStep: 1000, below: 0.75 },
    ],
    preset: 'tiny-batches',
    focus: 'fig1-loss',
    lab: {
      job: 'inference',
      about: 'The inference check trains with batches of 2, 4, 8 and 60 and compares test accuracy in training mode against test mode.',
    },
  },
  {
    title: 'Is it really the shift? Add noise',
    text: [
      'Santurkar et al. (2018) tested the explanation. After every BN layer they add random noise that changes each unit\'s mean and scale at every step, so the layer inputs shift more than without BN.',
      'If removing the shift were what makes BN work, this noisy BN should train like the plain network.',
    ],
    prediction: {
      question: 'The noise brings the shift back. At step 1,000, where will the BN + noise network\'s test accuracy be, compared with BN\'s?',
      claim: { type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 1000, points: 3 },
      figure: 'the BN + noise network\'s accuracy minus BN\'s at step 1,000',
      choices: [
        { label: 'More than 3 points behind BN', max: -3 },
        { label: 'Within 3 points of BN', min: -3, max: 3.001 },
        { label: 'More than 3 points ahead of BN', min: 3.001 },
      ],
      expected: 1,
      source: 'Santurkar et al. (2018)',
    },
    look: [
      'Figure 1 (a): its test accuracy is within 3 points of the BN network\'s at steps 1,000 and 3,000.',
      'The shift charts under Figure 1: over steps 1,000-3,000 its last hidden layer\'s inputs, measured with the noise, move at least 1.4 times as far per 1,000 steps as BN\'s. The shift is back, the benefit stays.',
    ],
    claims: [
      { type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 1000, points: 3 },
      { type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 3000, points: 3 },
      { type: 'shiftRatio', network: 'noisy', over: 'bn', layer: -1, fromStep: 1000, untilStep: 3000, atLeast: 1.4 },
    ],
    preset: 'noisy-bn',
    focus: 'fig1-accuracy',
  },
  {
    title: 'What BN may do instead',
    text: [
      'Santurkar et al. argue that BN helps mainly by making the loss landscape smoother: along the gradient, the loss and the gradient itself change more predictably, so larger steps are safe. '
        + 'They also measure the shift through gradients (how much a layer\'s gradient changes when the layers below take their step) and find it no smaller with BN.',
      'This is the later evidence, not a closed question. Run the measurements on these small networks and judge for yourself.',
    ],
    look: [
      '"Gradient ICS", another lab job, gives per layer how far the gradient moves when the layers below update (0 and cosine 1 would be no shift).',
    ],
    claims: [],
    preset: 'noisy-bn',
    focus: 'lab',
    lab: {
      job: 'smoothness',
      about: 'The smoothness probe measures the loss and the gradient at several step sizes along the gradient, every few steps, for each network.',
    },
  },
];
