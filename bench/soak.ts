/**
 * Soak: one long run through the app's own plumbing, headless in Node. Each network trains in
 * its own in-process "worker" (the real protocol handler, the real run loop, performance.now
 * and a setImmediate scheduler as in the worker; events structured-cloned with their buffers
 * transferred, as postMessage does), merged by the real worker pool (120 ms batches) into the
 * real store through the real bridge. Prints heap used (after a full GC) at 10% of the run and
 * at its end, the history's size, and steps/s over the first and the last 10% of the steps.
 * Usage: npm run soak -- --steps 1000000 [--preset spiral]   (needs node --expose-gc, as the script runs it)
 */
import { configForPreset, presetById } from '../src/experiment/presets.ts';
import { NETWORK_IDS } from '../src/experiment/types.ts';
import { connectWorker } from '../src/store/bridge.ts';
import { DEFAULT_HISTORY_CAPS, estimateHistoryBytes } from '../src/store/history.ts';
import { useExperimentStore } from '../src/store/index.ts';
import { POOL_BATCH_MS } from '../src/worker/client.ts';
import { createTrainingHandler } from '../src/worker/handler.ts';
import { createWorkerPool } from '../src/worker/pool.ts';
import type { WorkerClient, WorkerEvent } from '../src/worker/protocol.ts';
import { readMnistBytes } from './mnistFile.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const STEPS = Number(option('--steps') ?? 1_000_000);
const PRESET = option('--preset') ?? 'spiral';
/** Targets: heap growth from 10% of the run to its end, and the slowdown of the last 10% against the first. */
const MAX_HEAP_GROWTH_MB = 4;
const MAX_SLOWDOWN = 0.1;

if (!Number.isInteger(STEPS) || STEPS < 10_000) throw new Error(`--steps must be a whole number of at least 10000, not ${option('--steps')}`);
if (!presetById(PRESET)) throw new Error(`there is no preset called "${PRESET}"`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run soak does)');

/** public/data/mnist.bin from disk, gunzipped (only the MNIST presets read it). */
const loadMnistBytes = async (): Promise<Uint8Array> => readMnistBytes();

/** The worker entry (src/worker/training.worker.ts) without the thread: real handler, clock and scheduler. */
function inProcessWorker(): WorkerClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  let alive = true;
  const handler = createTrainingHandler({
    post: (event, transfer) => {
      if (!alive) return;
      const copy = structuredClone(event, { transfer });
      setImmediate(() => listeners.forEach((l) => l(copy)));
    },
    loadMnistBytes,
    now: () => performance.now(),
    schedule: (task, delayMs) => {
      if (delayMs !== undefined && delayMs > 0) setTimeout(() => alive && task(), delayMs);
      else setImmediate(() => alive && task());
    },
  });
  return {
    send: (command) => void handler.handle(structuredClone(command)),
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    onCrash: () => () => {},
    terminate: () => {
      alive = false;
      listeners.clear();
    },
  };
}

const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

interface Mark {
  step: number;
  time: number;
}

async function soak(): Promise<boolean> {
  const store = useExperimentStore;
  store.setState({ config: { ...configForPreset(PRESET), maxSteps: STEPS }, presetId: null });
  const pool = createWorkerPool(inProcessWorker, NETWORK_IDS.length, { batchMs: POOL_BATCH_MS });
  const tenth = STEPS / 10;
  const marks: { start?: Mark; firstTenth?: Mark; lastTenthFrom?: Mark; end?: Mark } = {};
  let heapAtTenth = 0;
  let nextReport = tenth;

  const done = new Promise<void>((resolve, reject) => {
    store.subscribe((state) => {
      const time = performance.now();
      if (state.runState === 'error') reject(new Error(state.error ?? 'the run stopped'));
      if (state.runState === 'running' && !marks.start) marks.start = { step: state.step, time };
      if (!marks.firstTenth && state.step >= tenth) {
        marks.firstTenth = { step: state.step, time };
        heapAtTenth = heapMb();
      }
      if (!marks.lastTenthFrom && state.step >= STEPS - tenth) marks.lastTenthFrom = { step: state.step, time };
      if (state.step >= nextReport) {
        console.log(`  step ${state.step.toLocaleString('en-US')}  ${state.stepsPerSecond.toFixed(0)} steps/s`);
        nextReport += tenth;
      }
      if (state.runState === 'finished' && state.step >= STEPS && !marks.end) {
        marks.end = { step: state.step, time };
        resolve();
      }
    });
  });
  const heapAtStart = heapMb();
  const disconnect = connectWorker(store, pool, { replaceUrl: null, play: true });
  console.log(`soak: preset ${PRESET}, ${STEPS.toLocaleString('en-US')} steps, ${NETWORK_IDS.length} in-process workers, heap ${heapAtStart.toFixed(1)} MB before`);
  await done;
  disconnect();
  const heapAtEnd = heapMb();
  const { history, kernel } = store.getState();
  pool.terminate();
  const { start, firstTenth, lastTenthFrom, end } = marks;
  if (!start || !firstTenth || !lastTenthFrom || !end || !history) throw new Error('the run ended without the marks it needs');
  const rate = (a: Mark, b: Mark): number => (b.step - a.step) / ((b.time - a.time) / 1000);
  const firstRate = rate(start, firstTenth);
  const lastRate = rate(lastTenthFrom, end);
  const growth = heapAtEnd - heapAtTenth;
  const slowdown = 1 - lastRate / firstRate;
  const columns = history.networks.map((n) => `${n.id} ${n.steps.length} columns, ${n.testSteps.length} tests`).join('; ');
  const heapOk = growth <= MAX_HEAP_GROWTH_MB;
  const speedOk = slowdown <= MAX_SLOWDOWN;
  console.log(`kernel ${kernel}; total ${((end.time - start.time) / 1000).toFixed(1)} s`);
  console.log(`heap used: ${heapAtTenth.toFixed(1)} MB at step ${firstTenth.step.toLocaleString('en-US')}, ${heapAtEnd.toFixed(1)} MB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB; target <= +${MAX_HEAP_GROWTH_MB} MB) ${heapOk ? 'ok' : 'MISSED'}`);
  console.log(`history: ${(estimateHistoryBytes(history) / 2 ** 20).toFixed(2)} MB; ${columns} (caps ${DEFAULT_HISTORY_CAPS.snapshots} / ${DEFAULT_HISTORY_CAPS.tests})`);
  console.log(`steps/s: first 10% ${firstRate.toFixed(0)}, last 10% ${lastRate.toFixed(0)} (${(slowdown * 100).toFixed(1)}% slower; target <= ${MAX_SLOWDOWN * 100}%) ${speedOk ? 'ok' : 'MISSED'}`);
  return heapOk && speedOk;
}

soak().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
