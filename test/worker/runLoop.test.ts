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
    recomputeBatchNormStatistics: () => [],
  };
}

function runFor(msPerStep: number, fakeMs: number, snapshotMs = 0, timing: Partial<LoopTiming> = {}, maxSteps = Number.MAX_SAFE_INTEGER) {
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
    maxSteps: () => maxSteps,
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

  it('spaces snapshots out when taking one is costly, so training keeps 95% of the time, but sends one at least every second', () => {
    // 5 ms per snapshot (the paper's network): 95 ms of training after each, 10 a second.
    const paper = runFor(0.05, 1000, 5);
    expect(paper.snapshots.length).toBeGreaterThanOrEqual(9);
    expect(paper.snapshots.length).toBeLessThanOrEqual(11);
    expect((paper.session.step * 0.05) / paper.clock.t).toBeGreaterThanOrEqual(0.94);
    // 100 ms per snapshot: 5% would mean one every 2 s; the cap makes it one a second.
    const costly = runFor(0.05, 10_000, 100);
    expect(costly.snapshots.length).toBeGreaterThanOrEqual(9);
    expect(costly.snapshots.length).toBeLessThanOrEqual(10);
    // 500 ms per snapshot (a big network on a slow machine): 1.5 s of training after each (a quarter of the time measuring).
    const slow = runFor(0.05, 10_000, 500);
    const trainedMs = slow.session.step * 0.05;
    expect(trainedMs / slow.clock.t).toBeGreaterThanOrEqual(0.73);
    expect(slow.snapshots.length).toBeGreaterThanOrEqual(4);
  });

  it('paces a run too fast to watch: at least snapshotsPerRun snapshots, at most one every minSnapshotMs', () => {
    // 3,000 steps at 0.1 ms a step would be over in 0.3 s with 6 snapshots; paced, 15 steps a snapshot, 20 a second.
    const { snapshots, session, stops, clock } = runFor(0.1, 60_000, 0, {}, 3_000);
    expect(stops).toEqual(['finished']);
    expect(session.step).toBe(3_000);
    expect(snapshots.length).toBeGreaterThanOrEqual(200);
    for (let i = 1; i < snapshots.length; i++) expect(snapshots[i].step - snapshots[i - 1].step).toBeLessThanOrEqual(15);
    expect(clock.t).toBeGreaterThanOrEqual(199 * 50);
    expect(clock.t).toBeLessThan(11_000);
  });

  it('does not pace a run that is slow enough already', () => {
    // 50,000 steps at 1 ms a step: 250 steps a snapshot would take 250 ms, more than the time rule's 50 ms.
    const paced = runFor(1, 1000, 0, {}, 50_000);
    const unpaced = runFor(1, 1000, 0, { snapshotsPerRun: 1 }, 50_000);
    expect(paced.session.step).toBe(unpaced.session.step);
    expect(paced.snapshots.map((s) => s.step)).toEqual(unpaced.snapshots.map((s) => s.step));
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
    const layer = (counts: Uint32Array) => ({ counts, under: 0, over: 0, mean: 0, std: 0, drift: 0, driftRaw: 0, saturation: 0 });
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
      // Not paced by steps (snapshotsPerRun 1): the ceiling alone holds the run.
      timing: { snapshotsPerRun: 1 },
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
