/** Defaults and validation of a NetworkConfig. */
import { checkBnNoise } from './bnNoise.ts';
import { DEFAULT_INIT_STD } from './init.ts';
import type { NetworkConfig } from './types.ts';

/** Default weight of the newest batch statistic in BN's running averages. */
export const DEFAULT_BN_MOMENTUM = 0.1;
/** Default epsilon added to the variance in BN. */
export const DEFAULT_BN_EPSILON = 1e-5;

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
  const bnNoise = config.bnNoise ?? null;
  if (bnNoise !== null) {
    if (!config.batchNorm) throw new RangeError('bnNoise is applied after BN: it needs batchNorm on');
    checkBnNoise(bnNoise);
  }
  return {
    layers: [...layers],
    activation: config.activation,
    batchNorm: config.batchNorm,
    init: { scheme: config.init.scheme, std: config.init.std ?? DEFAULT_INIT_STD, scale: config.init.scale ?? 1 },
    seed: config.seed,
    bnMomentum,
    bnEpsilon,
    bnNoise: bnNoise === null ? null : { nMu: bnNoise.nMu, nSigma: bnNoise.nSigma, rMu: bnNoise.rMu, rSigma: bnNoise.rSigma },
  };
}
