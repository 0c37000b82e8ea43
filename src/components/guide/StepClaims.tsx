/**
 * The outcomes a tour step states, as its preset's claims checked live against the run on screen:
 * a tick when one holds, a cross when it does not, the step it is read at until the run gets there.
 */
import { claimText, evaluateClaim, formatMeasured } from '../../experiment/claims.ts';
import type { Claim } from '../../experiment/claims.ts';
import type { ExperimentState } from '../../store/index.ts';
import { useFrameValue } from '../useLive.ts';
import { liveSeries } from './liveClaims.ts';

/** One string per frame, so the list re-renders only when a verdict or a shown figure changes. */
function verdicts(s: ExperimentState, claims: readonly Claim[]): string {
  const series = liveSeries(s);
  return JSON.stringify(claims.map((claim) => {
    const result = evaluateClaim(claim, series);
    return [result.holds, result.measured === null ? null : formatMeasured(claim, result.measured)];
  }));
}

/** The step's claims with their live verdicts. */
export function StepClaims({ claims }: { claims: readonly Claim[] }) {
  const results = JSON.parse(useFrameValue((s) => verdicts(s, claims))) as [boolean | null, string | null][];
  if (claims.length === 0) return null;
  return (
    <details className="guide-claims preset-claims" data-testid="guide-claims">
      <summary>{`Checked in this run: ${results.filter(([holds]) => holds === true).length} of ${claims.length} hold`}</summary>
      <ul>
        {claims.map((claim, i) => {
          const [holds, shown] = results[i] ?? [null, null];
          const state = holds === null ? 'pending' : holds ? 'holds' : 'fails';
          const step = 'atStep' in claim ? claim.atStep : claim.untilStep;
          return (
            <li key={i} className={`claim claim-${state}`} data-claim-state={state}>
              <span className="claim-mark" aria-hidden="true">{holds === null ? '…' : holds ? '✓' : '✗'}</span>
              <span>
                {claimText(claim)}
                <span className="claim-verdict">
                  {holds === null || shown === null ? ` (checked at step ${step.toLocaleString('en-US')})` : ` (${holds ? 'holds' : 'does not hold'}: ${shown})`}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
