/**
 * The lab panel's view of a job's params: the text shown in each field, and parsing the edited
 * text back through the job (its defaults where the text is invalid, with its messages).
 */
import type { ExperimentConfig } from '../../experiment/settings.ts';
import type { AnyLabJob, LabParsed } from '../../lab/types.ts';

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
