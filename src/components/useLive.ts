/**
 * Fast store values read without re-rendering the React tree: a subscription that
 * updates at most once per animation frame (zustand's transient-update pattern).
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { OFFSCREEN_REFRESH_MS } from '../charts/useInView.ts';
import { useExperimentStore } from '../store/index.ts';
import type { ExperimentState } from '../store/index.ts';

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
 * A store value, re-read at most once per frame; only the calling component re-renders.
 * While `enabled` is false (the component is scrolled out of view) it is re-read only every
 * OFFSCREEN_REFRESH_MS; it catches up as soon as it is enabled again.
 */
export function useFrameValue<T>(selector: (s: ExperimentState) => T, enabled = true): T {
  const [value, setValue] = useState(() => selector(useExperimentStore.getState()));
  const selectorRef = useRef(selector);
  const enabledRef = useRef(enabled);
  // Cancels the pending read (a frame, or a slow timer while off screen); null when none is pending.
  const pendingRef = useRef<(() => void) | null>(null);
  useEffect(() => {
    selectorRef.current = selector;
  });
  useEffect(() => {
    enabledRef.current = enabled;
    if (!enabled) return;
    // Back in view: drop a slow read still pending and catch up now.
    pendingRef.current?.();
    pendingRef.current = null;
    setValue(() => selectorRef.current(useExperimentStore.getState()));
  }, [enabled]);
  useEffect(() => {
    const read = (): void => {
      pendingRef.current = null;
      setValue(() => selectorRef.current(useExperimentStore.getState()));
    };
    const unsubscribe = useExperimentStore.subscribe(
      (s) => selectorRef.current(s),
      () => {
        if (pendingRef.current) return;
        if (enabledRef.current) {
          pendingRef.current = nextFrame(read);
        } else {
          const id = setTimeout(read, OFFSCREEN_REFRESH_MS);
          pendingRef.current = () => clearTimeout(id);
        }
      },
    );
    // Catch a change between the first render and the subscription.
    setValue(() => selectorRef.current(useExperimentStore.getState()));
    return () => {
      unsubscribe();
      pendingRef.current?.();
      pendingRef.current = null;
    };
  }, []);
  return value;
}

/** The run history, re-read at most once per frame (every OFFSCREEN_REFRESH_MS while `enabled` is false). */
export function useLiveHistory(enabled = true): ExperimentState['history'] {
  return useFrameValue((s) => s.history, enabled);
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
