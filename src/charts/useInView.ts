/**
 * Whether an element is on (or near) the screen, followed with an IntersectionObserver,
 * so charts scrolled out of view skip their redraws and catch up when they come back.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/** How often a chart scrolled out of view takes in the run's new data, ms (it catches up as soon as it is back). */
export const OFFSCREEN_REFRESH_MS = 2000;

/** How far outside the viewport an element still counts as in view (it is drawn before it scrolls in). */
const MARGIN = '200px';

/** A ref to put on the element, and whether it is in view (always true where there is no IntersectionObserver, as in jsdom). */
export function useInView<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) setInView(last.isIntersecting);
      },
      { rootMargin: MARGIN },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, inView];
}
