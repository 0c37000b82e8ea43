/**
 * The networks of an experiment and how each is built from an ExperimentConfig: the normalization
 * zoo. Every variant starts from the same dense weights (the engine draws them from the seed in the
 * same order whatever the normalization) and steps on the same mini-batches.
 */
import { SANTURKAR_BN_NOISE } from '../engine/santurkarNoise.ts';
import type { BnNoiseConfig, NetworkConfig, Normalization, NormPlacement } from '../engine/types.ts';
import type { ExperimentConfig } from './settings.ts';
import type { NetworkId } from './types.ts';

/** One network of the experiment: its id and what distinguishes it from the others. */
export interface NetworkVariant {
  id: NetworkId;
  /** BN (normalization 'batch') in every hidden layer. */
  batchNorm: boolean;
  /** The normalization of every hidden layer; default 'batch' when batchNorm, else 'none'. */
  normalization?: Normalization;
  /** Where the normalization sits; default 'before' the nonlinearity (the paper's). */
  normPlacement?: NormPlacement;
  /** BN over virtual batches of the config's ghostBatchSize (Hoffer et al. 2017). */
  ghost?: boolean;
  /** Santurkar et al.'s noise after every BN layer in training mode; absent or null is none. */
  bnNoise?: BnNoiseConfig | null;
  /**
   * Measure the layer inputs WITH a fresh draw of that noise at every snapshot (default false):
   * Santurkar et al. plot the distributions of the noisy activations, which is what "shifts more" is about.
   */
  probeNoise?: boolean;
}

/** The variants every session trains by default, in display order: without BN, then with BN. */
export const DEFAULT_VARIANTS: readonly NetworkVariant[] = [
  { id: 'plain', batchNorm: false },
  { id: 'bn', batchNorm: true },
];

/** Santurkar et al.'s noisy BN with their constants, its layer inputs measured with the noise. */
export const NOISY_VARIANT: NetworkVariant = { id: 'noisy', batchNorm: true, bnNoise: SANTURKAR_BN_NOISE, probeNoise: true };

/** The normalization zoo beyond the paper: BN after the nonlinearity, ghost BN, LayerNorm, GroupNorm. */
export const ZOO_VARIANTS: readonly NetworkVariant[] = [
  { id: 'bn-after', batchNorm: true, normPlacement: 'after' },
  { id: 'ghost', batchNorm: true, ghost: true },
  { id: 'ln', batchNorm: false, normalization: 'layer' },
  { id: 'gn', batchNorm: false, normalization: 'group' },
];

/** Every variant a session can train, in display order (ALL_NETWORK_IDS). */
export const ALL_VARIANTS: readonly NetworkVariant[] = [...DEFAULT_VARIANTS, NOISY_VARIANT, ...ZOO_VARIANTS];

/** The ids of a comma list in display order without repeats, or the first unknown name. */
export function parseNetworkList(text: string): { ids: NetworkId[] } | { unknown: string } {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.find((name) => !ALL_VARIANTS.some((variant) => variant.id === name));
  if (unknown !== undefined) return { unknown };
  return { ids: ALL_VARIANTS.filter((variant) => names.includes(variant.id)).map((variant) => variant.id) };
}

/**
 * The networks `config` trains, in display order: those of its `variants` list, and BN + noise
 * also when `noisyBn` (the older switch for the third network).
 */
export function networksFor(config: Pick<ExperimentConfig, 'noisyBn' | 'variants'>): NetworkId[] {
  const parsed = parseNetworkList(config.variants);
  const listed = 'ids' in parsed ? parsed.ids : ['plain', 'bn'];
  return ALL_VARIANTS.filter((variant) => listed.includes(variant.id) || (variant.id === 'noisy' && config.noisyBn))
    .map((variant) => variant.id);
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
 * init with std initStd and scale initScale, BN momentum and epsilon (every normalization's
 * epsilon), residual connections when the config asks, GroupNorm's groups and ghost BN's virtual
 * batches (each the largest divisor of the width, or batch size, up to the setting: the engine needs
 * one), and the experiment's seed, so every variant starts from the same dense weights.
 */
export function networkConfigFor(config: ExperimentConfig, inputs: number, classes: number, variant: NetworkVariant): NetworkConfig {
  const normalization: Normalization = variant.normalization ?? (variant.batchNorm ? 'batch' : 'none');
  return {
    layers: [inputs, ...Array.from({ length: config.depth }, () => config.width), classes],
    activation: config.activation,
    batchNorm: variant.batchNorm,
    init: { scheme: config.initScheme, std: config.initStd, scale: config.initScale },
    seed: config.seed,
    bnMomentum: config.bnMomentum,
    bnEpsilon: config.bnEpsilon,
    bnNoise: variant.bnNoise ?? null,
    ...(normalization !== 'batch' && normalization !== 'none' ? { normalization } : {}),
    ...(normalization === 'group' ? { normGroups: largestDivisorUpTo(config.width, config.normGroups) } : {}),
    ...(variant.normPlacement === 'after' ? { normPlacement: 'after' as const } : {}),
    ...(variant.ghost ? { ghostBatchSize: largestDivisorUpTo(config.batchSize, config.ghostBatchSize) } : {}),
    ...(config.residual ? { residual: true } : {}),
  };
}

/** The largest divisor of `n` that is at most `limit` (at least 1): normGroups of a width, ghostBatchSize of a batch size. */
export function largestDivisorUpTo(n: number, limit: number): number {
  for (let d = Math.min(n, Math.floor(limit)); d > 1; d--) if (n % d === 0) return d;
  return 1;
}
