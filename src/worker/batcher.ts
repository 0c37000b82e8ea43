/**
 * Holds events and passes them on together at most every `batchMs` (0: at once), in order: the
 * pool's merged stream goes through one, so the page redraws once per batch rather than once per
 * worker message. No DOM: the timer is injected.
 */
export interface EventBatcher<T> {
  /** Pass `event` on now (batchMs 0) or with the next batch, which waits at most batchMs. */
  emit(event: T): void;
  /** Pass on what waits now. */
  flush(): void;
  /** Drop what waits (its timer then passes on nothing). */
  clear(): void;
}

/** A batcher delivering to `deliver`, its batches timed by `setTimer`. */
export function createEventBatcher<T>(deliver: (event: T) => void, batchMs: number, setTimer: (task: () => void, ms: number) => void): EventBatcher<T> {
  let batch: T[] | null = null;
  const flush = (): void => {
    const events = batch ?? [];
    batch = null;
    events.forEach(deliver);
  };
  return {
    emit(event) {
      if (batchMs <= 0) return deliver(event);
      if (batch) return void batch.push(event);
      batch = [event];
      setTimer(flush, batchMs);
    },
    flush,
    clear() {
      batch = null;
    },
  };
}
