/**
 * The guided path for self-study: a short sequence of experiments, each set up by one click,
 * with text a first-year student can read. Every claim here is one the app shows on screen
 * (or in the lab), and agrees with PAPER.md: the 2015 explanation (internal covariate shift)
 * first, then Santurkar et al.'s (2018) evidence against it.
 */

/** One step of the guided path. */
export interface GuideStep {
  /** Short title, e.g. 'A layer's inputs move while it learns'. */
  title: string;
  /** What is going on, one or two short paragraphs. */
  text: string[];
  /** Where to look and what to see, one sentence each. */
  look: string[];
  /** The preset the step trains (src/experiment/presets.ts). */
  preset: string;
  /** A lab job (src/lab/jobs.ts) the step opens, for the student to run. */
  lab?: string;
  /** The id of the page element to bring into view after setting up. */
  focus: string;
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
      'Figure 1 (b) follows one sigmoid unit of the last hidden layer without BN: its median (the line) and its 15-85% band move during the first few thousand steps.',
      'The "Without BN" layer charts show the same for whole layers: each column is a histogram of a layer\'s inputs at one moment, time runs left to right.',
    ],
    preset: 'paper-fig1',
    focus: 'fig1-title',
  },
  {
    title: 'With BN, the same unit\'s inputs stay put',
    text: [
      'Now compare the BN copy. Its layer inputs are re-centred and re-scaled on every mini-batch, so they keep roughly the same mean and spread however the layers below change.',
      'The 2015 paper\'s explanation: with the shift removed, every layer learns on steady ground, so the whole network trains faster.',
    ],
    look: [
      'Figure 1 (c): the BN unit\'s percentiles stay near where they started, while (b) moves.',
      'Figure 1 (a): the BN network\'s test accuracy climbs sooner and ends higher, as in the paper.',
    ],
    preset: 'paper-fig1',
    focus: 'fig1-title',
  },
  {
    title: 'Higher learning rates',
    text: [
      'The learning rate is the size of each training step. Too large, and a network without BN overshoots: its loss stalls or blows up. '
        + 'BN makes each layer\'s output ignore the scale of its weights, which keeps large steps in check (section 3.3).',
    ],
    look: [
      'With a rate thirty times the default, watch Figure 1 (a) and the saturation panel: the plain network stalls near chance with every input of its last hidden layer saturated, while the BN one passes 85%.',
      'In the lab below, the learning-rate sweep trains short runs at eight rates and plots final accuracy against rate for both networks.',
    ],
    preset: 'lr-x30',
    lab: 'lr-sweep',
    focus: 'fig1-title',
  },
  {
    title: 'Deep sigmoid networks',
    text: [
      'A sigmoid passes on at most a quarter of the gradient it receives, and almost none when its input is beyond ±4 (saturated). '
        + 'Stack eight sigmoid layers and, without BN, the signal and its gradient shrink layer after layer. BN re-scales every layer\'s inputs, so they keep a useful size.',
    ],
    look: [
      'Figure 1 (a): with eight sigmoid layers, the plain network stays at chance while the BN network trains past 75% by step 3,000.',
      'The saturation panel gives, per layer, the share of inputs beyond ±4. Here the plain network is stuck although its sigmoids do not saturate: shrinking, not saturation, holds it back. The next step shows saturation itself.',
    ],
    preset: 'deep-sigmoid',
    focus: 'saturation-title',
  },
  {
    title: 'Less care at initialisation',
    text: [
      'Every starting weight is now a hundred times larger. BN divides by the batch\'s standard deviation, so scaling a layer\'s weights by a does not change its output: BN(aWu) = BN(Wu), and the weight gradient shrinks by 1/a.',
    ],
    look: [
      'The saturation panel: half or more of the plain network\'s sigmoid inputs sit beyond ±4 from the start and stay there, the BN network\'s almost none. The BN network trains much as it does from the default start and leads early; the plain one still learns, carried by its unsaturated units, and ends with a higher test loss.',
      'In the lab, the scale-invariance check computes BN(aWu) - BN(Wu) and the gradient ratio for several a on a real batch.',
    ],
    preset: 'bad-init',
    lab: 'scale-invariance',
    focus: 'fig1-title',
  },
  {
    title: 'Training mode and test mode',
    text: [
      'While training, BN uses the mean and variance of the current mini-batch. At test time there is no batch, so it uses running averages collected during training (Algorithm 2). '
        + 'With mini-batches of 4, the batch statistics are noisy estimates of the averages, so the two modes disagree more.',
    ],
    look: [
      'Figure 1 (a): BN still leads the plain network, but more slowly than with batches of 60; the loss chart: BN\'s training loss (batch statistics, solid) sits above its test loss (running statistics, dashed).',
      'In the lab, the inference check trains with batches of 2, 4, 8 and 60 and compares test accuracy in training mode against test mode.',
    ],
    preset: 'tiny-batches',
    lab: 'inference',
    focus: 'fig1-title',
  },
  {
    title: 'Is it really the shift? Add noise',
    text: [
      'Santurkar et al. (2018) tested the explanation. After every BN layer they add random noise that changes each unit\'s mean and scale at every step, so the layer inputs shift more than without BN.',
      'If removing the shift were what makes BN work, this noisy BN should train like the plain network.',
    ],
    look: [
      'Figure 1\'s "BN + noise" panel: its tracked unit\'s median and band, measured with the noise, jump from snapshot to snapshot across a range at least 1.25 times the BN unit\'s, and the shift figures beside its layer charts are larger than BN\'s.',
      'Yet Figure 1 (a): its test accuracy stays within 3 points of the BN network\'s, far ahead of the plain one. The shift is back, the benefit stays.',
    ],
    preset: 'noisy-bn',
    focus: 'layers-title',
  },
  {
    title: 'What BN may do instead',
    text: [
      'Santurkar et al. argue that BN helps mainly by making the loss landscape smoother: along the gradient, the loss and the gradient itself change more predictably, so larger steps are safe. '
        + 'They also measure the shift through gradients (how much a layer\'s gradient changes when the layers below take their step) and find it no smaller with BN.',
      'This is the later evidence, not a closed question. Run the measurements on these small networks and judge for yourself.',
    ],
    look: [
      'In the lab, "smoothness" probes the loss and gradient at several step sizes along the gradient, every few steps, for each network.',
      '"Gradient ICS" gives, per layer, how far the gradient moves when the layers below update (0 and cosine 1 would be no shift).',
    ],
    preset: 'noisy-bn',
    lab: 'smoothness',
    focus: 'lab-title',
  },
];
