/**
 * Keeps the open step's chart marked (data-tour-focus) and, for a moment after the step opens,
 * fully in view: the page's layout settles after a preset change (charts appear, the lab opens),
 * so the target is brought back into view until SETTLE_MS have passed or the reader scrolls.
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { bringIntoView, findTarget, markFocus, markVeil } from './tourTargets.ts';
import type { TourTarget } from './tourTargets.ts';

/** How long after a step opens the tour keeps its chart in view while the layout settles, ms. */
const SETTLE_MS = 2500;
/** How often the mark and the view are checked, ms. */
const TICK_MS = 200;

/**
 * Point at `target` while it is set (null: the tour is closed); `visit` changes on every visit, so
 * each visit scrolls again. `veiled`: the target is blurred, its answer hidden until the student predicts.
 */
export function useTourFocus(target: TourTarget | null, visit: number, cardRef: RefObject<HTMLElement | null>, veiled = false): void {
  useEffect(() => {
    if (target === null) {
      markFocus(null);
      return undefined;
    }
    const started = Date.now();
    let settling = true;
    // The reader takes over: no more scrolling for them.
    const stop = (): void => { settling = false; };
    const events = ['wheel', 'touchmove', 'keydown'] as const;
    for (const name of events) window.addEventListener(name, stop, { passive: true });
    const tick = (): void => {
      const element = findTarget(target);
      markFocus(element);
      markVeil(veiled ? element : null);
      if (settling && Date.now() - started > SETTLE_MS) settling = false;
      if (element && settling) bringIntoView(element, cardRef.current);
    };
    // After React has painted the step (and the preset's first layout).
    const frame = requestAnimationFrame(tick);
    const timer = setInterval(tick, TICK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(timer);
      for (const name of events) window.removeEventListener(name, stop);
      markFocus(null);
      markVeil(null);
    };
  }, [target, visit, cardRef, veiled]);
}
