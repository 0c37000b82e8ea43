/**
 * Embed mode: the experiment with minimal chrome for an iframe in a blog post. A small title
 * line, the controls the link asks for, the chosen panels, and a link to the full page.
 * Training pauses while the embed is out of sight (./visibility.ts); in a frame, the embed posts its
 * content height to the host page (./resize.ts).
 */
import { useEffect, useRef } from 'react';
import { NetworkColumns } from '../components/NetworkColumns.tsx';
import { Notices } from '../components/Notices.tsx';
import { TimeScrubber } from '../components/TimeScrubber.tsx';
import { PRESET_SETUPS, setupById } from '../experiment/presetSetups.ts';
import { useExperimentStore } from '../store/index.ts';
import { encodeUrlState } from '../url/codec.ts';
import { EmbedSettings, EmbedTransport } from './EmbedControls.tsx';
import { EmbedFigure1 } from './EmbedFigure1.tsx';
import type { EmbedOptions } from './options.ts';
import { pageUrl } from './options.ts';
import { contentHeight, postHeightToParent } from './resize.ts';
import { pauseWhenHidden } from './visibility.ts';

/** Layer charts side by side from this width (the full page wants 300 px), so both networks share a row at 640 px. */
const EMBED_MIN_COLUMN = 260;

export interface EmbedAppProps {
  options: EmbedOptions;
  /** The page's address (default: location.href), for the link to the full page. */
  href?: string;
}

/** The embedded app. */
export function EmbedApp({ options, href }: EmbedAppProps) {
  const rootRef = useRef<HTMLDivElement | null>(null);
  const presetId = useExperimentStore((s) => s.presetId);
  const config = useExperimentStore((s) => s.config);
  const preset = presetId !== null ? setupById(presetId, PRESET_SETUPS) : undefined;
  const fullPage = pageUrl(href ?? window.location.href, encodeUrlState({ config, presetId }));

  useEffect(() => {
    const target = rootRef.current;
    if (!target) return;
    const store = useExperimentStore;
    return pauseWhenHidden({
      target,
      document,
      IntersectionObserver: typeof IntersectionObserver === 'function' ? IntersectionObserver : undefined,
      runState: () => store.getState().runState,
      onRunState: (listener) => store.subscribe((s) => s.runState, listener),
      play: () => store.getState().actions.play(),
      pause: () => store.getState().actions.pause(),
    });
  }, []);

  useEffect(() => postHeightToParent({
    window,
    targets: [document.documentElement, document.body],
    measure: () => contentHeight(document),
    ResizeObserver: typeof ResizeObserver === 'function' ? ResizeObserver : undefined,
  }), []);

  return (
    <div ref={rootRef} className={`embed theme-${options.theme}`}>
      <header className="embed-header">
        <h1 className="embed-title">
          BatchNorm Explorer<span className="embed-preset">{preset ? `: ${preset.title}` : ': custom experiment'}</span>
        </h1>
        <EmbedTransport buttons={options.transport} />
      </header>
      <Notices />
      <EmbedSettings keys={options.settings} />
      <main className="embed-panels">
        {options.panels.includes('fig1') ? <EmbedFigure1 /> : null}
        {options.panels.includes('layers') ? (
          <>
            <TimeScrubber />
            <NetworkColumns minColumnWidth={EMBED_MIN_COLUMN} />
          </>
        ) : null}
      </main>
      <footer className="embed-open">
        <a href={fullPage} target="_blank" rel="noopener">Open in BatchNorm Explorer</a>
      </footer>
    </div>
  );
}
