/**
 * The narration caption, from the live history only, about what the slide shows at the marked step
 * (the scrubbed one, or the latest): Figure 1 (a) who leads in test accuracy, (b, c) whether each
 * tracked input drifts, both in the very words of the notes on the charts (figureNotes.ts), and the
 * tracked layer's saturation as its chart's caption prints it. Every range is measured over the window
 * the charts draw, steps 0 to the marked step, never since some later moment.
 *
 * A sentence that claims an outcome ("BN's input moved less") rests on a claim of
 * src/experiment/claims.ts, measured on the same history as the presets' claims; when the run does not
 * bear it out, the caption says so instead. Numbers, not verdicts on why: that is disputed (PAPER.md).
 */
import { evaluateClaim } from '../../experiment/claims.ts';
import type { Claim, ClaimResult } from '../../experiment/claims.ts';
import type { NetworkId } from '../../experiment/types.ts';
import { columnIndexAt } from '../../charts/timeAxis.ts';
import { formatFigure, layerFigures } from '../../charts/layerStats.ts';
import { percentileSeries } from '../../charts/series.ts';
import { claimSeriesOfHistory } from '../../store/claimSeries.ts';
import type { NetworkHistory, RunHistory } from '../../store/types.ts';
import { networkLabels } from '../../theme.ts';
import { accuracyLeadNote, driftNote, formatNoteNumber } from '../figureNotes.ts';
import { formatStep } from '../runStatus.ts';

/** A caption: a heading line, one line per figure, and the claims its outcome sentences rest on. */
export interface NarrationCaption {
  /** The step it describes: the marked step, or the step of the network furthest behind (the step counter's). */
  step: number;
  heading: string;
  lines: string[];
  /** Each outcome sentence's claim, measured on the same history (every one holds, or the sentence says it does not). */
  claims: { claim: Claim; result: ClaimResult }[];
}

/** How narration began: replaying the run from step 0 (it was further on), or from a run at step 0. */
export type NarrationStart = 'replay' | 'fresh';

/** The honest footnote under every caption (PAPER.md section 2). */
export const NARRATION_NOTE = 'The 2015 paper reads a steadier input as less internal covariate shift; Santurkar et al. (2018) dispute that this is why BN helps.';

/** Chunk sizes narration steps by: small while the early steps change fast, larger later. */
const CHUNKS = [20, 50, 100, 200, 500] as const;

/** Steps narration takes at once from `step`: the largest of CHUNKS within a twentieth of the step (20 up to step 999). */
export function narrationChunk(step: number): number {
  const room = Number.isFinite(step) ? step / 20 : 0;
  let chunk: number = CHUNKS[0];
  for (const c of CHUNKS) if (c <= room) chunk = c;
  return chunk;
}

/** A network's latest kept step (0 for none). */
function lastStepOf(net: NetworkHistory): number {
  const s = net.steps[net.steps.length - 1];
  return s !== undefined && Number.isFinite(s) ? s : 0;
}

/** The step of the network furthest behind, as the step counter shows it (0 for none). */
export function slowestStep(history: RunHistory): number {
  return history.networks.length === 0 ? 0 : Math.min(...history.networks.map(lastStepOf));
}

/** Which hidden layer, in words: "hidden layer 3 (the last)". */
function layerName(layer: number, depth: number): string {
  return `hidden layer ${layer + 1}${layer === depth - 1 ? ' (the last)' : ''}`;
}

/** The letter of the `i`-th percentile chart: (b), (c), (d). */
const letter = (i: number): string => String.fromCharCode(98 + i);

/** `claim` measured on `history`, as the presets' live claims are. */
function measure(claim: Claim, history: RunHistory): { claim: Claim; result: ClaimResult } {
  const series = (id: NetworkId) => {
    const net = history.networks.find((n) => n.id === id);
    return net ? claimSeriesOfHistory(net) : undefined;
  };
  return { claim, result: evaluateClaim(claim, series) };
}

/** The latest test evaluation both the plain and the BN network made at or before `marker` (null: the latest), with their accuracies. */
function commonEvaluation(history: RunHistory, marker: number | null): { step: number; plain: number; bn: number } | null {
  const plain = history.networks.find((n) => n.id === 'plain');
  const bn = history.networks.find((n) => n.id === 'bn');
  if (!plain || !bn) return null;
  const limit = marker ?? Number.POSITIVE_INFINITY;
  for (let i = bn.testSteps.length - 1; i >= 0; i--) {
    const step = bn.testSteps[i];
    if (step > limit) continue;
    const j = plain.testSteps.indexOf(step);
    const [a, b] = [bn.testAccuracy[i], j >= 0 ? plain.testAccuracy[j] : NaN];
    if (Number.isFinite(a) && Number.isFinite(b)) return { step, plain: b, bn: a };
  }
  return null;
}

/** (a): the accuracy note of the chart, with both figures; who leads rests on an accuracyLead claim at that evaluation. */
function accuracyLine(history: RunHistory, marker: number | null, claims: NarrationCaption['claims']): string {
  const note = accuracyLeadNote(history.networks, marker);
  const at = commonEvaluation(history, marker);
  if (!note || !at) return '(a) No test evaluation of both networks yet.';
  if (note.network !== null) {
    // Ahead by at least half a point: the note's rounded lead is then one point or more.
    const over: NetworkId = note.network === 'bn' ? 'plain' : 'bn';
    claims.push(measure({ type: 'accuracyLead', network: note.network, over, atStep: at.step, points: 0.5 }, history));
  }
  return `(a) ${note.text}: ${networkLabels.bn} ${Math.round(at.bn * 100)}%, ${networkLabels.plain} ${Math.round(at.plain * 100)}%.`;
}

/** (b, c): each network's drift note, as written on its chart. */
function driftLine(history: RunHistory, marker: number | null): string {
  const parts = history.networks.map((net, i) => {
    const name = `(${letter(i)}) ${networkLabels[net.id]}`;
    if (net.status.type === 'diverged' && (marker === null || net.status.step <= marker)) return `${name} diverged at step ${formatStep(net.status.step)}`;
    const note = driftNote(percentileSeries(net), marker);
    return note ? `${name} ${note.text}` : `${name}: too few snapshots yet`;
  });
  return `${parts.join('; ')}.`;
}

/**
 * The comparison of the two medians' ranges over steps 0..`untilStep`, on a medianRangeRatio claim: the plain
 * network's range at least 1.5 times BN's, or BN's at least 1.5 times the plain one's (the run then does not
 * favour BN, and the caption says so), or neither.
 */
function comparisonLine(history: RunHistory, untilStep: number, claims: NarrationCaption['claims']): string | null {
  const has = (id: NetworkId) => history.networks.some((n) => n.id === id && n.status.type !== 'diverged');
  if (!has('plain') || !has('bn') || untilStep <= 0) return null;
  const window = `Over steps 0–${formatStep(untilStep)}`;
  const plainOver = measure({ type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep, times: 1.5 }, history);
  const bnOver = measure({ type: 'medianRangeRatio', network: 'bn', over: 'plain', untilStep, times: 1.5 }, history);
  const range = (id: NetworkId): number | null => measure({ type: 'medianRange', network: id, untilStep, atLeast: 0 }, history).result.measured;
  const [rp, rb] = [range('plain'), range('bn')];
  if (rp === null || rb === null || plainOver.result.measured === null || bnOver.result.measured === null) return null;
  if (plainOver.result.holds) {
    claims.push(plainOver);
    return `${window} the plain network's median moved across ${formatNoteNumber(plainOver.result.measured)} times the range of BN's (${formatNoteNumber(rp)} against ${formatNoteNumber(rb)}).`;
  }
  if (bnOver.result.holds) {
    claims.push(bnOver);
    return `${window} BN's median moved across ${formatNoteNumber(bnOver.result.measured)} times the range of the plain network's (${formatNoteNumber(rb)} against ${formatNoteNumber(rp)}): this run does not show a steadier input with BN.`;
  }
  return `${window} the two medians moved across similar ranges in the input's units (${networkLabels.plain} ${formatNoteNumber(rp)}, ${networkLabels.bn} ${formatNoteNumber(rb)}).`;
}

/** The tracked layer's saturated share per network, as its chart's caption prints it at the marked step. */
function layerLine(history: RunHistory, marker: number | null, saturates: boolean): string | null {
  if (!saturates) return null;
  const layer = history.tracked.layer;
  const parts = history.networks.map((net) => {
    const index = columnIndexAt(net.steps, marker ?? lastStepOf(net));
    return `${networkLabels[net.id]} ${formatFigure(layerFigures(net.layers[layer], index).saturation, true)}`;
  });
  return `Layer ${layer + 1} inputs saturated (|x| > 4): ${parts.join(', ')}.`;
}

/**
 * The caption for `history` at `marker` (the scrubbed step; null: the latest). `start` says how narration began;
 * `saturates`: the activation saturates (sigmoid, tanh), so the layer charts print a saturated share.
 * Two lines: Figure 1 (a) and (b, c) as their notes say; the comparison of the medians and the layer's saturation.
 */
export function describeNarration(history: RunHistory, options: { marker?: number | null; start?: NarrationStart; saturates?: boolean } = {}): NarrationCaption {
  const marker = options.marker ?? null;
  const latest = slowestStep(history);
  const step = marker === null ? latest : Math.min(marker, latest);
  const unit = `unit ${history.tracked.unit} of ${layerName(history.tracked.layer, history.hiddenUnits.length)}`;
  const start = options.start === 'replay' ? ' (replaying this run from step 0)' : '';
  const heading = `Step ${formatStep(step)}${start}: Figure 1 (b, c) follows ${unit}.`;
  const claims: NarrationCaption['claims'] = [];
  const join = (...parts: (string | null)[]): string => parts.filter((p): p is string => p !== null).join(' ');
  const lines = [
    join(accuracyLine(history, marker, claims), driftLine(history, marker)),
    join(comparisonLine(history, step, claims), layerLine(history, marker, options.saturates !== false)),
  ].filter((line) => line !== '');
  return { step, heading, lines, claims };
}
