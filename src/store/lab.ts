/**
 * The lab's store (zustand, apart from the experiment store): the chosen job, its params as
 * edited, the run's status and progress, and the last result with the params and config it ran
 * on. The address bar holds the shown result's job and params (./labUrl.ts), so a link runs it
 * again and shows the same result. Knows no job: the lab panel parses and encodes params.
 */
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { labClient } from '../worker/labClient.ts';
import type { LabClient } from '../worker/labClient.ts';
import type { LabEvent } from '../worker/labProtocol.ts';
import { useExperimentStore } from './index.ts';
import { readLabQuery, replaceLabUrl } from './labUrl.ts';
import type { LabUrlState } from './labUrl.ts';

/** A link's lab job costing more training steps than this asks before it runs (a confirm panel with its cost). */
export const LAB_CONFIRM_STEPS = 100_000;

/** Where a lab run stands. */
export type LabStatus =
  | { type: 'idle' }
  /** A link asked for a job over LAB_CONFIRM_STEPS: shown with its cost, it runs only on Run. */
  | { type: 'confirm'; start: LabRunStart }
  /** `done` of `total` cost units; `cancelling` after Cancel until the worker stops. */
  | { type: 'running'; done: number; total: number; cancelling: boolean }
  | { type: 'done' }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

/** A finished run: what it ran and what it found. */
export interface LabOutcome {
  jobId: string;
  params: unknown;
  /** The params as text for the URL (job.encode). */
  encoded: Record<string, string>;
  config: ExperimentConfig;
  result: unknown;
}

/** What the lab panel asks to run. */
export interface LabRunStart {
  jobId: string;
  params: unknown;
  encoded: Record<string, string>;
  config: ExperimentConfig;
  /** job.cost: the progress bar's total until the worker reports. */
  cost: number;
}

/** Lab actions. */
export interface LabActions {
  /** Open the lab on job `id` with its default params (the guided tour calls this). */
  openJob(id: string): void;
  /** Show or hide the lab's workbench. */
  setOpen(open: boolean): void;
  /** Choose job `id` (its fields back to their defaults). */
  chooseJob(id: string): void;
  /** Edit the text of param `name`. */
  setRaw(name: string, text: string): void;
  /** Run a job in the lab worker (a run still going is cancelled). */
  run(start: LabRunStart): void;
  /**
   * Run the link's job (the lab panel parsed it; `raw` is the link's params it knows): at once, or,
   * over LAB_CONFIRM_STEPS, only once confirmRun() is called. Either way the link is not run again.
   */
  runFromLink(start: LabRunStart, raw: Record<string, string>): void;
  /** Run the job waiting for confirmation. */
  confirmRun(): void;
  /** Cancel the running job, or the one waiting for confirmation; always leaves the lab ready to run. */
  cancel(): void;
  /** Clear the result and take the lab out of the URL. */
  clear(): void;
  /** The link's job was started (or could not be): do not start it again. */
  autoRunDone(): void;
}

/** The lab's state. */
export interface LabState {
  /** The workbench is shown (its code loads when first opened). */
  open: boolean;
  jobId: string | null;
  /** Text of the params edited away from their defaults (name -> text); the rest show the defaults. */
  raw: Record<string, string>;
  status: LabStatus;
  outcome: LabOutcome | null;
  /** Opened from a link: run the job once the panel has parsed its params. */
  autoRun: boolean;
  /** What the address bar holds for the lab: the shown result's job and params, or the link's before it ran. */
  urlState: LabUrlState | null;
  actions: LabActions;
}

/** Seconds a job of `cost` training steps takes at `stepsPerSecond` (one network's live speed), or null before that is known. */
export function estimateSeconds(cost: number, stepsPerSecond: number): number | null {
  return stepsPerSecond > 0 && Number.isFinite(stepsPerSecond) && cost >= 0 ? cost / stepsPerSecond : null;
}

/** What createLabStore needs from the page (tests pass fakes). */
export interface LabStoreDeps {
  client(): Pick<LabClient, 'run'>;
  /** The query the lab starts from (location.search). */
  initialSearch: string;
  writeUrl(state: LabUrlState | null): void;
}

/** A lab store. */
export function createLabStore(deps: LabStoreDeps): UseBoundStore<StoreApi<LabState>> {
  const link = readLabQuery(deps.initialSearch);
  let handle: { runId: number; cancel(): void } | null = null;

  return create<LabState>()((set, get) => {
    const idleIfConfirming = (): Partial<LabState> => (get().status.type === 'confirm' ? { status: { type: 'idle' } } : {});
    const onEvent = (start: LabRunStart) => (event: LabEvent): void => {
      switch (event.type) {
        case 'progress':
          set((s) => ({ status: { type: 'running', done: event.done, total: event.total, cancelling: s.status.type === 'running' && s.status.cancelling } }));
          return;
        case 'result': {
          handle = null;
          const urlState = { jobId: start.jobId, raw: start.encoded };
          set({ status: { type: 'done' }, outcome: { ...start, params: event.params, result: event.result }, urlState });
          deps.writeUrl(urlState);
          return;
        }
        case 'cancelled':
          handle = null;
          set({ status: { type: 'cancelled' } });
          return;
        case 'error':
          handle = null;
          set({ status: { type: 'error', message: event.message } });
          return;
        case 'alive':
          return;
        default: {
          const unknown: never = event;
          set({ status: { type: 'error', message: `The lab got news it does not know: ${JSON.stringify(unknown).slice(0, 80)}` } });
        }
      }
    };

    return {
      open: link !== null,
      jobId: link?.jobId ?? null,
      raw: link?.raw ?? {},
      status: { type: 'idle' },
      outcome: null,
      autoRun: link !== null,
      urlState: link,
      actions: {
        openJob: (id) => set({ open: true, jobId: id, raw: {}, autoRun: false }),
        setOpen: (open) => set({ open }),
        // A change of job or params drops a link's job still waiting for confirmation (Run runs the fields).
        chooseJob: (id) => {
          if (id !== get().jobId) set({ jobId: id, raw: {}, ...idleIfConfirming() });
        },
        setRaw: (name, text) => set((s) => ({ raw: { ...s.raw, [name]: text }, ...idleIfConfirming() })),
        run: (start) => {
          const running = handle;
          handle = null;
          running?.cancel();
          set({ status: { type: 'running', done: 0, total: start.cost, cancelling: false }, autoRun: false });
          handle = deps.client().run({ jobId: start.jobId, params: start.params, config: start.config }, onEvent(start));
        },
        runFromLink: (start, raw) => {
          const urlState = { jobId: start.jobId, raw };
          set({ raw, urlState, autoRun: false });
          deps.writeUrl(urlState);
          if (start.cost > LAB_CONFIRM_STEPS) set({ status: { type: 'confirm', start } });
          else get().actions.run(start);
        },
        confirmRun: () => {
          const { status } = get();
          if (status.type === 'confirm') get().actions.run(status.start);
        },
        cancel: () => {
          const { status } = get();
          if (status.type === 'confirm') return set({ status: { type: 'idle' } });
          if (status.type !== 'running') return;
          // No run to stop (never expected): the lab is ready again at once rather than "Cancelling..." for ever.
          if (!handle) return set({ status: { type: 'cancelled' } });
          set({ status: { ...status, cancelling: true } });
          handle.cancel();
        },
        clear: () => {
          set({ outcome: null, status: { type: 'idle' }, urlState: null });
          deps.writeUrl(null);
        },
        autoRunDone: () => set({ autoRun: false }),
      },
    };
  });
}

/**
 * Keep the lab's keys in the address bar: write them now, and again after each change of the
 * experiment (the bridge rewrites the query then, keeping only exact pass-through names; its
 * debounce is 250 ms). Returns the function that stops it.
 */
export function connectLabUrl(store: UseBoundStore<StoreApi<LabState>>, writeUrl: (state: LabUrlState | null) => void, delayMs = 400): () => void {
  writeUrl(store.getState().urlState);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = useExperimentStore.subscribe((state, previous) => {
    if (state.config === previous.config && state.presetId === previous.presetId) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      writeUrl(store.getState().urlState);
    }, delayMs);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    off();
  };
}

/**
 * The query the page was opened with. The bridge rewrites the address bar before the lab's code
 * loads (the app is a chunk of its own) and keeps only exact pass-through names, so `lab.*` may be
 * gone from location.search by now; the navigation entry still holds the address as opened.
 */
export function openedSearch(): string {
  if (typeof window === 'undefined') return '';
  const entry = typeof performance === 'undefined' ? undefined : performance.getEntriesByType?.('navigation')[0];
  if (entry && typeof entry.name === 'string' && entry.name !== '') {
    try {
      const opened = new URL(entry.name);
      // Only when it is this page: same path (a replaceState never changes the path here).
      if (opened.pathname === window.location.pathname) return opened.search;
    } catch {
      // An address that does not parse: fall back to the current one.
    }
  }
  return window.location.search;
}

/** The page's lab store. */
export const useLabStore = createLabStore({
  client: labClient,
  initialSearch: openedSearch(),
  writeUrl: replaceLabUrl,
});
