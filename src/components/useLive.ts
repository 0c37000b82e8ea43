/**
 * Fast store values read without re-rendering the React tree: a subscription that
 * updates at most once per animation frame (zustand's transient-update pattern). The charts'
 * history reads take turns under a time budget a frame (frameQueue.ts), so that no task redraws them all.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { flushSync } from 'react-dom';
import { OFFSCREEN_REFRESH_MS } from '../charts/useInView.ts';
import { useExperimentStore } from '../store/index.ts';
import type { NetworkId } from '../experiment/types.ts';
import type { ExperimentState } from '../store/index.ts';
import type { RunHistory } from '../store/types.ts';
import { createFrameQueue } from './frameQueue.ts';

/** requestAnimationFrame, or a 16 ms timer where there is none. */
function nextFrame(cb: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(cb);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(cb, 16);
  return () => clearTimeout(id);
}

/**
 * `cb` in a task of its own just after the next frame is drawn, not inside the frame's task, which
 * also does the style, layout and paint of what the last redraws changed.
 */
function afterNextFrame(cb: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelFrame = nextFrame(() => {
    timer = setTimeout(cb, 0);
  });
  return () => {
    cancelFrame();
    clearTimeout(timer);
  };
}

/**
 * Main-thread time spent on chart redraws after a frame before the rest wait for the next one, ms.
 * A batch of worker news (every POOL_BATCH_MS) changes every chart; redrawn in one React render they
 * made one task of up to 30 ms of CPU, and on a main thread 3x slower (bench:ui --cpu-slowdown 3)
 * about three times as many tasks over 50 ms as in turns (README, Speed).
 */
export const FRAME_BUDGET_MS = 6;

/**
 * The live views' redraws, spread over frames. Each is rendered at once (flushSync) so the budget counts
 * React's render, commit and effects for it, and the next view's starts only if time is left.
 */
const frames = createFrameQueue({ now: () => performance.now(), requestFrame: afterNextFrame }, FRAME_BUDGET_MS, (redraw) => flushSync(redraw));

/**
 * A store value, re-read at most once per frame; only the calling component re-renders, and only
 * when the value changed by `equal` (Object.is unless given).
 * While `enabled` is false (the component is scrolled out of view) it is re-read only every
 * OFFSCREEN_REFRESH_MS; it catches up as soon as it is enabled again.
 */
export function useFrameValue<T>(selector: (s: ExperimentState) => T, enabled = true, equal: (a: T, b: T) => boolean = Object.is): T {
  return useScheduledValue(selector, enabled, equal, nextFrame);
}

/**
 * useFrameValue's work: a store value re-read when `schedule` runs the read it is given (the next
 * frame, or the chart's turn in the frame queue).
 */
function useScheduledValue<T>(selector: (s: ExperimentState) => T, enabled: boolean, equal: (a: T, b: T) => boolean, schedule: (read: () => void) => () => void): T {
  const [value, setValue] = useState(() => selector(useExperimentStore.getState()));
  const selectorRef = useRef(selector);
  const equalRef = useRef(equal);
  const enabledRef = useRef(enabled);
  // Cancels the pending read (a frame, or a slow timer while off screen); null when none is pending.
  const pendingRef = useRef<(() => void) | null>(null);
  useEffect(() => {
    selectorRef.current = selector;
    equalRef.current = equal;
  });
  // The latest value, kept when equal to the one shown (so the component does not re-render for it).
  const reread = (prev: T): T => {
    const next = selectorRef.current(useExperimentStore.getState());
    return equalRef.current(prev, next) ? prev : next;
  };
  useEffect(() => {
    enabledRef.current = enabled;
    if (!enabled) return;
    // Back in view: drop a slow read still pending and catch up now.
    pendingRef.current?.();
    pendingRef.current = null;
    setValue(reread);
    // reread only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
  useEffect(() => {
    const read = (): void => {
      pendingRef.current = null;
      setValue(reread);
    };
    const unsubscribe = useExperimentStore.subscribe(
      (s) => selectorRef.current(s),
      () => {
        if (pendingRef.current) return;
        if (enabledRef.current) {
          pendingRef.current = schedule(read);
        } else {
          const id = setTimeout(() => {
            pendingRef.current = schedule(read);
          }, OFFSCREEN_REFRESH_MS);
          pendingRef.current = () => clearTimeout(id);
        }
      },
      { equalityFn: (a, b) => equalRef.current(a, b) },
    );
    // Catch a change between the first render and the subscription.
    setValue(reread);
    return () => {
      unsubscribe();
      pendingRef.current?.();
      pendingRef.current = null;
    };
    // reread only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return value;
}

/**
 * The run history for a chart, re-read in the chart's turn of the frame queue (every OFFSCREEN_REFRESH_MS
 * while `enabled` is false). Small values (a status line, the scrub step) use useFrameValue and are not
 * held behind the charts.
 */
export function useLiveHistory(enabled = true): ExperimentState['history'] {
  return useScheduledValue(selectHistory, enabled, Object.is, frames.schedule);
}

const selectHistory = (s: ExperimentState): ExperimentState['history'] => s.history;

/** What a panel lays out from the run history, without its data: which networks, how many layers each, the tracked unit. */
export interface HistoryShape {
  /** False until the first snapshot (no history yet). */
  loaded: boolean;
  networks: readonly { id: NetworkId; layers: number }[];
  /** Hidden layers of the run's networks. */
  depth: number;
  tracked: { layer: number; unit: number } | null;
}

/** The shape of `history` (a new object on every call). */
export function historyShape(history: RunHistory | null): HistoryShape {
  return {
    loaded: history !== null,
    networks: (history?.networks ?? []).map((n) => ({ id: n.id, layers: n.layers.length })),
    depth: history?.hiddenUnits.length ?? 0,
    tracked: history ? { layer: history.tracked.layer, unit: history.tracked.unit } : null,
  };
}

/** Whether two shapes lay out the same panel. */
export function sameShape(a: HistoryShape, b: HistoryShape): boolean {
  return a.loaded === b.loaded && a.depth === b.depth && a.tracked?.layer === b.tracked?.layer && a.tracked?.unit === b.tracked?.unit &&
    a.networks.length === b.networks.length && a.networks.every((n, i) => n.id === b.networks[i].id && n.layers === b.networks[i].layers);
}

/**
 * The history's shape, for a panel that lays out charts which read the data themselves (LiveHistory):
 * the panel re-renders only when the shape changes, not on every snapshot.
 */
export function useHistoryShape(enabled = true): HistoryShape {
  return useFrameValue((s) => historyShape(s.history), enabled, sameShape);
}

/**
 * Renders `children(history)` from a subscription of its own (useLiveHistory), so each chart of a panel
 * redraws in its own turn of the frame queue instead of all of them in one long task.
 */
export function LiveHistory({ enabled = true, children }: { enabled?: boolean; children: (history: RunHistory | null) => ReactNode }): ReactNode {
  return children(useLiveHistory(enabled));
}

/** Write `format(value)` into a ref'd element's text on every frame the value changes, without React. */
export function useLiveText<T, E extends HTMLElement>(selector: (s: ExperimentState) => T, format: (v: T) => string): RefObject<E | null> {
  const ref = useRef<E | null>(null);
  const formatRef = useRef(format);
  useEffect(() => {
    formatRef.current = format;
  });
  useEffect(() => {
    const write = (): void => {
      if (ref.current) ref.current.textContent = formatRef.current(selector(useExperimentStore.getState()));
    };
    write();
    let cancel: (() => void) | null = null;
    const unsubscribe = useExperimentStore.subscribe(selector, () => {
      if (cancel) return;
      cancel = nextFrame(() => {
        cancel = null;
        write();
      });
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
    // The selector is fixed for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
