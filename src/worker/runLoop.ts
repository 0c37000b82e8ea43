/**
 * The worker's training loop: trains a session in time slices that yield to the event loop,
 * sizes each advance() from the measured speed, and sends snapshots at a steady rate: every
 * 50 ms at most, spaced out when a snapshot itself is costly so that measuring takes a small
 * share of the time, and at least every maxSteps / snapshotsPerRun steps, so that a run too
 * fast to watch is paced to one that draws a picture.
 */
import type { Session, Snapshot } from '../experiment/types.ts';

/** Timing of the loop, in milliseconds of the injected clock. */
export interface LoopTiming {
  /** How long a slice trains before yielding to pending commands. */
  sliceMs: number;
  /** Target duration of one advance() call; the clock is read between calls. */
  chunkMs: number;
  /** Shortest time between snapshots (at most ~20 a second). */
  minSnapshotMs: number;
  /**
   * Share of the time spent taking snapshots: a snapshot costing c ms is followed by
   * c * (1 - share) / share ms of training (0.05: 19c). A 2.6 ms snapshot or cheaper gives
   * 20 a second; the paper's MNIST network (4 to 6 ms: probe pass, sorts, histograms, test set)
   * about 10. Measured in bench:ui: 0.05 instead of 0.25 trains 20% more steps a second.
   */
  snapshotShare: number;
  /**
   * Longest time between snapshots, whatever snapshotShare asks: a costly snapshot (a big
   * network on a slow device) still comes once this often, or after 3c of training when that is
   * longer (snapshots then take a quarter of the time).
   */
  maxSnapshotMs: number;
  /**
   * A run gets at least this many snapshots: no more than maxSteps / snapshotsPerRun steps pass
   * between two, and the loop rests until minSnapshotMs has passed when it gets there first.
   * A small network that would finish its 3,000 steps in half a second with a handful of
   * snapshots then trains for 10 s and draws 200 points.
   */
  snapshotsPerRun: number;
  /** Largest advance() call, in steps. */
  maxChunkSteps: number;
  /** Between costly snapshots, report the step count this often (a cheap 'state' event). */
  progressMs: number;
  /** While held at the ceiling, look again this often. */
  waitMs: number;
  /**
   * Share of the time the loop rests between slices (0..0.9), leaving a core to the page when
   * the training workers take them all: the charts then keep their frame rate.
   */
  restShare: number;
}

/** The defaults: ~60 slices a second, a snapshot every 50 ms to 1 s (5% of the time), 200 or more a run. */
export const DEFAULT_LOOP_TIMING: LoopTiming = {
  sliceMs: 16, chunkMs: 4, minSnapshotMs: 50, snapshotShare: 0.05, maxSnapshotMs: 1_000, snapshotsPerRun: 200,
  maxChunkSteps: 100_000, progressMs: 100, waitMs: 20, restShare: 0,
};

/** Why the loop stopped by itself: the run's maxSteps, a 'step N' target, or every network diverged. */
export type StopReason = 'finished' | 'target' | 'diverged';

/** What the loop needs from the handler. */
export interface RunLoopDeps {
  now(): number;
  /** Run `task` after pending messages, and after `delayMs` when given. */
  schedule(task: () => void, delayMs?: number): void;
  timing?: Partial<LoopTiming>;
  /** The current session (null when none). */
  session(): Session | null;
  /** The run stops (state 'finished') when the session reaches this step. */
  maxSteps(): number;
  /** While running, no step past this one: the loop waits at it, still running (default none). */
  ceiling?(): number | null;
  postSnapshot(snapshot: Snapshot, transfer: ArrayBuffer[]): void;
  /** Called once when the loop stops by itself, after the final snapshot was posted. */
  onStop(reason: StopReason): void;
  /** Called when training throws; the loop has stopped. */
  onError(error: unknown): void;
  /** The step count between snapshots, every progressMs while snapshots are spaced out. */
  onProgress?(step: number): void;
}

/** A snapshot and the buffers it can hand over. */
export interface MeasuredSnapshot {
  snapshot: Snapshot;
  transfer: ArrayBuffer[];
}

/** The loop's controls. */
export interface RunLoop {
  /** Train until stopped, or for `count` more steps when given. */
  start(count: number | null): void;
  /** Stop training; a slice in flight ends at its next check. */
  stop(): void;
  /** Take a snapshot of the session now (speed measured since the previous one). */
  measure(): MeasuredSnapshot;
  /** measure() and post it. */
  sendSnapshot(): void;
  /** True between start() and a stop. */
  readonly running: boolean;
}

/** The distinct buffers of a snapshot's histogram counts (fixed and fitted), to transfer rather than copy. */
export function snapshotTransferables(snapshot: Snapshot): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const frame of snapshot.frames) {
    for (const layer of frame.layers) {
      if (layer.counts.buffer instanceof ArrayBuffer) buffers.add(layer.counts.buffer);
      if (layer.fitted?.counts.buffer instanceof ArrayBuffer) buffers.add(layer.fitted.counts.buffer);
    }
  }
  return [...buffers];
}

/** A loop bound to `deps`. */
export function createRunLoop(deps: RunLoopDeps): RunLoop {
  const timing: LoopTiming = { ...DEFAULT_LOOP_TIMING, ...deps.timing };
  let running = false;
  let token = 0;
  let target: number | null = null;
  /** Measured training speed (EMA); null until the first chunk. */
  let stepsPerMs: number | null = null;
  let snapshotCostMs = 0;
  let markTime = 0;
  let markStep = 0;
  let progressTime = 0;
  /** The step the loop is held at by the ceiling (null: not held). */
  let heldAt: number | null = null;

  const mark = (): void => {
    markTime = deps.now();
    progressTime = markTime;
    markStep = deps.session()?.step ?? 0;
  };

  const measure = (): MeasuredSnapshot => {
    const session = deps.session();
    if (!session) throw new Error('no session to measure');
    const start = deps.now();
    const steps = session.step - markStep;
    const elapsed = start - markTime;
    const speed = steps > 0 && elapsed > 0 ? (steps / elapsed) * 1000 : 0;
    const snapshot = session.snapshot(speed);
    const cost = deps.now() - start;
    snapshotCostMs = snapshotCostMs === 0 ? cost : 0.7 * snapshotCostMs + 0.3 * cost;
    mark();
    return { snapshot, transfer: snapshotTransferables(snapshot) };
  };

  const sendSnapshot = (): void => {
    const { snapshot, transfer } = measure();
    deps.postSnapshot(snapshot, transfer);
  };

  const chunkSize = (): number => {
    if (stepsPerMs === null) return 1;
    return Math.max(1, Math.min(timing.maxChunkSteps, Math.floor(stepsPerMs * timing.chunkMs)));
  };

  const learnSpeed = (steps: number, elapsed: number): void => {
    // A coarse clock can read 0 ms for a fast chunk: then the speed is at least twice the guess.
    const rate = elapsed > 0 ? steps / elapsed : Math.max(stepsPerMs ?? 0, steps) * 2;
    stepsPerMs = stepsPerMs === null ? rate : 0.7 * stepsPerMs + 0.3 * rate;
  };

  /** Training time between the end of one snapshot and the next. */
  const snapshotInterval = (): number => {
    const spaced = (snapshotCostMs * (1 - timing.snapshotShare)) / timing.snapshotShare;
    return Math.max(timing.minSnapshotMs, Math.min(spaced, Math.max(timing.maxSnapshotMs, 3 * snapshotCostMs)));
  };

  /** The step by which the next snapshot is due, whatever the time (see snapshotsPerRun). */
  const dueStep = (): number => markStep + Math.max(1, Math.ceil(deps.maxSteps() / timing.snapshotsPerRun));

  const halt = (reason: StopReason): void => {
    running = false;
    token += 1;
    sendSnapshot();
    deps.onStop(reason);
  };

  /** The reason to stop now, if any. */
  const stopReason = (session: Session): StopReason | null => {
    if (session.allDiverged) return 'diverged';
    if (session.step >= deps.maxSteps()) return 'finished';
    if (target !== null && session.step >= target) return 'target';
    return null;
  };

  /**
   * Held at the ceiling: say so at once (the pool raises the ceiling when the slowest network
   * is the one held) and then now and then (the pool's silence watch listens); look again soon.
   */
  const wait = (mine: number, step: number): void => {
    const now = deps.now();
    const justHeld = heldAt !== step;
    heldAt = step;
    if (deps.onProgress && (justHeld || now - progressTime >= timing.progressMs)) {
      progressTime = now;
      deps.onProgress(step);
    }
    deps.schedule(() => tick(mine), timing.waitMs);
  };

  const tick = (mine: number): void => {
    if (mine !== token || !running) return;
    try {
      const session = deps.session();
      if (!session) {
        running = false;
        return;
      }
      const sliceStart = deps.now();
      for (let chunks = 0; ; chunks += 1) {
        const reason = stopReason(session);
        if (reason) return halt(reason);
        const ceiling = deps.ceiling?.() ?? Number.POSITIVE_INFINITY;
        if (session.step >= ceiling) return wait(mine, session.step);
        const due = dueStep();
        if (session.step >= due) {
          // Paced: the snapshot is due by steps before its time; rest until then.
          const early = markTime + timing.minSnapshotMs - deps.now();
          if (early > 0) return deps.schedule(() => tick(mine), early);
          sendSnapshot();
          break;
        }
        const limit = Math.min(deps.maxSteps(), target ?? Number.POSITIVE_INFINITY, ceiling, due);
        const count = Math.min(limit - session.step, chunkSize());
        const before = deps.now();
        session.advance(count);
        const after = deps.now();
        learnSpeed(count, after - before);
        const late = stopReason(session);
        if (late) return halt(late);
        if (after - markTime >= snapshotInterval()) {
          sendSnapshot();
          break;
        }
        if (deps.onProgress && after - progressTime >= timing.progressMs) {
          progressTime = after;
          deps.onProgress(session.step);
        }
        if (after - sliceStart >= timing.sliceMs || chunks >= 64) break;
      }
      const share = Math.min(0.9, Math.max(0, timing.restShare));
      const rest = share > 0 ? ((deps.now() - sliceStart) * share) / (1 - share) : 0;
      deps.schedule(() => tick(mine), rest);
    } catch (error) {
      running = false;
      token += 1;
      deps.onError(error);
    }
  };

  return {
    start(count) {
      const session = deps.session();
      target = count === null || !session ? null : session.step + count;
      running = true;
      token += 1;
      mark();
      const mine = token;
      deps.schedule(() => tick(mine));
    },
    stop() {
      running = false;
      target = null;
      token += 1;
    },
    measure,
    sendSnapshot,
    get running() {
      return running;
    },
  };
}
