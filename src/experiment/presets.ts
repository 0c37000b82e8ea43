/**
 * Named experiments, one click each in the UI and `--preset` in the CLI: the classic
 * demonstrations of PAPER.md as partial configs over DEFAULT_CONFIG.
 */
import { DEFAULT_CONFIG } from './settings.ts';
import type { ExperimentConfig } from './settings.ts';

/** A named experiment. */
export interface Preset {
  /** URL- and CLI-safe name, e.g. 'paper-fig1'. */
  id: string;
  /** Short title for a button. */
  title: string;
  /** Two sentences: what to watch. */
  summary: string;
  /** Settings that differ from DEFAULT_CONFIG (`noisyBn: true` adds the third network). */
  config: Partial<ExperimentConfig>;
}

/** The presets, in display order; the first ('paper-fig1') is the default. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'paper-fig1',
    title: 'Paper, Figure 1',
    summary: 'The MNIST experiment of section 4.1: three sigmoid layers of 100 units on binary digits, with and without BN, same weights and batches. '
      + 'Watch the BN network reach a higher test accuracy sooner, while the plain network\'s tracked sigmoid input drifts in mean and spread and the BN one stays put.',
    config: {},
  },
  {
    id: 'lr-x5',
    title: 'Learning rate x5',
    summary: 'The same networks with a learning rate five times higher, like the paper\'s BN-x5. '
      + 'Watch BN train faster still, while the plain network\'s layer inputs swing and its sigmoids saturate.',
    config: { learningRate: DEFAULT_CONFIG.learningRate * 5 },
  },
  {
    id: 'lr-x30',
    title: 'Learning rate x30',
    summary: 'A learning rate thirty times higher, like the paper\'s BN-x30. '
      + 'Watch the plain network stall or diverge while the BN network keeps training, because BN makes each layer\'s output blind to the scale of its weights (section 3.3).',
    config: { learningRate: DEFAULT_CONFIG.learningRate * 30 },
  },
  {
    id: 'bad-init',
    title: 'Init x100',
    summary: 'Every initial weight is a hundred times larger (std 1 instead of 0.01), so the plain network starts with most of its sigmoids saturated (|x| > 4). '
      + 'Watch the BN network train just as it does from the default init, since BN(aWu) = BN(Wu), while the plain one learns more slowly from the flat tails of its sigmoids.',
    config: { initScale: 100 },
  },
  {
    id: 'deep-sigmoid',
    title: 'Deep sigmoid',
    summary: 'Eight hidden sigmoid layers instead of three. '
      + 'Watch the plain network barely move from chance while BN trains it, as with the sigmoid Inception of section 4.2.2.',
    config: { depth: 8 },
  },
  {
    id: 'tiny-batches',
    title: 'Tiny batches',
    summary: 'Mini-batches of 4 examples, so BN\'s batch mean and variance are noisy estimates of the population\'s. '
      + 'Watch BN still beat the plain network but learn more slowly than with batches of 60, its training loss (batch statistics) sitting above its test loss (running statistics), since training and inference now normalise differently.',
    config: { batchSize: 4 },
  },
  {
    id: 'noisy-bn',
    title: 'BN + noise',
    summary: 'The paper\'s Figure 1 setup with a third network: BN followed by Santurkar et al.\'s time-varying noise, which shifts every layer\'s input distribution at each step on purpose. '
      + 'Watch its layer inputs, measured with the noise, drift several times more than the plain network\'s (the drift figure above each layer chart), while its test accuracy keeps up with BN\'s.',
    config: { noisyBn: true },
  },
  {
    id: 'spiral',
    title: 'Spiral (fast)',
    summary: 'A 2-D spiral of three arms that trains in seconds, with three ReLU layers of 64 units. '
      + 'Watch BN fit the arms within a few hundred steps while the plain network needs a thousand or more, its layer inputs drifting in mean and spread as it goes.',
    config: {
      dataset: 'spiral', depth: 3, width: 64, activation: 'relu', initScheme: 'he', learningRate: 0.1,
      batchSize: 32, evalEvery: 50, maxSteps: 3000,
    },
  },
];

/** The preset named `id` among `presets` (default: the app's PRESETS), if any. */
export function presetById(id: string, presets: readonly Preset[] = PRESETS): Preset | undefined {
  return presets.find((preset) => preset.id === id);
}

/** DEFAULT_CONFIG overlaid with preset `id` of `presets` (default PRESETS); throws for an unknown id. */
export function configForPreset(id: string, presets: readonly Preset[] = PRESETS): ExperimentConfig {
  const preset = presetById(id, presets);
  if (!preset) throw new Error(`unknown preset ${JSON.stringify(id)} (presets: ${presets.map((p) => p.id).join(', ')})`);
  return { ...DEFAULT_CONFIG, ...preset.config };
}
