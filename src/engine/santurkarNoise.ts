/**
 * Santurkar et al.'s (2018) noisy-BN constants, alone in a module: the page's entry needs them (the
 * list of networks it can train) but none of the noise code, which stays in the chunks that train.
 */
import type { BnNoiseConfig } from './types.ts';

/** The paper's constants: n_mu = 0.5, n_sigma = 1.25, r_mu = r_sigma = 0.1. */
export const SANTURKAR_BN_NOISE: Readonly<BnNoiseConfig> = { nMu: 0.5, nSigma: 1.25, rMu: 0.1, rSigma: 0.1 };
