/**
 * The page's entry: the worker client and the bridge (which decodes the URL into the store and
 * starts the run playing, no click needed), then the React tree: the full app, or embed mode
 * (`?embed=1`, src/embed/) with its own view, controls, autoplay and theme.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { EmbedApp } from './embed/EmbedApp.tsx';
import { readEmbedOptions } from './embed/options.ts';
import { connectWorker } from './store/bridge.ts';
import { useExperimentStore } from './store/index.ts';
import { createWorkerClient } from './worker/client.ts';
import { registerServiceWorker } from './sw/register.ts';
import './styles.css';
import './embed/embed.css';

const embed = readEmbedOptions(window.location.search);
if (embed.embed) {
  document.documentElement.classList.add('embed-page', `theme-${embed.theme}`);
}

connectWorker(useExperimentStore, createWorkerClient(), { search: window.location.search, play: !embed.embed || embed.autoplay });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {embed.embed ? <EmbedApp options={embed} /> : <App />}
    </StrictMode>,
  );
}

registerServiceWorker();
