/**
 * One sentence per lab result saying what this run shows, computed from the result itself, so a
 * job's text can never promise what its own result contradicts (the paper's expectation is in
 * the job's summary; this is what happened here, on this small network).
 */
import type { NetworkId } from '../experiment/types.ts';
import { summarizeSmoothness } from './santurkarSummary.ts';
import type { SmoothnessResult } from './smoothness.ts';
import type { SweepResult } from './sweeps.ts';

const NAMES: Record<NetworkId, string> = {
  plain: 'without BN', bn: 'with BN', noisy: 'with BN + noise', 'bn-after': 'with BN after the nonlinearity',
  ghost: 'with ghost BN', ln: 'with LayerNorm', gn: 'with GroupNorm',
};

/** A training run counts as working when its test accuracy is at least this share of the best run's. */
const WORKING_SHARE = 0.8;

const number = (value: number): string => String(Number(value.toPrecision(3)));

/**
 * The sweep's swept values where each network still trains (not diverged, test accuracy at least
 * 80% of its best in the sweep), and the first value above them where it fails.
 */
export function sweepVerdict(result: SweepResult): string {
  const what = result.setting === 'learningRate' ? 'learning rate' : 'init scale';
  const parts = result.networks.map((id) => {
    const outcomes = result.points.map((point) => point.networks[id]);
    const best = outcomes.reduce((max, o) => Math.max(max, o?.testAccuracy ?? 0), 0);
    const works = (i: number) => {
      const o = outcomes[i];
      return !!o && o.divergedAt === null && o.testAccuracy !== null && o.testAccuracy >= WORKING_SHARE * best && best > 0;
    };
    const working = result.points.map((_, i) => i).filter(works);
    if (working.length === 0) return `${NAMES[id]} no ${what} trained`;
    const highest = working[working.length - 1];
    const failing = result.points.findIndex((_, i) => i > highest && !works(i));
    const blewUp = failing >= 0 && outcomes[failing]?.divergedAt !== null;
    const top = `${NAMES[id]} it trained up to ${number(result.points[highest].value)}`;
    if (failing < 0) return `${top}, the highest tried`;
    return `${top} and ${blewUp ? 'blew up' : 'stopped learning'} at ${number(result.points[failing].value)}`;
  });
  return `In this run: ${parts.join('; ')} (a run "trains" when it reaches 80% of its best test accuracy in the sweep).`;
}

/** Whether this run's median effective beta-smoothness agrees with Santurkar et al. (smaller with BN), and by how much. */
export function smoothnessVerdict(result: SmoothnessResult): string {
  const summaries = summarizeSmoothness(result);
  const beta = (id: NetworkId) => summaries.find((s) => s.id === id)?.beta ?? null;
  const plain = beta('plain');
  const bn = beta('bn');
  if (plain === null || bn === null) return 'In this run: one of the networks has no β to compare (it diverged).';
  const figures = `median β ${number(bn)} with BN against ${number(plain)} without`;
  if (bn < plain) return `In this run: ${figures}: smoother with BN, as Santurkar et al. found.`;
  return `In this run: ${figures}: not smoother with BN here, unlike Santurkar et al.'s VGG and deep linear networks. `
    + 'A network stalled on a plateau (the plain sigmoid one, for its first ~1,500 steps on the paper preset) has a flat landscape '
    + 'because it is not learning; but with ReLU units, where both train, this small network still measures β a little larger with BN.';
}
