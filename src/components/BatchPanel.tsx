/**
 * BN on a real batch: the tracked unit of the live BN network over the mini-batch of its latest
 * training step, through the four stages of Algorithm 1 (inputs, batch mean and variance,
 * normalised values, scaled and shifted output), with Algorithm 2's running estimates. The
 * picture (src/charts/BatchStagesChart.tsx) sits beside the formulas with the live numbers.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import './batchPanel.css';
import { BatchStagesChart } from '../charts/BatchStagesChart.tsx';
import { batchLabel, batchStages, formatCount, formatFixed, formatValue, stageDomains } from '../charts/batchStages.ts';
import type { BatchStages } from '../charts/batchStages.ts';
import { useContainerWidth } from '../charts/useContainerWidth.ts';
import { useInView } from '../charts/useInView.ts';
import type { BatchSample } from '../experiment/batchSample.ts';
import { useExperimentStore } from '../store/index.ts';
import type { ExperimentState } from '../store/index.ts';
import { batchChart } from '../theme.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';
import { useFrameValue } from './useLive.ts';

/**
 * "Recompute precise statistics" (./RecomputeStatistics.tsx): loaded with the panel's first run, outside the first paint's JS;
 * an experiment beyond the run like the lab's, so a classroom link that hides the lab hides it too.
 */
const RecomputeStatistics = lazy(() => import('./RecomputeStatistics.tsx').then((m) => ({ default: m.RecomputeStatistics })));

/** What decides whether there is a batch to show. */
export interface BatchPanelState {
  /** A run has started (the store has a history). */
  loaded: boolean;
  /** The run trains a network with BN. */
  hasBn: boolean;
  /** Why the BN network stopped, when it diverged. */
  diverged: string | null;
  batch: BatchSample | null;
  tracked: { layer: number; unit: number } | null;
}

/** Why there is no batch to draw, in a sentence; null when there is one. */
export function batchAbsence(state: BatchPanelState): string | null {
  if (!state.loaded) return 'The mini-batch appears once the run starts.';
  if (!state.hasBn) return 'This run trains no network with BN, so there is no batch normalisation to show.';
  if (state.diverged !== null) return `The network with BN diverged (${state.diverged}): its batch statistics are no longer numbers.`;
  if (state.batch === null) return 'The first mini-batch appears after the first training step.';
  const { tracked, batch } = state;
  if (tracked && (tracked.layer !== batch.layer || tracked.unit !== batch.unit)) {
    return `Now following unit ${tracked.unit} of layer ${tracked.layer + 1}: its mini-batch appears with the next training step.`;
  }
  return null;
}

const selectBatch = (s: ExperimentState): BatchSample | null => s.history?.batch ?? null;
const selectDiverged = (s: ExperimentState): string | null => {
  const status = s.history?.networks.find((n) => n.id === 'bn')?.status;
  return status?.type === 'diverged' ? status.reason : null;
};

/** `value`, taken in at most once every `ms` (the latest one at the end of each wait). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const id = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, Math.max(0, last.current + ms - Date.now()));
    return () => clearTimeout(id);
  }, [value, ms]);
  return shown;
}

/** The batch panel, placed after Figure 1. */
export function BatchPanel() {
  const [sectionRef, inView] = useInView<HTMLElement>();
  const latest = useFrameValue(selectBatch, inView);
  const batch = useThrottled(latest, batchChart.refreshMs);
  const loaded = useFrameValue((s) => s.history !== null);
  const hasBn = useFrameValue((s) => s.history?.networks.some((n) => n.id === 'bn') ?? false);
  const diverged = useFrameValue(selectDiverged);
  const trackedLayer = useFrameValue((s) => s.history?.tracked.layer ?? null);
  const trackedUnit = useFrameValue((s) => s.history?.tracked.unit ?? null);
  const scrubStep = useFrameValue((s) => s.scrubStep);
  const tracked = trackedLayer === null || trackedUnit === null ? null : { layer: trackedLayer, unit: trackedUnit };
  const absence = batchAbsence({ loaded, hasBn, diverged, batch, tracked });
  return (
    <section ref={sectionRef} className="panel batch-panel" aria-labelledby="batch-title">
      <h2 id="batch-title">What BN computes, on a real mini-batch</h2>
      {absence !== null || batch === null ? <p className="placeholder">{absence}</p> : <BatchFigure sample={batch} scrubStep={scrubStep} />}
      {loaded && hasBn && showsControl(pageControls(), 'lab') ? <Suspense fallback={null}><RecomputeStatistics /></Suspense> : null}
    </section>
  );
}

/** The picture and the four stages beside it, for one batch. */
function BatchFigure({ sample, scrubStep }: { sample: BatchSample; scrubStep: number | null }) {
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const stages = useMemo(() => batchStages(sample), [sample]);
  const domains = useMemo(() => stageDomains(sample, stages, batchChart.shareRatio), [sample, stages]);
  const activation = useExperimentStore((s) => s.config.activation);
  const momentum = useExperimentStore((s) => s.config.bnMomentum);
  const shownDots = Math.min(stages.m, batchChart.maxDots);
  return (
    <>
      <p className="batch-intro">
        {`Unit ${sample.unit} of layer ${sample.layer + 1} in the network with BN, on the ${formatCount(stages.m)} examples of the mini-batch it trained on at step ${formatCount(sample.step)}. `}
        {'Each dot is one example; a faint line follows it from stage to stage. '}
        {shownDots < stages.m ? `${shownDots} of the ${formatCount(stages.m)} examples are drawn; the statistics use all of them. ` : ''}
        {domains.shared
          ? 'The three lines share one scale, so each move is drawn to size.'
          : `Each line has its own scale: the inputs spread over ${formatValue(domains.xOverXHat)} times the range of x̂.`}
      </p>
      {scrubStep !== null && scrubStep !== sample.step && (
        <p className="batch-note">{`The time scrubber is at step ${formatCount(scrubStep)}; this is the latest mini-batch (step ${formatCount(sample.step)}): batches are not kept.`}</p>
      )}
      <div className="batch-layout">
        <div ref={ref} className="batch-picture">
          <BatchStagesChart sample={sample} stages={stages} width={width} label={batchLabel(sample, stages)} />
        </div>
        <BatchSteps sample={sample} stages={stages} activation={activation} momentum={momentum} />
      </div>
    </>
  );
}

/** Algorithm 1's four stages and Algorithm 2's estimates, each with its formula and the batch's numbers. */
function BatchSteps({ sample, stages, activation, momentum }: { sample: BatchSample; stages: BatchStages; activation: string; momentum: number }) {
  const v = formatValue;
  return (
    <ol className="batch-steps">
      <li>
        <strong>Inputs.</strong> <i>x<sub>i</sub></i>{`: this unit’s input `}<i>W u</i>{` for example `}<i>i</i>{` (one dot each, m = ${formatCount(stages.m)}).`}
      </li>
      <li>
        <strong>Batch mean and variance.</strong>{' '}
        <span className="formula">μ<sub>B</sub> = (1/m) Σ x<sub>i</sub> = {v(sample.mean)}</span>;{' '}
        <span className="formula">σ<sub>B</sub><sup>2</sup> = (1/m) Σ (x<sub>i</sub> − μ<sub>B</sub>)<sup>2</sup> = {v(sample.variance)}</span>
        {`, so σ`}<sub>B</sub>{` = ${v(stages.std)} (the bracket on line x).`}
      </li>
      <li>
        <strong>Normalise.</strong>{' '}
        <span className="formula">x̂<sub>i</sub> = (x<sub>i</sub> − μ<sub>B</sub>) / √(σ<sub>B</sub><sup>2</sup> + ε)</span>
        {`: shift by ${v(-sample.mean)}, divide by ${v(1 / stages.invStd)}. Now mean ${formatFixed(stages.xHatMean)}, std ${formatFixed(stages.xHatStd)}, whatever the inputs were (ε = ${v(sample.epsilon)} avoids dividing by zero).`}
      </li>
      <li>
        <strong>Scale and shift.</strong>{' '}
        <span className="formula">y<sub>i</sub> = γ x̂<sub>i</sub> + β</span>
        {` with γ = ${v(sample.gamma)}, β = ${v(sample.beta)}, learned like the weights: y has mean β and std |γ|. y goes into the ${activation}.`}
      </li>
      <li className="batch-running-text">
        <strong>At test time</strong>{' (Algorithm 2) BN uses running averages instead of the batch’s statistics: '}
        <span className="formula">E[x] = {v(sample.runningMean)}</span>,{' '}
        <span className="formula">Var[x] = {v(sample.runningVar)}</span>
        {` (purple on line x; each batch weighs ${v(momentum)}, its variance taken × m/(m − 1)), so a prediction does not depend on the other examples.`}
      </li>
    </ol>
  );
}
