/** Defaults and validation of a NetworkConfig. */
import { checkBnNoise } from './bnNoise.ts';
import { DEFAULT_INIT_STD } from './init.ts';
import type { Normalization, NetworkConfig, NormPlacement } from './types.ts';

/** Default weight of the newest batch statistic in BN's running averages. */
export const DEFAULT_BN_MOMENTUM = 0.1;
/** Default epsilon added to the variance in BN. */
export const DEFAULT_BN_EPSILON = 1e-5;

/** Default number of GroupNorm groups (`normGroups`). */
export const DEFAULT_NORM_GROUPS = 4;

const NORMALIZATIONS = new Set<Normalization>(['none', 'batch', 'layer', 'group']);
const PLACEMENTS = new Set<NormPlacement>(['before', 'after']);
const ACTIVATIONS = new Set(['sigmoid', 'tanh', 'relu', 'linear']);
const INIT_SCHEMES = new Set(['gaussian', 'xavier', 'he']);

/** Fills the defaults of `config` and throws a RangeError on an impossible one. */
export function resolveNetworkConfig(config: NetworkConfig): Required<NetworkConfig> {
  const { layers } = config;
  if (!Array.isArray(layers) || layers.length < 2) throw new RangeError('layers needs at least [inputs, classes]');
  for (const width of layers) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`layer widths must be positive integers, got ${width}`);
  }
  if (layers[layers.length - 1] > 256) throw new RangeError('at most 256 classes (labels are bytes)');
  if (!ACTIVATIONS.has(config.activation)) throw new RangeError(`unknown activation ${String(config.activation)}`);
  if (!INIT_SCHEMES.has(config.init.scheme)) throw new RangeError(`unknown init scheme ${String(config.init.scheme)}`);
  const bnMomentum = config.bnMomentum ?? DEFAULT_BN_MOMENTUM;
  const bnEpsilon = config.bnEpsilon ?? DEFAULT_BN_EPSILON;
  if (!(bnMomentum >= 0 && bnMomentum <= 1)) throw new RangeError(`bnMomentum must be in [0, 1], got ${bnMomentum}`);
  if (!(bnEpsilon >= 0)) throw new RangeError(`bnEpsilon must be >= 0, got ${bnEpsilon}`);
  const normalization = resolveNormalization(config);
  const normPlacement = config.normPlacement ?? 'before';
  if (!PLACEMENTS.has(normPlacement)) throw new RangeError(`normPlacement must be 'before' or 'after', got ${String(normPlacement)}`);
  const normGroups = config.normGroups ?? DEFAULT_NORM_GROUPS;
  if (!Number.isInteger(normGroups) || normGroups < 1) throw new RangeError(`normGroups must be a positive integer, got ${normGroups}`);
  if (normalization === 'group') {
    for (const width of layers.slice(1, -1)) {
      if (width % normGroups !== 0) {
        throw new RangeError(`GroupNorm splits each hidden layer into normGroups = ${normGroups} groups: it must divide every hidden width, not ${width}`);
      }
    }
  }
  const ghostBatchSize = config.ghostBatchSize ?? null;
  if (ghostBatchSize !== null) {
    if (normalization !== 'batch') throw new RangeError(`ghostBatchSize is Ghost Batch Normalization: it needs normalization 'batch', not '${normalization}'`);
    if (!Number.isInteger(ghostBatchSize) || ghostBatchSize < 2) throw new RangeError(`ghostBatchSize must be an integer >= 2, got ${ghostBatchSize}`);
  }
  const residual = config.residual ?? false;
  if (typeof residual !== 'boolean') throw new RangeError(`residual must be a boolean, got ${String(residual)}`);
  const bnNoise = config.bnNoise ?? null;
  if (bnNoise !== null) {
    if (normalization !== 'batch') throw new RangeError('bnNoise is applied after BN: it needs batchNorm on');
    if (normPlacement !== 'before') throw new RangeError("bnNoise follows BN before the nonlinearity: it needs normPlacement 'before'");
    checkBnNoise(bnNoise);
  }
  return {
    layers: [...layers],
    activation: config.activation,
    batchNorm: normalization === 'batch',
    normalization,
    normGroups,
    normPlacement,
    ghostBatchSize,
    residual,
    init: { scheme: config.init.scheme, std: config.init.std ?? DEFAULT_INIT_STD, scale: config.init.scale ?? 1 },
    seed: config.seed,
    bnMomentum,
    bnEpsilon,
    bnNoise: bnNoise === null ? null : { nMu: bnNoise.nMu, nSigma: bnNoise.nSigma, rMu: bnNoise.rMu, rSigma: bnNoise.rSigma },
  };
}

/**
 * The normalization of `config`: `normalization` if given, else 'batch' when `batchNorm` is true
 * and 'none' otherwise. Throws a RangeError when both are given and contradict each other.
 */
export function resolveNormalization(config: Pick<NetworkConfig, 'batchNorm' | 'normalization'>): Normalization {
  const { batchNorm, normalization } = config;
  if (batchNorm !== undefined && typeof batchNorm !== 'boolean') throw new RangeError(`batchNorm must be a boolean, got ${String(batchNorm)}`);
  if (normalization === undefined) return batchNorm === true ? 'batch' : 'none';
  if (!NORMALIZATIONS.has(normalization)) throw new RangeError(`unknown normalization ${String(normalization)}`);
  if (batchNorm === true && normalization !== 'batch') {
    throw new RangeError(`batchNorm: true contradicts normalization '${normalization}' (batchNorm: true means 'batch'; leave it out or set it false)`);
  }
  if (batchNorm === false && normalization === 'batch') {
    throw new RangeError("batchNorm: false contradicts normalization 'batch' (leave batchNorm out or set it true)");
  }
  return normalization;
}
