/**
 * Lab jobs: the experiments beyond the live twins (sweeps, Santurkar et al.'s measurements,
 * Algorithm 2 and the regulariser), each a pure async function of its parameters. The lab worker
 * (src/worker/lab.worker.ts) runs them for the page with progress and cancel; the CLI
 * (`npm run experiment -- lab <job> ...`) runs the same code and writes the result as JSON.
 * Pure like src/experiment: no DOM, no node:*, no Math.random (seeded RNGs only).
 */
import type { Dataset } from '../data/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';

/** Raised by LabContext.progress when the user cancelled the job. */
export class LabCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'LabCancelled';
  }
}

/** What a running job may use: the data, and a progress report that is also its cancel point. */
export interface LabContext {
  /** The dataset of `config` (dataset, binarize, seed); MNIST is loaded once and cached. */
  dataset(config: ExperimentConfig): Promise<Dataset>;
  /**
   * Report `done` of `total` units of work (e.g. steps over all runs of a sweep). Call it often
   * (at least every ~50 ms of work): it yields to the event loop, so a cancel can arrive, and
   * rejects with LabCancelled once one has.
   */
  progress(done: number, total: number): Promise<void>;
}

/** Parameters of a job as text (a URL query or CLI `--name value` pairs): name -> value. */
export type LabRawParams = Readonly<Record<string, string>>;

/** The outcome of parsing raw parameters: always usable params (defaults where invalid), and one clear message per invalid value. */
export interface LabParsed<P> {
  params: P;
  errors: string[];
}

/**
 * One lab job. `P` and `R` are plain JSON data (R goes to JSON files, the URL holds P), R free of
 * NaN (use null). Same params => same result, bit for bit (the seed is among the params).
 */
export interface LabJob<P, R> {
  /** Short id used in the URL (`lab=<id>`) and the CLI (`lab <id>`), e.g. 'lr-sweep'. */
  id: string;
  /** Title shown above the result, e.g. 'Learning-rate sweep'. */
  title: string;
  /** What the job shows, in a sentence a first-year student reads (agrees with PAPER.md). */
  summary: string;
  /** Default params for the current experiment config (e.g. the learning rates around the preset's). */
  defaults(config: ExperimentConfig): P;
  /** Parse raw text params over `defaults(config)`; never throws. */
  parse(raw: LabRawParams, config: ExperimentConfig): LabParsed<P>;
  /** The params as text, only those that differ from `defaults(config)` (for the URL). */
  encode(params: P, config: ExperimentConfig): Record<string, string>;
  /** Rough cost in training steps, for the progress bar and the cost shown before running. */
  cost(params: P, config: ExperimentConfig): number;
  /** Run the job on `config` (the base experiment) with `params`. */
  run(params: P, config: ExperimentConfig, context: LabContext): Promise<R>;
}

/** Any lab job, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLabJob = LabJob<any, any>;
