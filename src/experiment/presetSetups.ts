/**
 * What a link or the CLI needs of each preset to set up its run: its id, title and settings. The
 * captions and claims (./presets.ts, ./zooPresets.ts) load with the page's views, not before its
 * first paint: the embed's entry carries this list only.
 */
import { DEFAULT_CONFIG } from './settings.ts';
import type { ExperimentConfig } from './settings.ts';

/** A named experiment's setup. */
export interface PresetSetup {
  /** URL- and CLI-safe name, e.g. 'paper-fig1'. */
  id: string;
  /** Short title for a button. */
  title: string;
  /** Settings that differ from DEFAULT_CONFIG (`noisyBn: true` adds the third network, `variants` picks the networks). */
  config: Partial<ExperimentConfig>;
}

/** Every preset's setup, in display order: the paper's eight, then the normalization zoo's; the first ('paper-fig1') is the default. */
export const PRESET_SETUPS: readonly PresetSetup[] = [
  { id: 'paper-fig1', title: 'Paper, Figure 1', config: {} },
  { id: 'lr-x5', title: 'Learning rate x5', config: { learningRate: DEFAULT_CONFIG.learningRate * 5 } },
  { id: 'lr-x30', title: 'Learning rate x30', config: { learningRate: DEFAULT_CONFIG.learningRate * 30 } },
  { id: 'bad-init', title: 'Init x100', config: { initScale: 100 } },
  { id: 'deep-sigmoid', title: 'Deep sigmoid', config: { depth: 8 } },
  { id: 'tiny-batches', title: 'Tiny batches', config: { batchSize: 4 } },
  { id: 'noisy-bn', title: 'BN + noise', config: { noisyBn: true } },
  {
    id: 'spiral', title: 'Spiral (fast)',
    config: { dataset: 'spiral', depth: 3, width: 64, activation: 'relu', initScheme: 'he', learningRate: 0.1, batchSize: 32, evalEvery: 50, maxSteps: 3000 },
  },
  { id: 'tiny-norms', title: 'Tiny batches: BN vs LN vs GN', config: { batchSize: 4, variants: 'bn,ln,gn', maxSteps: 3000 } },
  { id: 'bn-after', title: 'BN before or after the sigmoid', config: { variants: 'bn,bn-after', maxSteps: 3000 } },
  { id: 'ghost-bn', title: 'Ghost batch norm', config: { batchSize: 240, ghostBatchSize: 30, variants: 'bn,ghost', maxSteps: 3000 } },
  { id: 'deep-residual', title: 'Deep residual (16 layers)', config: { depth: 16, width: 50, residual: true, maxSteps: 3000 } },
  { id: 'weight-decay', title: 'Weight decay with BN', config: { weightDecay: 0.005, maxSteps: 3000 } },
];

/** The setup named `id` among `setups` (default: every preset's), if any. */
export function setupById<T extends PresetSetup>(id: string, setups: readonly T[]): T | undefined {
  return setups.find((setup) => setup.id === id);
}

/** DEFAULT_CONFIG overlaid with preset `id` of `setups` (default every preset's); throws for an unknown id. */
export function configForPreset(id: string, setups: readonly PresetSetup[] = PRESET_SETUPS): ExperimentConfig {
  const setup = setupById(id, setups);
  if (!setup) throw new Error(`unknown preset ${JSON.stringify(id)} (presets: ${setups.map((p) => p.id).join(', ')})`);
  return { ...DEFAULT_CONFIG, ...setup.config };
}
