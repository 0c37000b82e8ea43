/** A real session driven as the app drives it (snapshots at chosen steps, appended to a store history), for export tests. */
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { createSession } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import { networksFor, variantsByIds } from '../../src/experiment/variants.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { appendSnapshot, createHistory, DEFAULT_HISTORY_CAPS } from '../../src/store/history.ts';
import type { HistoryCaps } from '../../src/store/history.ts';
import type { RunHistory } from '../../src/store/types.ts';

/** A small, fast experiment: spiral, two tanh layers of 12 units, a test every 50 steps. */
export const SMALL_CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 2, width: 12, activation: 'tanh', initScheme: 'xavier',
  batchSize: 16, learningRate: 0.3, evalEvery: 50, seed: 3, trackedLayer: -1, trackedUnit: 2,
};

/** Train `config`, snapshotting after each chunk of `chunks` (and at step 0), into a store history. */
export function sessionHistory(config: ExperimentConfig, chunks: readonly number[], caps: HistoryCaps = DEFAULT_HISTORY_CAPS): RunHistory {
  const data = makeSynthetic(config.dataset as 'spiral', config.seed);
  const session = createSession(config, data, { variants: variantsByIds(networksFor(config)) });
  const first = session.snapshot(0);
  let history = createHistory({
    type: 'ready', runId: 1, config, networks: first.frames.map((f) => f.id), hiddenUnits: session.hiddenUnits,
    bins: session.bins, dataSizes: { train: data.train.n, test: data.test.n, probe: 0 }, kernel: session.kernel,
  });
  history = appendSnapshot(history, first, caps);
  for (const count of chunks) {
    session.advance(count);
    history = appendSnapshot(history, session.snapshot(0), caps);
  }
  return history;
}
