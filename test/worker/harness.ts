/**
 * A fake worker world for the handler: recorded posts, a manual scheduler, and a clock that
 * moves only when networks train (msPerStep per step) or a delayed task runs (by its delay),
 * so every run is deterministic.
 */
import { createSession } from '../../src/experiment/session.ts';
import { createTrainingHandler } from '../../src/worker/handler.ts';
import type { HandlerDeps, TrainingHandler } from '../../src/worker/handler.ts';
import type { Snapshot } from '../../src/experiment/types.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import type { RunState, WorkerEvent } from '../../src/worker/protocol.ts';

/** A small, fast experiment: XOR, 3 hidden layers of 8 units. */
export const TINY: ExperimentConfig = { ...DEFAULT_CONFIG, dataset: 'xor', depth: 3, width: 8, batchSize: 16, learningRate: 0.5, evalEvery: 10 };

export interface Posted {
  event: WorkerEvent;
  transfer: ArrayBuffer[];
}

export interface Harness {
  handler: TrainingHandler;
  posted: Posted[];
  /** Run scheduled tasks until none is left or `limit` ran; returns how many ran. */
  drain(limit?: number): number;
  /** Run scheduled tasks until `done` or the limit. */
  runUntil(done: () => boolean, limit?: number): void;
  snapshots(): Snapshot[];
  states(): RunState[];
  ofType<T extends WorkerEvent['type']>(type: T): Extract<WorkerEvent, { type: T }>[];
  clock(): number;
}

export function harness(overrides: Partial<HandlerDeps> = {}, msPerStep = 1): Harness {
  const posted: Posted[] = [];
  const tasks: (() => void)[] = [];
  let time = 0;
  const handler = createTrainingHandler({
    post: (event, transfer) => posted.push({ event, transfer }),
    loadMnistBytes: () => Promise.reject(new Error('HTTP 404 for data/mnist.bin')),
    now: () => time,
    schedule: (task, delayMs = 0) => tasks.push(() => {
      time += delayMs;
      task();
    }),
    ...overrides,
    createSession: (config, data, options) => {
      const session = (overrides.createSession ?? createSession)(config, data, options);
      const advance = session.advance.bind(session);
      session.advance = (count) => {
        time += count * msPerStep;
        advance(count);
      };
      return session;
    },
  });
  const ofType = <T extends WorkerEvent['type']>(type: T) =>
    posted.map((p) => p.event).filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return {
    handler,
    posted,
    drain(limit = 10_000) {
      let ran = 0;
      while (tasks.length > 0 && ran < limit) {
        tasks.shift()?.();
        ran += 1;
      }
      return ran;
    },
    runUntil(done, limit = 10_000) {
      for (let ran = 0; ran < limit && !done() && tasks.length > 0; ran += 1) tasks.shift()?.();
    },
    snapshots: () => ofType('snapshot').map((e) => e.snapshot),
    states: () => ofType('state').map((e) => e.state),
    ofType,
    clock: () => time,
  };
}
