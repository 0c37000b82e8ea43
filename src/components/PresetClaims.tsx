/**
 * The selected preset's claims (src/experiment/claims.ts), each checked live against the run on
 * screen: a tick when it holds, a cross when it does not, "at step N" until the run gets there.
 * The same claims are checked headless on several seeds by `npm run experiment -- claims`.
 */
import { claimText, evaluateClaim, formatMeasured } from '../experiment/claims.ts';
import type { Claim, ClaimResult } from '../experiment/claims.ts';
import type { Preset } from '../experiment/presets.ts';
import { configForPreset } from '../experiment/presets.ts';
import { SETTINGS } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { claimSeriesOfHistory } from '../store/claimSeries.ts';
import type { ExperimentState } from '../store/index.ts';
import { useFrameValue } from './useLive.ts';

/** Settings whose change leaves the preset's claims unchecked for this run (the seed is not one: claims hold on any seed). */
function changedFromPreset(config: ExperimentConfig, presetId: string): string[] {
  const preset = configForPreset(presetId);
  return SETTINGS.filter((s) => s.key !== 'seed' && s.key !== 'maxSteps' && s.effect !== 'view' && config[s.key] !== preset[s.key]).map((s) => s.label);
}

/** The live results of `claims` as one string per claim, so the list re-renders only when a verdict or a shown figure changes. */
function liveResults(s: ExperimentState, claims: readonly Claim[]): string {
  const history = s.history;
  const series = (id: NetworkId) => {
    const network = history?.networks.find((n) => n.id === id);
    return network ? claimSeriesOfHistory(network) : undefined;
  };
  return JSON.stringify(claims.map((claim) => {
    const result = evaluateClaim(claim, series);
    return [result.holds, result.measured === null ? null : formatMeasured(claim, result.measured)];
  }));
}

/** Where a claim stands in this run, in a few words. */
function verdictText(holds: ClaimResult['holds'], shown: string | null, claim: Claim): string {
  const step = 'atStep' in claim ? claim.atStep : claim.untilStep;
  if (holds === null || shown === null) return `checked at step ${step.toLocaleString('en-US')}`;
  return `${holds ? 'holds' : 'does not hold'} in this run: ${shown}`;
}

/** The claims list under the selected preset's summary. */
export function PresetClaims({ preset }: { preset: Preset }) {
  const config = useFrameValue((s) => s.config);
  const results = JSON.parse(useFrameValue((s) => liveResults(s, preset.claims))) as [boolean | null, string | null][];
  const changed = changedFromPreset(config, preset.id);
  const holding = results.filter(([holds]) => holds === true).length;
  const failing = results.filter(([holds]) => holds === false).length;
  const pending = results.length - holding - failing;
  return (
    <details className="preset-claims" data-testid="preset-claims">
      <summary>
        {`What this preset claims, checked live: ${holding} of ${results.length} hold${failing > 0 ? `, ${failing} do not` : ''}${pending > 0 ? `, ${pending} not reached yet` : ''}`}
      </summary>
      {changed.length > 0 && (
        <p className="preset-claims-note">
          {`You changed ${changed.join(', ')}: the claims below were checked for the preset as it is, and may not hold here.`}
        </p>
      )}
      <p className="preset-claims-note">Each sentence of the summary is one of these checks; the test suite runs them headless on two seeds (<code>npm run experiment -- claims --seed N</code>).</p>
      <ul>
        {preset.claims.map((claim, i) => {
          const [holds, shown] = results[i] ?? [null, null];
          const state = holds === null ? 'pending' : holds ? 'holds' : 'fails';
          return (
            <li key={i} className={`claim claim-${state}`} data-claim-state={state}>
              <span className="claim-mark" aria-hidden="true">{holds === null ? '…' : holds ? '✓' : '✗'}</span>
              <span>{claimText(claim)}</span>
              <span className="claim-verdict">{` (${verdictText(holds, shown, claim)})`}</span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
