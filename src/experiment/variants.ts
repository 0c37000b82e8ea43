/**
 * The networks of a paired experiment and how each is built from an ExperimentConfig.
 * A list, so that later variants (Santurkar's noisy BN) join without changing the session.
 */
import { SANTURKAR_BN_NOISE } from '../engine/bnNoise.ts';
import type { BnNoiseConfig, NetworkConfig } from '../engine/types.ts';
import type { ExperimentConfig } from './settings.ts';
import type { NetworkId } from './types.ts';

/** One network of the experiment: its id and what distinguishes it from the others. */
export interface NetworkVariant {
  id: NetworkId;
  /** BN before every hidden nonlinearity. */
  batchNorm: boolean;
  /** Santurkar et al.'s noise after every BN layer in training mode; absent or null is none. */
  bnNoise?: BnNoiseConfig | null;
  /**
   * Measure the layer inputs WITH a fresh draw of that noise at every snapshot (default false):
   * Santurkar et al. plot the distributions of the noisy activations, which is what "shifts more" is about.
   */
  probeNoise?: boolean;
}

/** The variants every session trains, in display order: without BN, then with BN. */
export const DEFAULT_VARIANTS: readonly NetworkVariant[] = [
  { id: 'plain', batchNorm: false },
  { id: 'bn', batchNorm: true },
];

/** Santurkar et al.'s noisy BN with their constants, its layer inputs measured with the noise. */
export const NOISY_VARIANT: NetworkVariant = { id: 'noisy', batchNorm: true, bnNoise: SANTURKAR_BN_NOISE, probeNoise: true };

/** Every variant a session can train, in display order: without BN, with BN, BN + noise. */
export const ALL_VARIANTS: readonly NetworkVariant[] = [...DEFAULT_VARIANTS, NOISY_VARIANT];

/** The networks `config` trains, in display order: without BN, with BN, and BN + noise when `noisyBn`. */
export function networksFor(config: Pick<ExperimentConfig, 'noisyBn'>): NetworkId[] {
  return ALL_VARIANTS.filter((variant) => variant.id !== 'noisy' || config.noisyBn).map((variant) => variant.id);
}

/** The variants named by `ids`, in display order; throws on an unknown id or an empty list. */
export function variantsByIds(ids: readonly string[]): NetworkVariant[] {
  for (const id of ids) {
    if (!ALL_VARIANTS.some((variant) => variant.id === id)) {
      throw new RangeError(`unknown network ${JSON.stringify(id)} (networks: ${ALL_VARIANTS.map((v) => v.id).join(', ')})`);
    }
  }
  const chosen = ALL_VARIANTS.filter((variant) => ids.includes(variant.id));
  if (chosen.length === 0) throw new RangeError('at least one network is needed');
  return chosen;
}

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
    bnNoise: variant.bnNoise ?? null,
  };
}
