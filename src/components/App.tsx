/**
 * The page: the toolbar, notices and presets, then the story on the first screen: Figure 1 beside the
 * layer charts (last hidden layer on top), with the guided tour and the explanation in the side column
 * next to them. Further down: the time scrubber, BN on the latest batch, saturation, the weight norms
 * (right under the scrubber when the run has weight decay, folded after saturation when not), the lab, and the
 * experiment's controls. Panels that can fail on their own (export, lab, tour, help) sit in an
 * ErrorBoundary, so the live run outlives them.
 */
import { lazy, Suspense } from 'react';
import { BatchPanel } from './BatchPanel.tsx';
import { ControlsPanel } from './ControlsPanel.tsx';
import { Explainer } from './Explainer.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Figure1Panel } from './Figure1Panel.tsx';
import { GuidedPath } from './guide/GuidedPath.tsx';
import { Header } from './Header.tsx';
import { LabPanel } from './lab/LabPanel.tsx';
import { NetworkColumns } from './NetworkColumns.tsx';
import { Notices } from './Notices.tsx';
import { PresetBar } from './PresetBar.tsx';
import { SaturationPanel } from './SaturationPanel.tsx';
import { LiveSummary } from './presentation/LiveSummary.tsx';
import { PresentationSlide } from './presentation/PresentationSlide.tsx';
import { usePresentationStore } from './presentation/presentationStore.ts';
import { TimeScrubber } from './TimeScrubber.tsx';
import { networksFor } from '../experiment/variants.ts';
import { useExperimentStore } from '../store/index.ts';
import { pageControls, showsControl } from '../url/pageControls.ts';

/** The weight norms' panel (van Laarhoven's effective step): its code loads once the run has its first snapshot, after the first paint. */
const WeightNormPanel = lazy(() => import('./WeightNormPanel.tsx').then((m) => ({ default: m.WeightNormPanel })));

/** Narrowest layer chart that still sits beside its twin in the story's half-width column, px. */
const STORY_MIN_COLUMN = 200;

/** The whole app. */
export function App() {
  // Three networks need the full width for their layer charts: the story stacks Figure 1 above them.
  const networks = useExperimentStore((s) => networksFor(s.config).length);
  // Presentation mode shows one slide; the page below stays mounted (hidden but for the time scrubber) and keeps its state.
  const presenting = usePresentationStore((s) => s.presenting);
  // With weight decay the weight norms are the story's next chart; without, a folded panel further down.
  const decaying = useExperimentStore((s) => s.config.weightDecay > 0);
  const loaded = useExperimentStore((s) => s.history !== null);
  const weightNorms = loaded ? (
    <ErrorBoundary name="The weight-norm panel">
      <Suspense fallback={null}>
        <WeightNormPanel />
      </Suspense>
    </ErrorBoundary>
  ) : null;
  return (
    <div className="app">
      <Header />
      <Notices />
      <PresetBar />
      {presenting ? <PresentationSlide /> : null}
      <main className="layout">
        <div className="main-column">
          <div className={`story${networks > 2 ? ' story-stacked' : ''}`}>
            <Figure1Panel />
            <NetworkColumns deepestFirst minColumnWidth={STORY_MIN_COLUMN} />
          </div>
          <TimeScrubber />
          {decaying ? weightNorms : null}
          <BatchPanel />
          <SaturationPanel />
          {decaying ? null : weightNorms}
          {showsControl(pageControls(), 'lab') ? <LabPanel /> : null}
        </div>
        <div className="side-column">
          {showsControl(pageControls(), 'tour') ? (
            <ErrorBoundary name="The guided tour">
              <GuidedPath />
            </ErrorBoundary>
          ) : null}
          <Explainer />
          <ControlsPanel />
        </div>
      </main>
      <LiveSummary />
    </div>
  );
}
