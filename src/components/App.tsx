/**
 * The page: header and transport, notices, presets, Figure 1, the two columns of layer charts,
 * the time scrubber, the controls and the explainer.
 */
import { ControlsPanel } from './ControlsPanel.tsx';
import { Explainer } from './Explainer.tsx';
import { Figure1Panel } from './Figure1Panel.tsx';
import { Header } from './Header.tsx';
import { NetworkColumns } from './NetworkColumns.tsx';
import { Notices } from './Notices.tsx';
import { PresetBar } from './PresetBar.tsx';
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
          <TimeScrubber />
          <NetworkColumns />
        </div>
        <div className="side-column">
          <ControlsPanel />
          <Explainer />
        </div>
      </main>
    </div>
  );
}
