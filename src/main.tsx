/**
 * The page's entry: the worker client and the bridge (which decodes the URL into the store and
 * starts the run playing, no click needed), then the React tree: the full app, or embed mode
 * (`?embed=1`, src/embed/) with its own view, controls, autoplay and theme. Each of the two is a
 * chunk of its own, loaded here, so an embed never downloads the full page's views (budget: 120 KB
 * of gzip JS before its first paint; scripts/budget.ts).
 */
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { followOembedLink } from './embed/oembed.ts';
import { readEmbedOptions } from './embed/options.ts';
import { PRESET_SETUPS } from './experiment/presetSetups.ts';
import { connectWorker } from './store/bridge.ts';
import { useExperimentStore } from './store/index.ts';
import { createWorkerClient } from './worker/client.ts';
import { registerServiceWorker } from './sw/register.ts';
import { followSystemTheme } from './themeMode.ts';
import './styles.css';
import './embed/embed.css';

const embed = readEmbedOptions(window.location.search);
if (embed.embed) {
  document.documentElement.classList.add('embed-page', `theme-${embed.theme}`);
} else if (typeof window.matchMedia === 'function') {
  // The full page follows the system's light or dark scheme, live (an embed's theme is its link's).
  followSystemTheme(document.documentElement, window.matchMedia('(prefers-color-scheme: dark)'));
}

connectWorker(useExperimentStore, createWorkerClient(), { search: window.location.search, play: !embed.embed || embed.autoplay });
// oEmbed discovery for the current preset (src/embed/oembed.ts).
followOembedLink({
  document,
  presetId: () => useExperimentStore.getState().presetId,
  onPresetId: (listener) => useExperimentStore.subscribe((s) => s.presetId, listener),
  presets: PRESET_SETUPS,
});

const root = document.getElementById('root');
if (root) {
  const view: Promise<ReactElement> = embed.embed
    ? import('./embed/EmbedApp.tsx').then(({ EmbedApp }) => <EmbedApp options={embed} />)
    : import('./components/App.tsx').then(({ App }) => <App />);
  view.then(
    (element) => createRoot(root).render(<StrictMode>{element}</StrictMode>),
    (error: unknown) => {
      // A chunk that cannot load (a lost connection, or a newer version deployed meanwhile): say so plainly.
      root.textContent = `BatchNorm Explorer could not load part of its code (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
      root.setAttribute('role', 'alert');
    },
  );
}

registerServiceWorker();
