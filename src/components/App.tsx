/**
 * The page: header and transport, notices, presets, Figure 1, BN on the latest batch, the two columns of layer charts,
 * the time scrubber, the lab, the guided path, the controls and the explainer. Panels that can
 * fail on their own (export, lab, tour, help) sit in an ErrorBoundary, so the live run outlives them.
 */
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
import { TimeScrubber } from './TimeScrubber.tsx';

/** The whole app. */
export function App() {
  return (
    <div className="app">
      <Header />
      <Notices />
      <PresetBar />
      <main className="layout">
        <div className="main-column">
          <Figure1Panel />
          <BatchPanel />
          <TimeScrubber />
          <NetworkColumns />
          <SaturationPanel />
          <LabPanel />
        </div>
        <div className="side-column">
          <ErrorBoundary name="The guided tour">
            <GuidedPath />
          </ErrorBoundary>
          <ControlsPanel />
          <Explainer />
        </div>
      </main>
      <LiveSummary />
    </div>
  );
}
