/**
 * Workers without threads, for pool tests: scripted fakes (record commands, emit events by hand)
 * and in-process workers that run the real training handler on a shared task queue, each with
 * its own fake clock (1 ms per step), as if every worker had a core of its own.
 */
import { createSession } from '../../src/experiment/session.ts';
import { createTrainingHandler } from '../../src/worker/handler.ts';
import { createWorkerPool } from '../../src/worker/pool.ts';
import type { PoolOptions } from '../../src/worker/pool.ts';
import type { WorkerClient } from '../../src/worker/protocol.ts';
import type { Command, WorkerEvent } from '../../src/worker/protocol.ts';

/** A worker the test drives by hand. */
export interface FakeWorker extends WorkerClient {
  sent: Command[];
  terminated: boolean;
  emit(event: WorkerEvent): void;
  crash(message: string): void;
}

export function fakeWorker(): FakeWorker {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const crashes = new Set<(message: string) => void>();
  const worker: FakeWorker = {
    sent: [],
    terminated: false,
    send: (command) => worker.sent.push(command),
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    onCrash: (listener) => (crashes.add(listener), () => crashes.delete(listener)),
    terminate: () => {
      worker.terminated = true;
    },
    emit: (event) => listeners.forEach((l) => l(event)),
    crash: (message) => crashes.forEach((l) => l(message)),
  };
  return worker;
}

/** A pool of `workers` fake workers, and every fake it spawned, in order (restarts add more). */
export function fakePool(workers: number, options?: PoolOptions): { pool: WorkerClient; spawned: FakeWorker[] } {
  const spawned: FakeWorker[] = [];
  const pool = createWorkerPool(() => {
    const worker = fakeWorker();
    spawned.push(worker);
    return worker;
  }, workers, options);
  return { pool, spawned };
}

/** A shared queue of scheduled tasks and pending handler promises. */
export interface Scheduler {
  schedule(task: () => void): void;
  track(promise: Promise<void>): void;
  /** Run tasks and let handler promises settle until nothing is left (or `limit` tasks ran). */
  settle(limit?: number): Promise<void>;
}

export function scheduler(): Scheduler {
  const tasks: (() => void)[] = [];
  let inFlight = 0;
  return {
    schedule: (task) => tasks.push(task),
    track(promise) {
      inFlight += 1;
      void promise.finally(() => {
        inFlight -= 1;
      });
    },
    async settle(limit = 100_000) {
      // Like a worker's event loop: a command in flight (a handler promise) gets its turn
      // before the next task, as a message would between two macrotasks.
      for (let ran = 0; ran < limit; ) {
        await new Promise((resolve) => setImmediate(resolve));
        if (tasks.length === 0 && inFlight === 0) return;
        while (tasks.length > 0 && ran < limit && inFlight === 0) {
          tasks.shift()?.();
          ran += 1;
        }
        if (inFlight > 0 && tasks.length > 0) {
          tasks.shift()?.();
          ran += 1;
        }
      }
    },
  };
}

/** A real training handler behind the WorkerClient interface, on `queue`, with its own clock. */
export function inProcessWorker(queue: Scheduler, msPerStep = 1): WorkerClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  let time = 0;
  let alive = true;
  const handler = createTrainingHandler({
    post: (event) => {
      if (alive) listeners.forEach((l) => l(event));
    },
    loadMnistBytes: () => Promise.reject(new Error('no MNIST in tests')),
    now: () => time,
    schedule: (task) => queue.schedule(() => {
      if (alive) task();
    }),
    createSession: (config, data, options) => {
      const session = createSession(config, data, options);
      const advance = session.advance.bind(session);
      session.advance = (count) => {
        time += count * msPerStep;
        advance(count);
      };
      return session;
    },
  });
  return {
    send: (command) => queue.track(handler.handle(command)),
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    onCrash: () => () => {},
    terminate: () => {
      alive = false;
      listeners.clear();
    },
  };
}
