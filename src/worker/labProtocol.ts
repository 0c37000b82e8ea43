/**
 * Messages between the page and the lab worker (src/worker/lab.worker.ts): plain data, unions on
 * `type`. Every message names the run it belongs to, so news of a cancelled or replaced run is
 * dropped by the page.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { LabRawParams } from '../lab/types.ts';

/** Page -> lab worker. */
export type LabCommand =
  /**
   * Run job `jobId` on `config`. Give `params` (already parsed) or `rawParams` (text, parsed by the
   * job over its defaults; invalid values fall back and are reported in the result).
   */
  | { type: 'run'; runId: number; jobId: string; params?: unknown; rawParams?: LabRawParams; config: ExperimentConfig; dataUrl?: string }
  /** Stop run `runId` at its next progress report. */
  | { type: 'cancel'; runId: number };

/** Lab worker -> page. */
export type LabEvent =
  /** `done` of `total` units of work (the job's cost units: training steps). */
  | { type: 'progress'; runId: number; done: number; total: number }
  /** The job finished: the params it ran with, its result, and the messages about invalid raw params. */
  | { type: 'result'; runId: number; params: unknown; result: unknown; paramErrors: string[] }
  /** The job stopped on a cancel. */
  | { type: 'cancelled'; runId: number }
  /** The job failed (or the worker did): a message a person can read. */
  | { type: 'error'; runId: number; message: string }
  /**
   * The worker is still there: sent every LAB_HEARTBEAT_MS while a run goes on, loading its data
   * included, so the page can tell a silent worker (closed, or stuck) from a busy one. The client
   * keeps it to itself (./labClient.ts).
   */
  | { type: 'alive'; runId: number };
