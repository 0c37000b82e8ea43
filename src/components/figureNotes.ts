/**
 * The small notes written on Figure 1, computed from the run at the marked step, so they can never
 * contradict what the charts show: who leads in test accuracy and by how much (a), and whether the
 * tracked unit's input drifts or stays put (b, c).
 */
import type { PercentileSeries } from '../charts/series.ts';
import type { NetworkId } from '../experiment/types.ts';
import type { NetworkHistory } from '../store/types.ts';
import { networkLabels } from '../theme.ts';
import { SHIFT_WINDOW_STEPS } from '../experiment/shift.ts';
import { formatStep } from './runStatus.ts';

/** A note and the network it speaks for (its colour); `detail` defines its figure, for a tooltip. */
export interface FigureNote {
  text: string;
  network: NetworkId | null;
  detail: string;
}

/** A figure for a note: two significant digits, a true minus sign, never exponent notation. */
export function formatNoteNumber(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.01) return v > 0 ? '< 0.01' : '> −0.01';
  const rounded = Number(v.toPrecision(2));
  const text = Math.abs(rounded) >= 1000 ? formatStep(Math.abs(rounded)) : String(Math.abs(rounded));
  return rounded < 0 ? `−${text}` : text;
}

type Accuracies = Pick<NetworkHistory, 'id' | 'testSteps' | 'testAccuracy'>;

/** Index of the last entry of ascending `steps` at or before `step`, or -1. */
function lastAtOrBefore(steps: readonly number[], step: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] <= step) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Figure 1 (a): "With BN ahead by 62 points at step 1,000", at the latest evaluation both networks
 * made at or before `markerStep` (null: the latest). Level when under one point apart; null before both were tested.
 */
export function accuracyLeadNote(networks: readonly Accuracies[], markerStep: number | null): FigureNote | null {
  const bn = networks.find((n) => n.id === 'bn');
  const plain = networks.find((n) => n.id === 'plain');
  if (!bn || !plain) return null;
  const plainAt = new Map(plain.testSteps.map((step, i) => [step, plain.testAccuracy[i]]));
  for (let i = lastAtOrBefore(bn.testSteps, markerStep ?? Number.POSITIVE_INFINITY); i >= 0; i--) {
    const step = bn.testSteps[i];
    const other = plainAt.get(step);
    const mine = bn.testAccuracy[i];
    if (other === undefined || !Number.isFinite(other) || !Number.isFinite(mine)) continue;
    const points = Math.round((mine - other) * 100);
    const at = `at step ${formatStep(step)}`;
    const detail = `Test accuracy ${at}: ${networkLabels.bn} ${Math.round(mine * 100)}%, ${networkLabels.plain} ${Math.round(other * 100)}%.`;
    if (points === 0) return { text: `Level ${at}`, network: null, detail };
    const leader: NetworkId = points > 0 ? 'bn' : 'plain';
    const size = Math.abs(points);
    return { text: `${networkLabels[leader]} ahead by ${size} point${size === 1 ? '' : 's'} ${at}`, network: leader, detail };
  }
  return null;
}

/**
 * Figure 1 (b, c): whether the tracked unit's input drifts, over steps 0..`untilStep` (null: all), in
 * multiples of its typical 15-85% spread (taken as at least a tenth of the value's size, at least 0.1, so
 * a frozen, saturated unit with no spread is not called drifting). It drifts when its median moved across
 * more than one spread; it has settled when it did but moved under a quarter spread over the later half of
 * the steps; otherwise it stays centred (within half a spread of 0, or 0.5) or stays near where it is.
 */
export function driftNote(series: PercentileSeries, untilStep: number | null): FigureNote | null {
  const limit = untilStep ?? Number.POSITIVE_INFINITY;
  const steps: number[] = [];
  const medians: number[] = [];
  const widths: number[] = [];
  for (let i = 0; i < series.xs.length && series.xs[i] <= limit; i++) {
    const [p15, p50, p85] = [series.p15[i], series.p50[i], series.p85[i]];
    if (p15 === null || p50 === null || p85 === null || !Number.isFinite(p15) || !Number.isFinite(p50) || !Number.isFinite(p85)) continue;
    steps.push(series.xs[i]);
    medians.push(p50);
    widths.push(p85 - p15);
  }
  if (medians.length < 3) return null;
  const lastStep = steps[steps.length - 1];
  const last = medians[medians.length - 1];
  const width = [...widths].sort((a, b) => a - b)[widths.length >> 1];
  const spread = Math.max(width, 0.1 * Math.max(1, Math.abs(last)));
  const span = (from: number): number => {
    // A history holds hundreds of snapshots: a loop, not a spread into Math.max (test/spreadScan.test.ts).
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < medians.length; i++) {
      if (steps[i] < from) continue;
      low = Math.min(low, medians[i]);
      high = Math.max(high, medians[i]);
    }
    return high - low;
  };
  const moved = span(Number.NEGATIVE_INFINITY);
  const ratio = moved / spread;
  const detail = `Over steps 0–${formatStep(lastStep)} the median moved across ${formatNoteNumber(moved)}, `
    + `${formatNoteNumber(ratio)} times its typical 15–85% spread of ${formatNoteNumber(width)}. `
    + 'It drifts when it moved more than one spread, has settled when it then moved under a quarter spread over the later half of the steps.';
  const times = `${formatNoteNumber(ratio)}× its spread`;
  if (ratio < 1) {
    const centred = Math.abs(last) <= Math.max(width / 2, 0.5);
    return { text: `${centred ? 'stays centred' : `stays near ${formatNoteNumber(last)}`}: median moved ${times}`, network: series.id, detail };
  }
  const recentSnapshots = steps.filter((step) => step >= lastStep / 2).length;
  // Two snapshots in the later half are enough to see a frozen unit (a slow network may send no more).
  if (recentSnapshots >= 2 && span(lastStep / 2) / spread < 0.25) {
    return { text: `settled at ${formatNoteNumber(last)} after moving ${times}`, network: series.id, detail };
  }
  return { text: `drifts: median moved ${times}`, network: series.id, detail };
}

type Shifts = Pick<NetworkHistory, 'id' | 'steps' | 'layers'>;

/** Snapshots of the two networks this many steps apart or closer count as the same moment (a tenth of the window). */
const SHIFT_MATCH_STEPS = SHIFT_WINDOW_STEPS / 10;

/** BN's shift must be this many times smaller than plain's for the note to call it steadier (and this many times larger to call plain steadier). */
const SHIFT_MARGIN = 1.25;

/**
 * A shift chart's note for hidden layer `layerIdx`: at the latest snapshot at or before `markerStep`
 * (null: the latest) that is a full 1,000-step window into the run, whether BN's inputs moved less
 * than plain's ("Steadier with BN: 0.4σ vs 2.1σ without"), about as much, or more: when the measure does
 * not favour BN, the note says so. Null until both networks have a full window at the same step.
 */
export function shiftNote(networks: readonly Shifts[], layerIdx: number, markerStep: number | null, windowSteps = SHIFT_WINDOW_STEPS): FigureNote | null {
  const bn = networks.find((n) => n.id === 'bn');
  const plain = networks.find((n) => n.id === 'plain');
  if (!bn || !plain) return null;
  // Each network trains in its own worker, so their snapshots fall on different steps: compare with
  // the plain network's latest snapshot at most SHIFT_MATCH_STEPS before BN's.
  for (let i = lastAtOrBefore(bn.steps, markerStep ?? Number.POSITIVE_INFINITY); i >= 0 && bn.steps[i] >= windowSteps; i--) {
    const step = bn.steps[i];
    const mine = bn.layers[layerIdx]?.drift[i];
    const j = lastAtOrBefore(plain.steps, step);
    const other = j >= 0 && step - plain.steps[j] <= SHIFT_MATCH_STEPS ? plain.layers[layerIdx]?.drift[j] : undefined;
    if (mine === undefined || other === undefined || !(mine > 0) || !(other > 0) || !Number.isFinite(mine) || !Number.isFinite(other)) continue;
    const [m, o] = [formatNoteNumber(mine), formatNoteNumber(other)];
    const figures = `${networkLabels.bn} ${m}σ, ${networkLabels.plain} ${o}σ`;
    const detail = `How far layer ${layerIdx + 1}'s inputs moved over steps ${formatStep(step - windowSteps)}-${formatStep(step)}, `
      + `in their own standard deviations: ${figures}.`;
    if (mine * SHIFT_MARGIN <= other) return { text: `Steadier with BN: ${m}σ vs ${o}σ without`, network: 'bn', detail };
    if (mine >= other * SHIFT_MARGIN) {
      return {
        text: `Not favouring BN here: ${m}σ with BN vs ${o}σ without`,
        network: 'plain',
        detail: `${detail} BN's inputs moved more here; Santurkar et al. (2018) found BN helps even when the shift is not smaller.`,
      };
    }
    return { text: `About equal: ${m}σ with BN, ${o}σ without`, network: null, detail };
  }
  return null;
}
