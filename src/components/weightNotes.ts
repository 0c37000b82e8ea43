/**
 * The weight-norm charts' series and notes, computed from the run (each test evaluation's RunPoint:
 * ||W_l|| and, where BN directly follows the layer, eta / ||W_l||^2), so the notes can never
 * contradict what the charts show.
 */
import type { Series } from '../charts/series.ts';
import type { NetworkId } from '../experiment/types.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';
import { networkLabels } from '../theme.ts';
import type { FigureNote } from './figureNotes.ts';
import { formatStep } from './runStatus.ts';

/** Which figure of a run point: the weight norm, or the effective step. */
export type WeightFigure = 'weightNorm' | 'effectiveStep';

type PointsOf = Pick<NetworkHistory, 'id' | 'testSteps' | 'testPoints'>;

/** `figure` of hidden layer `layerIdx` at each test evaluation of `network` (null where it has none). */
function valuesOf(network: PointsOf, layerIdx: number, figure: WeightFigure): (number | null)[] {
  return network.testSteps.map((_, i) => {
    const value = network.testPoints?.[i]?.[figure][layerIdx];
    return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
  });
}

/** One series per network with any value of `figure` for hidden layer `layerIdx` (a network no BN follows has no effective step). */
export function weightSeries(history: RunHistory | null, layerIdx: number, figure: WeightFigure): Series[] {
  return (history?.networks ?? []).flatMap((network) => {
    const ys = valuesOf(network, layerIdx, figure);
    return ys.some((v) => v !== null) ? [{ id: network.id, xs: network.testSteps, ys }] : [];
  });
}

/** A figure with two significant digits, never in exponent notation. */
export function formatWeightFigure(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) return '< 0.0001';
  return String(Number(value.toPrecision(2)));
}

/** The first and the latest value at or before `step` of a series, with their steps; null when it has none. */
function span(series: Series, step: number): { first: number; firstStep: number; last: number; lastStep: number } | null {
  let first: { value: number; step: number } | null = null;
  let last: { value: number; step: number } | null = null;
  for (let i = 0; i < series.xs.length && series.xs[i] <= step; i++) {
    const value = series.ys[i];
    if (value === null || !Number.isFinite(value)) continue;
    first ??= { value, step: series.xs[i] };
    last = { value, step: series.xs[i] };
  }
  return first && last ? { first: first.value, firstStep: first.step, last: last.value, lastStep: last.step } : null;
}

/** "grew 1.2x", "shrank to 0.29x", "about the same" for a change by `ratio`. */
function change(ratio: number): string {
  if (ratio >= 1.1) return `grew ${formatWeightFigure(ratio)}x`;
  if (ratio <= 1 / 1.1) return `shrank to ${formatWeightFigure(ratio)}x`;
  return 'about the same';
}

/**
 * The note of hidden layer `layerIdx`'s chart of `figure` at `markerStep` (null: the latest): each
 * network's value there, the network that changed most since its first evaluation, and in the
 * detail how each moved. For the effective step, says when no network has BN right after the layer.
 */
export function weightNote(history: RunHistory | null, layerIdx: number, figure: WeightFigure, markerStep: number | null): FigureNote | null {
  const step = markerStep ?? Number.POSITIVE_INFINITY;
  const spans = weightSeries(history, layerIdx, figure)
    .map((series) => ({ id: series.id, span: span(series, step) }))
    .filter((s): s is { id: NetworkId; span: NonNullable<ReturnType<typeof span>> } => s.span !== null);
  if (spans.length === 0) {
    const evaluated = (history?.networks ?? []).some((n) => n.testPoints?.some((p) => p !== null));
    return figure === 'effectiveStep' && evaluated
      ? { text: 'No BN right after this layer', network: null, detail: 'The effective step η / ‖W‖² applies to a layer whose dense weights BN directly follows (scale-invariant); none of these networks has one here.' }
      : null;
  }
  const at = `at step ${formatStep(spans[0].span.lastStep)}`;
  const what = figure === 'weightNorm' ? '‖W‖' : 'η / ‖W‖²';
  const detail = spans.map(({ id, span: s }) =>
    `${networkLabels[id]}: ${what} ${formatWeightFigure(s.first)} at step ${formatStep(s.firstStep)}, ${formatWeightFigure(s.last)} at step ${formatStep(s.lastStep)} (${change(s.last / s.first)})`).join('; ');
  // The network whose figure moved most (in ratio, either way) since its first evaluation.
  const moved = spans.reduce((best, s) => (Math.abs(Math.log(s.span.last / s.span.first)) > Math.abs(Math.log(best.span.last / best.span.first)) ? s : best));
  const ratio = moved.span.last / moved.span.first;
  const text = ratio >= 1.1 || ratio <= 1 / 1.1
    ? `${networkLabels[moved.id]} ${change(ratio)} since step ${formatStep(moved.span.firstStep)}: ${formatWeightFigure(moved.span.last)} ${at}`
    : `${spans.map(({ id, span: s }) => `${networkLabels[id]} ${formatWeightFigure(s.last)}`).join(', ')} ${at}`;
  return { text, network: moved.id, detail: `${detail}.` };
}
