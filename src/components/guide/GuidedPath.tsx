/**
 * The guided path for self-study: "Start the tour", then one step at a time. Going to a step
 * sets up its experiment (its preset, and the lab job it talks about), and the step's number
 * stays in the link (`guide=N`), so a teacher can send students straight to step N.
 */
import { useEffect, useState } from 'react';
import { presetById } from '../../experiment/presets.ts';
import { useExperimentStore } from '../../store/index.ts';
import { openLabJob } from './openLab.ts';
import { GUIDE_STEPS } from './steps.ts';
import type { GuideStep } from './steps.ts';
import { reportLinkProblems } from '../../store/linkNotice.ts';
import { guideProblem, readGuideStep, writeGuideStep } from './guideUrl.ts';
import './guide.css';

/** Set up `step`'s experiment: its preset (unless it is already running it, so a step that reuses the run keeps it) and its lab job. */
function setUp(step: GuideStep, force: boolean): void {
  const { presetId, actions } = useExperimentStore.getState();
  if (force || presetId !== step.preset) actions.applyPreset(step.preset);
  if (step.lab) openLabJob(step.lab);
  document.getElementById(step.focus)?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
}

/** The guided path panel. */
export function GuidedPath() {
  const [index, setIndex] = useState<number | null>(() => readGuideStep(window.location.search, GUIDE_STEPS.length));
  // Before the link's guide value is written over: a value that is not a step goes in the link's notice.
  useEffect(() => {
    const problem = guideProblem(window.location.search, GUIDE_STEPS.length);
    if (problem !== null) reportLinkProblems([problem]);
  }, []);
  useEffect(() => writeGuideStep(index), [index]);

  const go = (next: number): void => {
    setIndex(next);
    setUp(GUIDE_STEPS[next], false);
  };

  if (index === null) {
    return (
      <section className="panel guide" aria-labelledby="guide-title">
        <h2 id="guide-title">Guided tour</h2>
        <p className="guide-intro">
          {GUIDE_STEPS.length} short experiments, from the 2015 paper&apos;s claim to the 2018 evidence against its explanation. Each step sets itself up.
        </p>
        <button type="button" className="primary" onClick={() => go(0)}>Start the tour</button>
      </section>
    );
  }

  const step = GUIDE_STEPS[index];
  return (
    <section className="panel guide" aria-labelledby="guide-title">
      <h2 id="guide-title">Guided tour</h2>
      <p className="guide-progress" aria-live="polite">Step {index + 1} of {GUIDE_STEPS.length}</p>
      <h3 className="guide-step-title">{step.title}</h3>
      {step.text.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
      <p className="guide-look-head">Look at:</p>
      <ul className="guide-look">
        {step.look.map((line) => <li key={line}>{line}</li>)}
      </ul>
      <p className="guide-running">
        Running: <strong>{presetById(step.preset)?.title ?? step.preset}</strong>
        {' '}
        <button type="button" onClick={() => setUp(step, true)}>Restart it</button>
      </p>
      <nav className="guide-nav" aria-label="Guided tour steps">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>Back</button>
        <button type="button" onClick={() => setIndex(null)}>Close tour</button>
        <button type="button" className="primary" onClick={() => go(index + 1)} disabled={index === GUIDE_STEPS.length - 1}>Next</button>
      </nav>
    </section>
  );
}
