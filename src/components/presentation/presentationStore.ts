/**
 * The presentation slice, apart from the experiment store: presentation mode (kept in the URL as
 * `present=1`), the shortcut help dialog, and narration, which pauses the free run and advances it
 * NARRATION_CHUNK steps every NARRATION_INTERVAL_MS through the experiment store's step(), with a
 * caption made from the live history.
 */
import { create } from 'zustand';
import { useExperimentStore } from '../../store/index.ts';
import { PRESENT_PARAM, readPresent } from '../../url/pageParams.ts';
import { hrefWithQueryParam } from '../../url/query.ts';
import { anchorFits, anchorFor, describeNarration } from './narration.ts';
import type { NarrationAnchor, NarrationCaption } from './narration.ts';

/** The query parameter of presentation mode (one of the URL codec's PASS_THROUGH_PARAMS). */
export { PRESENT_PARAM };
/** Steps narration takes at a time. */
export const NARRATION_CHUNK = 20;
/** Time between narration's steps and captions, ms. */
export const NARRATION_INTERVAL_MS = 1500;

/** The presentation slice. */
export interface PresentationState {
  /** Presentation (projector) mode: large type, thick lines, essential controls only. */
  presenting: boolean;
  /** The keyboard-shortcut help dialog is open. */
  helpOpen: boolean;
  narrating: boolean;
  /** The latest narration caption; null when not narrating (or before the run has data). */
  caption: NarrationCaption | null;
  actions: PresentationActions;
}

/** What the presentation controls can ask for. */
export interface PresentationActions {
  setPresenting(on: boolean): void;
  setHelpOpen(open: boolean): void;
  /** Pause the free run and narrate it chunk by chunk. */
  startNarration(): void;
  /** Stop narrating; `resume` (default true) plays the run freely again. */
  stopNarration(resume?: boolean): void;
}

/** True when `search` turns presentation mode on (`present=1` or `present=true`; another value is named in the link's notice, src/url/pageParams.ts). */
export function presentFromSearch(search: string): boolean {
  return readPresent(search).on;
}

/** `href` with presentation mode set or removed, every other parameter kept as written. */
export function hrefWithPresent(href: string, on: boolean): string {
  return hrefWithQueryParam(href, PRESENT_PARAM, on ? '1' : null);
}

function initialPresenting(): boolean {
  return typeof window !== 'undefined' && presentFromSearch(window.location.search);
}

/** The presentation store. Narration's timer and anchor live in this closure, outside React. */
export const usePresentationStore = create<PresentationState>()((set, get) => {
  let timer: ReturnType<typeof setInterval> | null = null;
  let anchor: NarrationAnchor | null = null;
  /** The experiment's step when narration last asked for a chunk. */
  let askedAt = 0;

  const halt = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    anchor = null;
  };

  /** One beat of narration: a caption for what the last chunk did, then the next chunk (`force`: the run was just paused). */
  const tick = (force = false): void => {
    const experiment = useExperimentStore.getState();
    const { runState, history, step, actions } = experiment;
    if (runState === 'finished' || runState === 'error') return get().actions.stopNarration(false);
    // Running well past the chunk it asked for: someone pressed Play; the free run takes over.
    if (runState === 'running' && step > askedAt + 2 * NARRATION_CHUNK) return get().actions.stopNarration(false);
    if (runState === 'loading' || !history) return;
    if (!anchor || !anchorFits(anchor, history)) anchor = anchorFor(history);
    set({ caption: describeNarration(history, anchor) });
    if (force || runState !== 'running') {
      askedAt = step;
      actions.step(NARRATION_CHUNK);
    }
  };

  return {
    presenting: initialPresenting(),
    helpOpen: false,
    narrating: false,
    caption: null,
    actions: {
      setPresenting: (on) => {
        set({ presenting: on });
        if (typeof window !== 'undefined') {
          const next = hrefWithPresent(window.location.href, on);
          if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
        }
      },
      setHelpOpen: (open) => set({ helpOpen: open }),
      startNarration: () => {
        if (get().narrating) return;
        halt();
        const { runState, actions } = useExperimentStore.getState();
        if (runState === 'running') actions.pause();
        set({ narrating: true, caption: null });
        askedAt = useExperimentStore.getState().step;
        tick(true);
        if (get().narrating) timer = setInterval(() => tick(), NARRATION_INTERVAL_MS);
      },
      stopNarration: (resume = true) => {
        if (!get().narrating) return;
        halt();
        set({ narrating: false, caption: null });
        if (resume) useExperimentStore.getState().actions.play();
      },
    },
  };
});
