/**
 * Train a preset headless for as long as its claims need and measure every claim: the check
 * behind `npm run experiment -- claims` and the test suite's seed-robustness test.
 */
import type { Dataset } from '../data/types.ts';
import { claimSeriesOfRun, claimsHorizon, evaluateClaim } from './claims.ts';
import type { ClaimResult } from './claims.ts';
import { configForPreset, presetById } from './presets.ts';
import type { ExperimentConfig } from './settings.ts';
import { trainRuns } from './trainRuns.ts';
import type { NetworkId, Run } from './types.ts';
import { networksFor } from './variants.ts';

/** One preset's claims measured on one seed. */
export interface PresetClaims {
  id: string;
  claims: ClaimResult[];
}

/** The preset's config at `seed`, evaluated on a grid that lands on every claim's step. */
export function claimsConfig(presetId: string, seed: number): ExperimentConfig {
  return { ...configForPreset(presetId), seed };
}

/**
 * Train preset `presetId` with `seed` on `data` (its dataset at that seed) up to the last step
 * its claims read, evaluating every `evalEvery` steps and at that last step, and measure each claim.
 */
export function checkPresetClaims(presetId: string, seed: number, data: Dataset): PresetClaims {
  const preset = presetById(presetId);
  if (!preset) throw new RangeError(`unknown preset ${JSON.stringify(presetId)}`);
  const config = claimsConfig(presetId, seed);
  const horizon = claimsHorizon(preset.claims);
  const { runs } = trainRuns(config, horizon, data, networksFor(config));
  const series = (id: NetworkId) => {
    const run = runs[id] as Run | undefined;
    return run ? claimSeriesOfRun(run) : undefined;
  };
  return { id: presetId, claims: preset.claims.map((claim) => evaluateClaim(claim, series)) };
}
