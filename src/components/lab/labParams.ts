/**
 * The lab panel's view of a job's params: the text shown in each field, and parsing the edited
 * text back through the job (its defaults where the text is invalid, with its messages).
 */
import type { ExperimentConfig } from '../../experiment/settings.ts';
import { quoteForMessage } from '../../experiment/validate.ts';
import { LAB_JOBS } from '../../lab/jobs.ts';
import type { AnyLabJob, LabParsed } from '../../lab/types.ts';
import type { LabRunStart } from '../../store/lab.ts';

/** A param value as field text: lists comma-separated, the rest as String (JSON for objects). */
export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => fieldText(item)).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields of `job` on `config`: each param's name and the text shown (the edited text, else the default's). */
export function paramFields(job: AnyLabJob, config: ExperimentConfig, raw: Readonly<Record<string, string>>): { name: string; text: string; defaultText: string }[] {
  const defaults = job.defaults(config) as Record<string, unknown>;
  return Object.keys(defaults).map((name) => {
    const defaultText = fieldText(defaults[name]);
    return { name, text: raw[name] ?? defaultText, defaultText };
  });
}

/** Parse the edited text of `job`'s params (never throws: a job that throws is reported as one message). */
export function parseFields(job: AnyLabJob, config: ExperimentConfig, raw: Readonly<Record<string, string>>): LabParsed<unknown> {
  try {
    return job.parse(raw, config);
  } catch (error) {
    return { params: job.defaults(config), errors: [`could not read the parameters (${error instanceof Error ? error.message : String(error)}); using the defaults`] };
  }
}

/** What a link's lab part comes to: the run it asks for (null: no such job), the params the job knows, and what it got wrong. */
export interface LinkRun {
  start: LabRunStart | null;
  /** The link's params the job has (an unknown name cannot be edited or run, so it is dropped). */
  raw: Record<string, string>;
  /** One message per unknown name or invalid value, for the link's notice. */
  problems: string[];
}

/** The run a link asks for: job `job` (null when the link's `jobId` names none) on `config` with the link's `raw` params. */
export function linkRun(job: AnyLabJob | null, jobId: string, config: ExperimentConfig, raw: Readonly<Record<string, string>>): LinkRun {
  if (!job) {
    return { start: null, raw: {}, problems: [`unknown lab job ${quoteForMessage(jobId)} (jobs: ${LAB_JOBS.map((j) => j.id).join(', ')}); no job run`] };
  }
  const { params, errors } = parseFields(job, config, raw);
  const known = new Set(Object.keys(job.defaults(config) as Record<string, unknown>));
  const kept: Record<string, string> = {};
  for (const [name, text] of Object.entries(raw)) if (known.has(name)) kept[name] = text;
  return {
    start: { jobId: job.id, params, encoded: job.encode(params, config), config, cost: job.cost(params, config) },
    raw: kept,
    problems: errors.map((error) => `lab job ${job.id}: ${error}`),
  };
}
