import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/cli/runner.ts';
import { checkPresetClaims, claimsConfig } from '../../src/experiment/checkClaims.ts';
import { PRESETS } from '../../src/experiment/presets.ts';

// `npm run experiment -- claims --seed 1` and `--seed 2`, preset by preset: what each caption says
// the run shows must hold on more than one seed (README lists the figures on three).
describe.each([1, 2])('the presets\' claims on seed %i', (seed) => {
  it.each(PRESETS.map((p) => p.id))('%s shows what its caption says', (id) => {
    const result = checkPresetClaims(id, seed, loadDataset(claimsConfig(id, seed)));
    const failed = result.claims.filter((claim) => claim.holds !== true).map((claim) => `${claim.text} (measured ${claim.measured})`);
    expect(failed).toEqual([]);
  }, 180_000);
});
