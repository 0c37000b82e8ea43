/**
 * The content size of an element, followed with a ResizeObserver: a slide cell's charts take the room
 * the slide's grid gives them, so the whole slide fits one screen whatever its size. Sizes are the
 * element's own CSS px (inside the page's zoom), as the charts draw them.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/** A box's width and height, px; 0 until measured. */
export interface BoxSize {
  width: number;
  height: number;
}

/** A ref to put on the element, and its current content size (0 x 0 until measured, or without ResizeObserver). */
export function useBoxSize<T extends HTMLElement>(): [RefObject<T | null>, BoxSize] {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState<BoxSize>({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (!rect) return;
      const next = { width: Math.floor(rect.width), height: Math.floor(rect.height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
