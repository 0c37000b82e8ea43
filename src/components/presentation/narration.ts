/**
 * The narration caption, from the live history only: for each network, how far the tracked unit's
 * input (the paper's Figure 1 b, c) moved since narration began, its 15-85% spread then and now,
 * and the latest test accuracy. Numbers, not verdicts: why BN helps is disputed (PAPER.md).
 */
import { columnIndexAt } from '../../charts/timeAxis.ts';
import type { NetworkId, TrackedPercentiles } from '../../experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../../store/types.ts';
import { networkLabels } from '../../theme.ts';
import { formatStep } from '../runStatus.ts';

/**
 * Where narration began: per network, the step its figures are compared with (each network trains
 * in its own worker and may be a few steps ahead of the other), in one run, for one tracked unit.
 */
export interface NarrationAnchor {
  runId: number;
  steps: Partial<Record<NetworkId, number>>;
  layer: number;
  unit: number;
}

/** A caption: a heading line and one line per network. */
export interface NarrationCaption {
  /** The step of the network furthest behind (the step counter's). */
  step: number;
  heading: string;
  lines: string[];
}

/** The honest footnote under every caption (PAPER.md section 2). */
export const NARRATION_NOTE = 'The 2015 paper reads a steadier input as less internal covariate shift; Santurkar et al. (2018) dispute that this is why BN helps.';

/** The anchor for narration starting now on `history`. */
export function anchorFor(history: RunHistory): NarrationAnchor {
  const steps: Partial<Record<NetworkId, number>> = {};
  for (const net of history.networks) steps[net.id] = lastStepOf(net);
  return { runId: history.runId, steps, layer: history.tracked.layer, unit: history.tracked.unit };
}

/** True when `anchor` still describes `history`'s run and tracked unit (otherwise narration starts over). */
export function anchorFits(anchor: NarrationAnchor, history: RunHistory): boolean {
  return anchor.runId === history.runId && anchor.layer === history.tracked.layer && anchor.unit === history.tracked.unit;
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

/** A number with two decimals and a true minus sign. */
function fixed(v: number): string {
  const text = Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2);
  return text.replace('-', '−');
}

/** The kept percentiles at or before `step` (the first kept ones when `step` precedes them), with the step they belong to. */
function percentilesAt(net: NetworkHistory, step: number): { step: number; p: TrackedPercentiles } | null {
  for (let i = columnIndexAt(net.steps, step); i >= 0; i--) {
    const p = net.tracked[i];
    if (p && Number.isFinite(p.p15) && Number.isFinite(p.p50) && Number.isFinite(p.p85)) return { step: net.steps[i] ?? 0, p };
  }
  return null;
}

/** The latest test evaluation: accuracy and its step. */
function latestTest(net: NetworkHistory): { step: number; accuracy: number } | null {
  for (let i = net.testAccuracy.length - 1; i >= 0; i--) {
    const accuracy = net.testAccuracy[i];
    if (accuracy !== undefined && Number.isFinite(accuracy)) return { step: net.testSteps[i] ?? 0, accuracy };
  }
  return null;
}

/** One network's line of the caption, its changes counted from its own `anchorStep`. */
function networkLine(net: NetworkHistory, anchorStep: number): string {
  const nowStep = lastStepOf(net);
  const name = networkLabels[net.id];
  const test = latestTest(net);
  const accuracy = test ? `test accuracy ${(test.accuracy * 100).toFixed(1)}% (step ${formatStep(test.step)})` : 'no test accuracy yet';
  if (net.status.type === 'diverged') return `${name}: diverged at step ${formatStep(net.status.step)}; ${accuracy}.`;
  const now = percentilesAt(net, nowStep);
  if (!now) return `${name}: no input percentiles yet; ${accuracy}.`;
  const then = percentilesAt(net, anchorStep);
  const spreadNow = now.p.p85 - now.p.p15;
  if (!then || then.step >= now.step) {
    return `${name} (step ${formatStep(now.step)}): median input ${fixed(now.p.p50)}, 15–85% spread ${fixed(spreadNow)}; ${accuracy}.`;
  }
  const moved = Math.abs(now.p.p50 - then.p.p50);
  const spreadThen = then.p.p85 - then.p.p15;
  return `${name} (step ${formatStep(then.step)} → ${formatStep(now.step)}): median input moved ${fixed(moved)} `
    + `(${fixed(then.p.p50)} → ${fixed(now.p.p50)}), 15–85% spread ${fixed(spreadThen)} → ${fixed(spreadNow)}; ${accuracy}.`;
}

/** Which hidden layer, in words: "hidden layer 3 (the last)". */
function layerName(layer: number, depth: number): string {
  return `hidden layer ${layer + 1}${layer === depth - 1 ? ' (the last)' : ''}`;
}

/** The caption for `history` now, each network's changes counted from its step in `anchor` (which must fit: anchorFits). */
export function describeNarration(history: RunHistory, anchor: NarrationAnchor): NarrationCaption {
  const now = slowestStep(history);
  const unit = `${layerName(history.tracked.layer, history.hiddenUnits.length)}, unit ${history.tracked.unit}`;
  const heading = `Step ${formatStep(now)}: the input of ${unit}`;
  return { step: now, heading, lines: history.networks.map((net) => networkLine(net, anchor.steps[net.id] ?? 0)) };
}
