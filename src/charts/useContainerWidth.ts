/**
 * The width of a chart's container, followed with a ResizeObserver, so charts fit from a phone to a projector.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { chart } from '../theme.ts';

/** A ref to put on the container, and its current content width in px (a fallback until measured, or without ResizeObserver). */
export function useContainerWidth<T extends HTMLElement>(fallback: number = chart.fallbackWidth): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
