/**
 * The lab worker's logic, apart from the worker global so tests drive it: runs one lab job at a
 * time with a LabContext whose progress() yields a macrotask (so a cancel message gets in) and
 * throws LabCancelled once the run was cancelled or replaced.
 */
import { labJobById, LAB_JOBS } from '../lab/jobs.ts';
import { LabCancelled } from '../lab/types.ts';
import type { AnyLabJob, LabContext } from '../lab/types.ts';
import { createDatasetCache } from './datasets.ts';
import type { MnistBytesLoader } from './datasets.ts';
import type { LabCommand, LabEvent } from './labProtocol.ts';

/** Progress events go to the page at most this often (the page redraws a bar, not every step). */
export const LAB_PROGRESS_MS = 100;
/** While a run goes on (its data loading included), an 'alive' event goes to the page this often. */
export const LAB_HEARTBEAT_MS = 2_000;

/** What the handler needs from its host. */
export interface LabHandlerDeps {
  post(event: LabEvent): void;
  loadMnistBytes: MnistBytesLoader;
  /** Resolve after pending messages were handled (a macrotask: MessageChannel or setTimeout 0). */
  yieldToMessages(): Promise<void>;
  now(): number;
  /** The jobs it runs (default LAB_JOBS). */
  jobs?: readonly AnyLabJob[];
  /** Run `task` every `ms` until the returned function is called (setInterval in the worker); none: no heartbeat. */
  every?(ms: number, task: () => void): () => void;
}

/** Handles LabCommands. */
export interface LabHandler {
  /** Resolves when the command is done with (a run: when it finished, failed or was cancelled). Never rejects. */
  handle(command: LabCommand): Promise<void>;
}

/** The message of any thrown value. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A lab handler posting its events through `deps.post`. */
export function createLabHandler(deps: LabHandlerDeps): LabHandler {
  const datasets = createDatasetCache(deps.loadMnistBytes);
  const find = (id: string): AnyLabJob | undefined => (deps.jobs ? deps.jobs.find((job) => job.id === id) : labJobById(id));
  let activeRunId: number | null = null;
  const cancelled = new Set<number>();

  async function run(command: Extract<LabCommand, { type: 'run' }>): Promise<void> {
    const { runId } = command;
    if (activeRunId !== null) cancelled.add(activeRunId);
    activeRunId = runId;
    const job = find(command.jobId);
    if (!job) {
      deps.post({ type: 'error', runId, message: `There is no lab job called "${command.jobId}" (jobs: ${(deps.jobs ?? LAB_JOBS).map((j) => j.id).join(', ')}).` });
      return;
    }
    let lastPost = -Infinity;
    const context: LabContext = {
      dataset: (config) => datasets.datasetFor(config, command.dataUrl),
      async progress(done, total) {
        await deps.yieldToMessages();
        if (cancelled.has(runId)) throw new LabCancelled();
        const now = deps.now();
        if (now - lastPost >= LAB_PROGRESS_MS || done >= total) {
          lastPost = now;
          deps.post({ type: 'progress', runId, done, total });
        }
      },
    };
    const stopHeartbeat = deps.every?.(LAB_HEARTBEAT_MS, () => deps.post({ type: 'alive', runId })) ?? (() => {});
    try {
      const parsed = command.params !== undefined
        ? { params: command.params, errors: [] as string[] }
        : job.parse(command.rawParams ?? {}, command.config);
      const result: unknown = await job.run(parsed.params, command.config, context);
      if (cancelled.has(runId)) deps.post({ type: 'cancelled', runId });
      else deps.post({ type: 'result', runId, params: parsed.params, result, paramErrors: parsed.errors });
    } catch (error) {
      if (error instanceof LabCancelled || cancelled.has(runId)) deps.post({ type: 'cancelled', runId });
      else deps.post({ type: 'error', runId, message: `The lab job "${job.title}" failed: ${messageOf(error)}` });
    } finally {
      stopHeartbeat();
      cancelled.delete(runId);
      if (activeRunId === runId) activeRunId = null;
    }
  }

  return {
    async handle(command) {
      switch (command.type) {
        case 'run':
          return run(command);
        case 'cancel':
          if (command.runId === activeRunId) cancelled.add(command.runId);
          return;
        default: {
          const unknown: never = command;
          deps.post({ type: 'error', runId: -1, message: `The lab worker got a message it does not know: ${JSON.stringify(unknown).slice(0, 80)}` });
        }
      }
    },
  };
}
