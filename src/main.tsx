/**
 * The page's entry: the worker client and the bridge (which decodes the URL into the store and
 * starts the run playing, no click needed), then the React tree.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { connectWorker } from './store/bridge.ts';
import { useExperimentStore } from './store/index.ts';
import { createWorkerClient } from './worker/client.ts';
import './styles.css';

connectWorker(useExperimentStore, createWorkerClient(), { search: window.location.search });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
