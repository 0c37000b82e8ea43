/**
 * Live views' redraws spread over animation frames under a time budget, so that a batch of worker
 * news does not redraw every chart in one long main-thread task. A view queues its redraw once
 * (queuing it again while it waits changes nothing: it will read the latest state when it runs);
 * each frame runs the waiting redraws in the order they were queued until the budget is spent,
 * and leaves the rest to the next frame. A redraw that starts always finishes (one view's redraw
 * is not split), so a frame's work is the budget plus at most one redraw.
 */

/** What a queue needs from its host: a clock and a way to run code on the next frame. */
export interface FrameQueueHost {
  /** Milliseconds, monotonic. */
  now: () => number;
  /** Run `cb` on the next frame; returns a function that cancels it. */
  requestFrame: (cb: () => void) => () => void;
}

/** A queue of redraws drained frame by frame. */
export interface FrameQueue {
  /** Queue `redraw` (once: queuing it again while it waits keeps its place); returns a function that takes it out. */
  schedule: (redraw: () => void) => () => void;
  /** Redraws waiting. */
  readonly size: number;
}

/**
 * A frame queue on `host`, spending about `budgetMs` a frame; `run` wraps each redraw (the app renders
 * it synchronously there, so the budget counts React's work for it too).
 */
export function createFrameQueue(host: FrameQueueHost, budgetMs: number, run: (redraw: () => void) => void = (r) => r()): FrameQueue {
  // A Set keeps insertion order, and deleting the entry being visited is safe while iterating.
  const waiting = new Set<() => void>();
  let cancelFrame: (() => void) | null = null;
  const drain = (): void => {
    cancelFrame = null;
    const start = host.now();
    try {
      for (const redraw of waiting) {
        waiting.delete(redraw);
        run(redraw);
        if (host.now() - start >= budgetMs) break;
      }
    } finally {
      // What is left (or queued by a redraw, or stranded by one that threw) runs next frame.
      if (waiting.size > 0) cancelFrame ??= host.requestFrame(drain);
    }
  };
  return {
    schedule(redraw) {
      waiting.add(redraw);
      cancelFrame ??= host.requestFrame(drain);
      return () => {
        waiting.delete(redraw);
      };
    },
    get size() {
      return waiting.size;
    },
  };
}
