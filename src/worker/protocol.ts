/**
 * The typed protocol between the page and the training worker: a discriminated union on
 * `type` each way. Plain data only; typed arrays in snapshots travel as transferables.
 * WorkerClient is the page's handle that sends the one and receives the other.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { HistogramBins, NetworkId, Snapshot } from '../experiment/types.ts';
import type { RecomputedStatistics } from '../experiment/preciseStatistics.ts';

/** Commands from the page to the worker. */
export type Command =
  /** Build (or rebuild) the experiment from a full config; the run starts paused at step 0 unless `play`. */
  | {
      type: 'init';
      config: ExperimentConfig;
      play: boolean;
      /** Absolute URL of the gzip-compressed MNIST file (public/data/mnist.bin); the client fills it from the page's base. */
      dataUrl?: string;
      /**
       * The networks this worker trains (default: all, in display order). Same seed, same
       * weights and batches: a network trains identically alone or next to the others. Kept by
       * later rebuilds (reset, setConfig) until the next init.
       */
      variants?: NetworkId[];
      /**
       * This worker is one of several the pool paces: every run it builds (this one and later
       * rebuilds) starts held at paceLead(config) steps, until the pool, which waits for every
       * worker's 'ready', raises the ceiling. Without it a worker that loads first would race
       * ahead of one still loading. Kept until the next init; default false (no limit).
       */
      paced?: boolean;
      /** The pool's number for this command (see Rebuild): its 'ready' carries it back. */
      seq?: number;
    }
  | { type: 'play' }
  | { type: 'pause' }
  /** Take exactly `count` steps, then pause and send a snapshot. */
  | { type: 'step'; count: number }
  /** Back to step 0 with the same config (same seed: the same run again). */
  | { type: 'reset'; seq?: number }
  /** Change settings. 'live' ones apply at once; any 'reset' one rebuilds the run (the worker says so in `configApplied`). */
  | { type: 'setConfig'; patch: Partial<ExperimentConfig>; seq?: number }
  /** Track another unit in Figure 1 (b, c). */
  | { type: 'track'; layer: number; unit: number }
  /**
   * While running, take no step past `step` (null: no limit), waiting instead. The pool sends it
   * so a worker whose networks train faster stays within a few evaluations of the slowest, and
   * every network's charts reach the same step together. A rebuilt run starts at the init's
   * `paced` lead, or with no limit.
   */
  | { type: 'ceiling'; step: number | null }
  /**
   * "Precise BN": recompute every BN layer's running mean and variance of this worker's networks with
   * BN over the training set at the current weights (Session.recomputeBatchNormStatistics), whether the
   * run is running, paused or at step 0. Always answered by one 'recomputed' (empty without BN).
   */
  | { type: 'recomputeStatistics' };

/**
 * The commands that may rebuild the run. The pool numbers each one it sends (`seq`, the same for
 * every worker) and the worker's 'ready' carries the number back, so the pool pairs only runs
 * built by the same command: a worker one rebuild behind the others (two quick preset clicks, a
 * dragged depth slider) is waited for, never paired with their newer run.
 */
export type Rebuild = Extract<Command, { type: 'init' | 'reset' | 'setConfig' }>;

/** True when `command` may rebuild the run (Rebuild). */
export function isRebuild(command: Command): command is Rebuild {
  return command.type === 'init' || command.type === 'reset' || command.type === 'setConfig';
}

/**
 * The settings `config` becomes once `command` is applied (setConfig's patch, track's unit; other
 * commands keep it). The pool's copy follows the commands it sends, not the answers, so a restart
 * or a regrouping starts from the settings last sent.
 */
export function configAfter(config: ExperimentConfig, command: Command): ExperimentConfig {
  if (command.type === 'setConfig') return { ...config, ...command.patch };
  if (command.type === 'track') return { ...config, trackedLayer: command.layer, trackedUnit: command.unit };
  return config;
}

/** Run states as the UI shows them. */
export type RunState = 'loading' | 'running' | 'paused' | 'finished' | 'error';

/** Messages from the worker to the page. */
export type WorkerEvent =
  /** The data is loaded and the networks built: describes the run the snapshots will belong to. */
  | {
      type: 'ready';
      /** Increments on every rebuild; snapshots carry it so stale ones are dropped. */
      runId: number;
      config: ExperimentConfig;
      networks: NetworkId[];
      /** Hidden layer widths. */
      hiddenUnits: number[];
      bins: HistogramBins;
      /** Sizes of the train / test / probe sets. */
      dataSizes: { train: number; test: number; probe: number };
      /** Which compute kernels run ('fallback' = pure TypeScript). */
      kernel: string;
      /** The `seq` of the command that built this run (Rebuild), when it had one. */
      seq?: number;
      /**
       * Set by the pool when, as it passes this run on, it has sent a newer numbered command than the
       * one that built it (a depth typed 4, 5, 6 faster than the workers rebuild): the page shows the
       * run, but keeps its own newer settings rather than take `config` back (the latest command's
       * answer settles them).
       */
      overtaken?: boolean;
    }
  /**
   * A snapshot of the run. `snapshot.batch`, when present, is the BN network's tracked unit on its latest
   * training mini-batch (m floats, copied: src/experiment/batchSample.ts), for the page's batch panel.
   */
  | { type: 'snapshot'; runId: number; snapshot: Snapshot }
  | { type: 'state'; runId: number; state: RunState; step: number }
  /**
   * A setConfig was applied: `reset` true when it rebuilt the run; `seq` is the setConfig's (Rebuild). The pool
   * passes on only the answer to its latest numbered command, judged again as it passes it on, so an answer
   * overtaken by newer settings never puts older values back on the page.
   */
  | { type: 'configApplied'; config: ExperimentConfig; reset: boolean; seq?: number }
  /** The answer to 'recomputeStatistics': per network with BN, the test accuracy before and after (none without BN or a run). */
  | { type: 'recomputed'; runId: number; networks: RecomputedStatistics[] }
  /** Something went wrong; `fatal` means the run cannot continue without a new `init`. */
  | { type: 'error'; message: string; fatal: boolean };

/** The 'ready' event that opens a run. */
export type ReadyEvent = Extract<WorkerEvent, { type: 'ready' }>;

/** The page's handle on the training worker(s): one worker, or a pool of them. */
export interface WorkerClient {
  /** Send a command; an 'init' without `dataUrl` gets the app's MNIST file URL. */
  send(command: Command): void;
  /** Listen to worker events; returns the unsubscribe function. */
  onEvent(listener: (event: WorkerEvent) => void): () => void;
  /** Listen to worker crashes ('error' / 'messageerror'); returns the unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void;
  /** Stop the worker for good. */
  terminate(): void;
}

/** Compile-time exhaustiveness check for switches over `type`. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
