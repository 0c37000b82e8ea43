/**
 * The presentation slice, apart from the experiment store: presentation mode (kept in the URL as
 * `present=1`), the shortcut help dialog, and narration, which pauses the free run, rewinds it to step 0
 * when it was further on (the same run replays: same weights, same batches), and advances it a chunk
 * (narrationChunk: 20 steps at first, more later) every NARRATION_INTERVAL_MS through the experiment
 * store's step(), with a caption made from the live history.
 */
import { create } from 'zustand';
import { useExperimentStore } from '../../store/index.ts';
import { PRESENT_PARAM, readPresent } from '../../url/pageParams.ts';
import { hrefWithQueryParam } from '../../url/query.ts';
import { describeNarration, narrationChunk, slowestStep } from './narration.ts';
import type { NarrationCaption, NarrationStart } from './narration.ts';
import { saturates } from '../../experiment/applies.ts';
import type { ExperimentConfig } from '../../experiment/settings.ts';
import type { RunHistory } from '../../store/types.ts';

/** The query parameter of presentation mode (one of the URL codec's PASS_THROUGH_PARAMS). */
export { PRESENT_PARAM };
/** Steps narration takes at a time at first (narrationChunk: more later on). */
export const NARRATION_CHUNK = narrationChunk(0);
/** Time between narration's steps and captions, ms. */
export const NARRATION_INTERVAL_MS = 1500;

/** The presentation slice. */
export interface PresentationState {
  /** Presentation (projector) mode: large type, thick lines, essential controls only. */
  presenting: boolean;
  /** The keyboard-shortcut help dialog is open. */
  helpOpen: boolean;
  narrating: boolean;
  /** The latest narration caption; null when not narrating (or while rewinding to step 0). */
  caption: NarrationCaption | null;
  /** Steps narration takes at a time now. */
  chunk: number;
  actions: PresentationActions;
}

/** What the presentation controls can ask for. */
export interface PresentationActions {
  setPresenting(on: boolean): void;
  setHelpOpen(open: boolean): void;
  /** Pause the free run, rewind it to step 0 if it was further on, and narrate it chunk by chunk. */
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

/** The presentation store. Narration's timer and where it stands live in this closure, outside React. */
export const usePresentationStore = create<PresentationState>()((set, get) => {
  let timer: ReturnType<typeof setInterval> | null = null;
  /**
   * Where narration stands: waiting for the run to load, rewinding run `runId` to step 0 (until the reset run
   * arrives), or narrating.
   */
  let phase: { type: 'waiting' } | { type: 'rewinding'; runId: number } | { type: 'narrating' } = { type: 'waiting' };
  let start: NarrationStart = 'fresh';
  /** The experiment's step when narration last asked for a chunk, and the chunk's size. */
  let askedAt = 0;
  let askedChunk = NARRATION_CHUNK;

  /** Stops the caption following the history. */
  let unfollow: (() => void) | null = null;

  const halt = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    unfollow?.();
    unfollow = null;
    phase = { type: 'waiting' };
  };

  /** The caption for the history the charts draw now. */
  const caption = (history: RunHistory, scrubStep: number | null, activation: ExperimentConfig['activation']): void => {
    set({ caption: describeNarration(history, { marker: scrubStep, start, saturates: saturates(activation) }) });
  };

  /** One beat of narration: a caption for what the last chunk did, then the next chunk (`force`: ask now). */
  const tick = (force = false): void => {
    const experiment = useExperimentStore.getState();
    const { runState, history, step, actions, scrubStep, config } = experiment;
    if (runState === 'error') return get().actions.stopNarration(false);
    if (phase.type === 'waiting') {
      if (runState === 'loading' || !history) return;
      if (runState === 'running') actions.pause();
      // The charts draw the run from step 0: narration tells it from there too, replaying it when it was further on.
      if (slowestStep(history) > 0 || step > 0) {
        start = 'replay';
        phase = { type: 'rewinding', runId: history.runId };
        actions.reset();
        return;
      }
      start = 'fresh';
      phase = { type: 'narrating' };
      force = true;
      askedAt = 0;
    }
    if (phase.type === 'rewinding') {
      // Wait for the reset run (a new runId at step 0), then narrate it from its start.
      if (runState === 'loading' || !history || history.runId === phase.runId) return;
      phase = { type: 'narrating' };
      force = true;
      askedAt = 0;
    }
    if (runState === 'finished') return get().actions.stopNarration(false);
    // Running well past the chunk it asked for: someone pressed Play; the free run takes over.
    if (runState === 'running' && step > askedAt + 2 * askedChunk) return get().actions.stopNarration(false);
    if (runState === 'loading' || !history) return;
    caption(history, scrubStep, config.activation);
    if (force || runState !== 'running') {
      askedAt = step;
      askedChunk = narrationChunk(step);
      set({ chunk: askedChunk });
      actions.step(askedChunk);
    }
  };
  return {
    presenting: initialPresenting(),
    helpOpen: false,
    narrating: false,
    caption: null,
    chunk: NARRATION_CHUNK,
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
        set({ narrating: true, caption: null, chunk: NARRATION_CHUNK });
        // The caption follows each snapshot (and the scrubber) as the charts do, not one beat behind them.
        unfollow = useExperimentStore.subscribe((state, previous) => {
          if (phase.type !== 'narrating' || !state.history) return;
          if (state.history !== previous.history || state.scrubStep !== previous.scrubStep) caption(state.history, state.scrubStep, state.config.activation);
        });
        tick();
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
