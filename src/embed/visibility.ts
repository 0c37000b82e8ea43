/**
 * An embed costs its host nothing while nobody sees it: training pauses when the tab is hidden
 * (document.visibilityState) or the embed is scrolled out of the host's viewport (an
 * IntersectionObserver with the implicit root on the app's root element, which inside an iframe
 * reports the iframe's visibility in the top-level viewport), and resumes when it is seen
 * again, only if it was playing.
 */
import type { RunState } from '../worker/protocol.ts';

/** What the pauser needs from the page and the store (tests pass fakes). */
export interface VisibilityPauserDeps {
  /** The element whose visibility counts (the embed's root). */
  target: Element;
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  /** The IntersectionObserver constructor; undefined where there is none (then only the tab's visibility counts). */
  IntersectionObserver: typeof IntersectionObserver | undefined;
  runState: () => RunState;
  /** Calls back on every run-state change; returns the unsubscribe function. */
  onRunState: (listener: (state: RunState) => void) => () => void;
  play: () => void;
  pause: () => void;
}

/** Start pausing and resuming with visibility; returns the function that stops it. */
export function pauseWhenHidden(deps: VisibilityPauserDeps): () => void {
  let intersecting = true;
  let resumeOnShow = false;
  const visible = (): boolean => intersecting && deps.document.visibilityState !== 'hidden';

  const hideIfRunning = (): void => {
    if (visible() || deps.runState() !== 'running') return;
    resumeOnShow = true;
    deps.pause();
  };
  const update = (): void => {
    if (!visible()) {
      hideIfRunning();
      return;
    }
    if (resumeOnShow) {
      resumeOnShow = false;
      // 'running' too: the pause sent on hiding may not have arrived yet; commands keep their order.
      const state = deps.runState();
      if (state === 'paused' || state === 'running') deps.play();
    }
  };

  const onVisibility = (): void => update();
  deps.document.addEventListener('visibilitychange', onVisibility);
  // A run that starts (autoplay after loading) while out of sight is paused at once, and remembered.
  const offRunState = deps.onRunState(() => hideIfRunning());
  let observer: IntersectionObserver | null = null;
  if (deps.IntersectionObserver) {
    observer = new deps.IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      intersecting = entry.isIntersecting;
      update();
    });
    observer.observe(deps.target);
  }
  update();
  return () => {
    deps.document.removeEventListener('visibilitychange', onVisibility);
    offRunState();
    observer?.disconnect();
  };
}
