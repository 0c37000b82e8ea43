/**
 * The networks of a paired experiment and how each is built from an ExperimentConfig.
 * A list, so that later variants (Santurkar's noisy BN) join without changing the session.
 */
import type { NetworkConfig } from '../engine/types.ts';
import type { ExperimentConfig } from './settings.ts';
import type { NetworkId } from './types.ts';

/** One network of the experiment: its id and what distinguishes it from the others. */
export interface NetworkVariant {
  id: NetworkId;
  /** BN before every hidden nonlinearity. */
  batchNorm: boolean;
}

/** The variants every session trains, in display order: without BN, then with BN. */
export const DEFAULT_VARIANTS: readonly NetworkVariant[] = [
  { id: 'plain', batchNorm: false },
  { id: 'bn', batchNorm: true },
];

/**
 * The engine config of `variant`: layers [inputs, width x depth, classes], gaussian/xavier/he
 * init with std initStd and scale initScale, BN momentum and epsilon, and the experiment's seed,
 * so every variant starts from the same dense weights.
 */
export function networkConfigFor(config: ExperimentConfig, inputs: number, classes: number, variant: NetworkVariant): NetworkConfig {
  return {
    layers: [inputs, ...Array.from({ length: config.depth }, () => config.width), classes],
    activation: config.activation,
    batchNorm: variant.batchNorm,
    init: { scheme: config.initScheme, std: config.initStd, scale: config.initScale },
    seed: config.seed,
    bnMomentum: config.bnMomentum,
    bnEpsilon: config.bnEpsilon,
  };
}
