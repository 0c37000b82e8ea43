/**
 * The guided path for self-study: "Start the tour", then one step at a time. Going to a step
 * sets up its experiment (its preset, and the lab job it talks about), brings the chart it talks
 * about into view and outlines it (data-tour-focus), and keeps the step's number in the link
 * (`guide=N`), so a teacher can send students straight to step N. While open, the card stays in
 * view: sticky in the side column, a bottom sheet on a narrow screen. Some steps ask for a
 * prediction first; the live run answers (./PredictStep.tsx).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { presetById } from '../../experiment/presets.ts';
import { useExperimentStore } from '../../store/index.ts';
import { useLabStore } from '../../store/lab.ts';
import { reportLinkProblems } from '../../store/linkNotice.ts';
import { guideProblem, readGuideStep, writeGuideStep } from './guideUrl.ts';
import { LabStep } from './LabStep.tsx';
import { openLabJob } from './openLab.ts';
import { PredictStep } from './PredictStep.tsx';
import { StepClaims } from './StepClaims.tsx';
import { GUIDE_STEPS } from './steps.ts';
import type { GuideStep } from './steps.ts';
import type { TourTarget } from './tourTargets.ts';
import { useTourFocus } from './useTourFocus.ts';
import './guide.css';

/** Set up `step`'s experiment: its preset (unless it is already running it, so a step that reuses the run keeps it) and its lab job. */
function setUp(step: GuideStep, force: boolean): void {
  const { presetId, actions } = useExperimentStore.getState();
  if (force || presetId !== step.preset) actions.applyPreset(step.preset);
  if (step.lab) openLabJob(step.lab.job);
}

/** The guided path panel. */
export function GuidedPath() {
  const [index, setIndex] = useState<number | null>(() => readGuideStep(window.location.search, GUIDE_STEPS.length));
  // Each visit to a step scrolls to its chart again, even the same step twice.
  const [visit, setVisit] = useState(0);
  // The chart the step points at, until its lab result takes over.
  const [pointAt, setPointAt] = useState<TourTarget | null>(null);
  // The student's prediction per step (kept while the tour is open, so Back shows it again).
  const [picks, setPicks] = useState<Record<number, number>>({});
  const [collapsed, setCollapsed] = useState(false);
  const cardRef = useRef<HTMLElement | null>(null);
  const bodyRef = useRef<HTMLDivElement | null>(null);

  // Before the link's guide value is written over: a value that is not a step goes in the link's notice.
  useEffect(() => {
    const problem = guideProblem(window.location.search, GUIDE_STEPS.length);
    if (problem !== null) reportLinkProblems([problem]);
    // A link to a step with a lab job opens it, unless the link names a lab job of its own.
    const opened = readGuideStep(window.location.search, GUIDE_STEPS.length);
    const lab = opened === null ? undefined : GUIDE_STEPS[opened].lab;
    if (lab && useLabStore.getState().jobId === null) openLabJob(lab.job);
  }, []);
  useEffect(() => writeGuideStep(index), [index]);
  // A new step's text starts at its title, not where the last one was scrolled to.
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
  }, [index]);

  const step = index === null ? null : GUIDE_STEPS[index];
  // A prediction's chart is veiled until the student has picked an answer.
  const veiled = index !== null && step?.prediction !== undefined && picks[index] === undefined && pointAt === null;
  useTourFocus(step === null ? null : pointAt ?? step.focus, visit, cardRef, veiled);
  const showResult = useCallback(() => {
    setPointAt('lab-result');
    setVisit((v) => v + 1);
  }, []);

  const go = (next: number): void => {
    setIndex(next);
    setPointAt(null);
    setVisit((v) => v + 1);
    setUp(GUIDE_STEPS[next], false);
  };
  const close = (): void => {
    setIndex(null);
    setPicks({});
  };

  if (index === null || step === null) {
    return (
      <section className="panel guide" aria-labelledby="guide-title">
        <h2 id="guide-title">Guided tour</h2>
        <p className="guide-intro">
          {GUIDE_STEPS.length} short experiments, from the 2015 paper&apos;s claim to the 2018 evidence against its explanation. Each step sets itself up, points at its chart, and some ask you to predict first.
        </p>
        <button type="button" className="primary" onClick={() => go(0)}>Start the tour</button>
      </section>
    );
  }

  const look = (
    <>
      <p className="guide-look-head">Look at:</p>
      <ul className="guide-look">
        {step.look.map((line) => <li key={line}>{line}</li>)}
      </ul>
      <StepClaims claims={step.claims} />
    </>
  );
  const last = index === GUIDE_STEPS.length - 1;
  return (
    <section
      ref={cardRef}
      className={`panel guide guide-open${collapsed ? ' guide-collapsed' : ''}`}
      aria-labelledby="guide-title"
      data-testid="tour-card"
    >
      <div className="guide-head">
        <h2 id="guide-title">Guided tour</h2>
        <p className="guide-progress" aria-live="polite">Step {index + 1} of {GUIDE_STEPS.length}</p>
        <button type="button" className="guide-collapse" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? 'Show text' : 'Hide text'}
        </button>
      </div>
      <div className="guide-body" ref={bodyRef}>
        <h3 className="guide-step-title">{step.title}</h3>
        {step.text.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
        {step.prediction ? (
          <PredictStep
            key={`predict-${index}`}
            prediction={step.prediction}
            preset={step.preset}
            picked={picks[index] ?? null}
            onPick={(choice) => setPicks((p) => ({ ...p, [index]: choice }))}
          >
            {look}
          </PredictStep>
        ) : look}
        {step.lab && <LabStep key={`lab-${index}`} lab={step.lab} onResult={showResult} />}
        <p className="guide-running">
          Running: <strong>{presetById(step.preset)?.title ?? step.preset}</strong>
          {' '}
          <button type="button" onClick={() => { setUp(step, true); setPointAt(null); setVisit((v) => v + 1); }}>Restart it</button>
        </p>
      </div>
      <nav className="guide-nav" aria-label="Guided tour steps">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>Back</button>
        <button type="button" onClick={close}>Close tour</button>
        <button type="button" className="primary" onClick={() => go(index + 1)} disabled={last} title={last ? 'This is the last step' : undefined}>Next</button>
      </nav>
    </section>
  );
}
