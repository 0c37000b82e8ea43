/**
 * Predict, then reveal: the step's question with its choices; once the student has picked one, the
 * live run answers through the step's claim (./prediction.ts), at the step the claim is read at.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useFrameValue } from '../useLive.ts';
import { useExperimentStore } from '../../store/index.ts';
import { changedFromPreset, reachedStep, liveSeries } from './liveClaims.ts';
import { prefersReducedMotion } from './tourTargets.ts';
import { reveal, revealSentences } from './prediction.ts';
import type { Reveal } from './prediction.ts';
import type { GuidePrediction } from './steps.ts';

const grouped = (step: number): string => step.toLocaleString('en-US');

/** The question, the choices, then the answer; `children` (what to look at) once the student has predicted. */
export function PredictStep({ prediction, preset, picked, onPick, children }: {
  prediction: GuidePrediction;
  /** The step's preset: the claim was written for it as it is. */
  preset: string;
  picked: number | null;
  onPick: (choice: number) => void;
  children: ReactNode;
}) {
  // Compared as text, so the card re-renders when the answer or the step shown changes, not every frame.
  const live = JSON.parse(useFrameValue((s) => JSON.stringify([reveal(prediction, liveSeries(s)), reachedStep(s)]))) as [Reveal, number];
  const [result, step] = live;
  const changed = useExperimentStore((s) => changedFromPreset(s.config, preset).join(', '));
  // Once picked, and again when the run answers, the card's text scrolls to the answer (the card
  // only: the page keeps the chart in view). On a phone the card is short.
  const revealRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const reveal = revealRef.current;
    const body = reveal?.closest<HTMLElement>('.guide-body');
    if (!reveal || !body) return;
    const offset = reveal.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
    if (offset > 0) body.scrollTo?.({ top: body.scrollTop + offset, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [picked, result.type]);

  return (
    <div className="guide-predict">
      <p className="guide-question" id="guide-question"><strong>Predict first.</strong> {prediction.question}</p>
      <div className="guide-choices" role="group" aria-labelledby="guide-question">
        {prediction.choices.map((choice, i) => (
          <button
            key={choice.label}
            type="button"
            aria-pressed={picked === i}
            disabled={picked !== null && picked !== i}
            onClick={() => onPick(i)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {picked === null ? (
        <p className="guide-hint">Pick one: the run on screen answers it.</p>
      ) : (
        <>
          <div ref={revealRef} className="guide-reveal" role="status" data-testid="guide-reveal" data-reveal={result.type === 'answered' ? (result.answer === picked ? 'agrees' : 'disagrees') : 'pending'}>
            {result.type === 'pending'
              ? <p>{`The run answers at step ${grouped(result.atStep)}; it is at step ${grouped(Math.min(step, result.atStep))}.`}</p>
              : revealSentences(prediction, picked, result).map((sentence) => <p key={sentence}>{sentence}</p>)}
            {changed !== '' && <p>{`You changed ${changed}: the claim was written for the preset as it is, so this run may answer differently.`}</p>}
          </div>
          {children}
        </>
      )}
    </div>
  );
}
