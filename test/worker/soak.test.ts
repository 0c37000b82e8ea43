/**
 * The short soak of CI (bench/soak.ts is the long one): 100,000 steps of a tiny network through
 * the real handler, pool, bridge and store, with a fake clock (1 ms a step, so a snapshot every
 * 50 steps: 2,000 per network, twice the history's cap). No timing is asserted, only sizes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { FITTED_BIN_COUNT } from '../../src/experiment/fittedHistogram.ts';
import { connectWorker } from '../../src/store/bridge.ts';
import { DEFAULT_HISTORY_CAPS, estimateHistoryBytes } from '../../src/store/history.ts';
import { useExperimentStore } from '../../src/store/index.ts';
import type { RunHistory } from '../../src/store/types.ts';
import { createWorkerPool } from '../../src/worker/pool.ts';
import { TINY } from './harness.ts';
import { inProcessWorker, scheduler } from './inProcessWorkers.ts';

const TOTAL = 100_000;
const LEG = 20_000;
const store = useExperimentStore;
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

/** A full garbage collection, then the heap in use (bytes). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** The most bytes a history of `history`'s shape can hold at the default caps, counted independently of estimateHistoryBytes. */
function boundAtCaps(history: RunHistory): number {
  const { snapshots, tests } = DEFAULT_HISTORY_CAPS;
  // Per kept snapshot and layer: the fixed-bin column, the fitted histogram (counts and four numbers) and five figures (mean, std, shift, raw shift, saturation).
  const perColumn = 4 * (history.bins.count + 2) + 4 * (FITTED_BIN_COUNT + 2) + 32 + 8 * 5;
  // Per kept test evaluation: its run point (RunPoint), 6 numbers and 4 per hidden layer (saturation, shift, weight norm,
  // effective step), and its objects' headers.
  const perPoint = 8 * (6 + 4 * history.hiddenUnits.length) + 160;
  const perNetwork = 8 * (5 * snapshots + 3 * tests) + tests * perPoint + history.hiddenUnits.length * snapshots * perColumn;
  return history.networks.length * perNetwork;
}

function expectBounded(history: RunHistory, step: number): void {
  for (const network of history.networks) {
    expect(network.steps.length).toBeLessThanOrEqual(DEFAULT_HISTORY_CAPS.snapshots);
    expect(network.testSteps.length).toBeLessThanOrEqual(DEFAULT_HISTORY_CAPS.tests);
    expect(network.trainLoss.length).toBe(network.steps.length);
    expect(network.tracked.length).toBe(network.steps.length);
    for (const layer of network.layers) {
      expect(layer.columns.length).toBe(network.steps.length);
      expect(layer.mean.length).toBe(network.steps.length);
    }
    // Still drawn from step 0 up to now, in order.
    expect(network.steps[0]).toBe(0);
    expect(network.steps.at(-1)).toBe(step);
    expect(network.steps.every((s, i) => i === 0 || s > network.steps[i - 1])).toBe(true);
  }
  expect(estimateHistoryBytes(history)).toBeLessThanOrEqual(boundAtCaps(history));
}

describe('a long run through the worker pool into the store', () => {
  it('keeps the history under its caps and the heap flat over 100,000 steps', async () => {
    store.setState(store.getInitialState());
    store.setState({ config: { ...TINY, maxSteps: 1_000_000 }, presetId: null });
    const queue = scheduler();
    const pool = createWorkerPool(() => inProcessWorker(queue), 2);
    let snapshots = 0;
    cleanup.push(pool.onEvent((event) => void (event.type === 'snapshot' && (snapshots += 1))));
    const disconnect = connectWorker(store, pool, { replaceUrl: null, play: false });
    cleanup.push(disconnect, () => pool.terminate());
    await queue.settle();

    const heaps: number[] = [];
    for (let step = LEG; step <= TOTAL; step += LEG) {
      store.getState().actions.step(LEG);
      await queue.settle(10_000_000);
      const { history, runState, step: shown, error } = store.getState();
      expect(error).toBeNull();
      expect(runState).toBe('paused');
      expect(shown).toBe(step);
      if (!history) throw new Error('no history');
      expectBounded(history, step);
      heaps.push(heapAfterGc());
    }
    // The caps were reached (and the history thinned) many times over: ~2,000 snapshots per network.
    expect(snapshots).toBeGreaterThan(2 * 2 * DEFAULT_HISTORY_CAPS.snapshots * 0.9);
    const { history } = store.getState();
    const growth = heaps.at(-1)! - heaps[0];
    // From 20,000 steps to 100,000 the heap may grow by what the history adds, not per snapshot:
    // a leak of one snapshot (~1 KB here) per snapshot would be 4+ MB.
    expect(growth).toBeLessThan(boundAtCaps(history!) + 2 * 2 ** 20);
    // 100,000 steps take 20 s on a quiet 2-core machine and 80 s beside an end-to-end run: a soak's time, not a unit test's.
  }, 240_000);
});
