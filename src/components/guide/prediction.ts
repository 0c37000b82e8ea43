/**
 * Predict, then reveal: which answer the live run gives to a step's question, read from the
 * measured figure of one of its preset's claims (src/experiment/claims.ts), and the sentences that
 * say so, honestly when the run disagrees with the student or with the paper.
 */
import { evaluateClaim, formatMeasured } from '../../experiment/claims.ts';
import type { ClaimSeries } from '../../experiment/claims.ts';
import type { NetworkId } from '../../experiment/types.ts';
import type { GuidePrediction, PredictionChoice } from './steps.ts';

/** Whether `value` lies in the choice's range [min, max). */
export function inChoice(choice: PredictionChoice, value: number): boolean {
  return (choice.min === undefined || value >= choice.min) && (choice.max === undefined || value < choice.max);
}

/** The index of the choice the figure `value` falls in, or null (no choice covers it). */
export function choiceFor(prediction: GuidePrediction, value: number): number | null {
  const i = prediction.choices.findIndex((choice) => inChoice(choice, value));
  return i >= 0 ? i : null;
}

/** What the run says so far: not there yet (the step it is read at), or the answer. */
export type Reveal =
  | { type: 'pending'; atStep: number }
  | { type: 'answered'; measured: number; shown: string; answer: number | null; claimHolds: boolean };

/** The step a claim is read at. */
export function claimStep(prediction: GuidePrediction): number {
  const claim = prediction.claim;
  return 'atStep' in claim ? claim.atStep : claim.untilStep;
}

/** Read the prediction's answer off the run's series (`series(id)`, undefined for a network the run lacks). */
export function reveal(prediction: GuidePrediction, series: (id: NetworkId) => ClaimSeries | undefined): Reveal {
  const result = evaluateClaim(prediction.claim, series);
  if (result.measured === null || result.holds === null) return { type: 'pending', atStep: claimStep(prediction) };
  return {
    type: 'answered',
    measured: result.measured,
    shown: formatMeasured(prediction.claim, result.measured),
    answer: choiceFor(prediction, result.measured),
    claimHolds: result.holds,
  };
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The reveal as sentences: what the run shows, against the student's pick, against the paper. */
export function revealSentences(prediction: GuidePrediction, picked: number, result: Extract<Reveal, { type: 'answered' }>): string[] {
  const label = (i: number | null): string => (i === null ? 'none of the choices' : `"${prediction.choices[i].label}"`);
  const sentences = [`In this run, ${prediction.figure} is ${result.shown}: ${label(result.answer)}.`];
  sentences.push(result.answer === picked
    ? `You predicted ${label(picked)}: the run agrees.`
    : `You predicted ${label(picked)}: the run disagrees.`);
  sentences.push(result.claimHolds
    ? `${capital(prediction.source)} expects ${label(prediction.expected)}, and this run agrees.`
    : `${capital(prediction.source)} expects ${label(prediction.expected)}: this run disagrees. One run on one seed can; the test suite checks this claim on seeds 1 and 2.`);
  return sentences;
}
