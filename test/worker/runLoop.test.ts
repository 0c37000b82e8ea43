import { describe, expect, it } from 'vitest';
import { createRunLoop, snapshotTransferables } from '../../src/worker/runLoop.ts';
import type { LoopTiming, StopReason } from '../../src/worker/runLoop.ts';
import type { Session, Snapshot } from '../../src/experiment/types.ts';

/** A session that only counts steps; each step costs `msPerStep` on the shared fake clock. */
function countingSession(clock: { t: number }, msPerStep: number, snapshotMs = 0): Session & { advances: number[] } {
  let step = 0;
  const advances: number[] = [];
  return {
    advances,
    get step() {
      return step;
    },
    bins: { min: -1, max: 1, count: 2 },
    kernel: 'js',
    hiddenUnits: [2],
    allDiverged: false,
    advance(count) {
      advances.push(count);
      step += count;
      clock.t += count * msPerStep;
    },
    snapshot(stepsPerSecond): Snapshot {
      clock.t += snapshotMs;
      return { step, stepsPerSecond, tracked: { layer: 0, unit: 0 }, frames: [] };
    },
    applyLive() {},
  };
}

function runFor(msPerStep: number, fakeMs: number, snapshotMs = 0, timing: Partial<LoopTiming> = {}) {
  const clock = { t: 0 };
  const session = countingSession(clock, msPerStep, snapshotMs);
  const tasks: (() => void)[] = [];
  const snapshots: Snapshot[] = [];
  const stops: StopReason[] = [];
  const progress: number[] = [];
  const loop = createRunLoop({
    now: () => clock.t,
    // A delayed task advances the fake clock by its delay when it runs (the worker rests).
    schedule: (task, delayMs = 0) => tasks.push(() => {
      clock.t += delayMs;
      task();
    }),
    timing,
    session: () => session,
    maxSteps: () => Number.MAX_SAFE_INTEGER,
    postSnapshot: (snapshot) => snapshots.push(snapshot),
    onStop: (reason) => stops.push(reason),
    onError: (error) => {
      throw error;
    },
    onProgress: (step) => progress.push(step),
  });
  loop.start(null);
  let slices = 0;
  while (clock.t < fakeMs && tasks.length > 0) {
    tasks.shift()?.();
    slices += 1;
  }
  return { snapshots, session, slices, clock, progress, stops };
}

describe('the run loop', () => {
  it('rests the given share of the time between slices, leaving the page a core', () => {
    const busy = runFor(0.05, 1000);
    const resting = runFor(0.05, 1000, 0, { restShare: 0.2 });
    // Same clock time, a fifth of it resting: about 80% of the steps.
    const ratio = resting.session.step / busy.session.step;
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(0.85);
  });

  it('sends 10 to 20 snapshots a second whether a step takes 1 microsecond or 20 milliseconds', () => {
    for (const msPerStep of [0.001, 0.05, 2, 20]) {
      const { snapshots } = runFor(msPerStep, 1000);
      expect(snapshots.length, `${msPerStep} ms per step`).toBeGreaterThanOrEqual(10);
      expect(snapshots.length, `${msPerStep} ms per step`).toBeLessThanOrEqual(21);
    }
  });

  it('grows its chunks with the speed, so fast steps are not one call each', () => {
    const { session } = runFor(0.001, 1000);
    expect(Math.max(...session.advances)).toBeGreaterThanOrEqual(2000);
    expect(session.step).toBeGreaterThan(900_000);
  });

  it('yields to the event loop about every 16 ms', () => {
    const { slices, clock } = runFor(0.05, 1000);
    expect(slices).toBeGreaterThanOrEqual(clock.t / 20);
  });

  it('reports the measured speed in its snapshots', () => {
    const { snapshots } = runFor(0.05, 1000);
    for (const snapshot of snapshots.slice(1)) expect(snapshot.stepsPerSecond).toBeCloseTo(20_000, -2);
  });

  it('spaces snapshots out when taking one is costly, so training keeps 75% of the time', () => {
    // 25 ms per snapshot: 75 ms of training after each, 10 a second.
    const costly = runFor(0.05, 1000, 25);
    expect(costly.snapshots.length).toBeGreaterThanOrEqual(9);
    expect(costly.snapshots.length).toBeLessThanOrEqual(11);
    // 500 ms per snapshot (a big network on a slow machine): 1.5 s of training after each.
    const slow = runFor(0.05, 10_000, 500);
    const trainedMs = slow.session.step * 0.05;
    expect(trainedMs / slow.clock.t).toBeGreaterThanOrEqual(0.73);
    expect(slow.snapshots.length).toBeGreaterThanOrEqual(4);
  });

  it('reports the step about 10 times a second between spaced-out snapshots', () => {
    const slow = runFor(0.05, 10_000, 500);
    expect(slow.progress.length).toBeGreaterThanOrEqual(60);
    for (let i = 1; i < slow.progress.length; i += 1) expect(slow.progress[i]).toBeGreaterThan(slow.progress[i - 1]);
  });
});

describe('snapshotTransferables', () => {
  it('lists each distinct counts buffer once', () => {
    const shared = new Uint32Array(4);
    const layer = (counts: Uint32Array) => ({ counts, under: 0, over: 0, mean: 0, std: 0, drift: 0, saturation: 0 });
    const frame = (counts: Uint32Array[]) => ({ id: 'bn' as const, step: 0, trainLoss: null, trainAccuracy: null, test: null, layers: counts.map(layer), tracked: null, status: { type: 'training' as const } });
    const other = new Uint32Array(4);
    const snapshot: Snapshot = { step: 0, stepsPerSecond: 0, tracked: { layer: 0, unit: 0 }, frames: [frame([shared, other]), frame([shared])] };
    expect(snapshotTransferables(snapshot)).toEqual([shared.buffer, other.buffer]);
  });
});

describe('the run loop under a ceiling', () => {
  it('steps up to the ceiling and no further, says so once at once, keeps reporting while held, and goes on when it is raised', () => {
    const clock = { t: 0 };
    const session = countingSession(clock, 0.01);
    const tasks: (() => void)[] = [];
    const progress: number[] = [];
    const stops: StopReason[] = [];
    let ceiling: number | null = 250;
    const loop = createRunLoop({
      now: () => clock.t,
      schedule: (task, delayMs = 0) => tasks.push(() => {
        clock.t += delayMs;
        task();
      }),
      session: () => session,
      maxSteps: () => 1_000,
      ceiling: () => ceiling,
      postSnapshot: () => {},
      onStop: (reason) => stops.push(reason),
      onError: (error) => {
        throw error;
      },
      onProgress: (step) => progress.push(step),
    });
    loop.start(null);
    const run = (count: number): void => {
      for (let i = 0; i < count && tasks.length > 0; i++) tasks.shift()?.();
    };
    run(50);
    expect(session.step).toBe(250);
    expect(loop.running).toBe(true);
    expect(stops).toEqual([]);
    // Held: the first wait reported the step at once, then about every progressMs (100) of waiting (20 ms a look).
    expect(progress.filter((step) => step === 250).length).toBeGreaterThanOrEqual(1);
    const reportsHeld = progress.length;
    const heldSince = clock.t;
    run(100);
    expect(session.step).toBe(250);
    expect(progress.length - reportsHeld).toBe(Math.floor((clock.t - heldSince) / 100));
    ceiling = 600;
    run(200);
    expect(session.step).toBe(600);
    ceiling = null;
    run(500);
    expect(session.step).toBe(1_000);
    expect(stops).toEqual(['finished']);
  });
});
