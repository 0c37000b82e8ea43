/**
 * Text <-> params for lab jobs whose parameters are all numbers or lists of numbers: one table
 * of specs per job drives parsing (never throws; invalid values keep their default and get one
 * clear message) and encoding (only values that differ from the defaults).
 */
import type { LabParsed, LabRawParams } from './types.ts';

/** One parameter: a number, or a comma-separated list of numbers, within [min, max]. */
export interface NumberParamSpec {
  kind: 'number' | 'list';
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Lists: at most this many values (default 12). */
  maxCount?: number;
  /** What the value means, for the message. */
  help: string;
}

/** The specs of a params object whose fields are numbers or number lists. */
export type NumberParamSpecs<P> = { [K in keyof P]: NumberParamSpec };

function describe(name: string, spec: NumberParamSpec): string {
  const what = spec.integer === true ? 'whole numbers' : 'numbers';
  const range = `from ${spec.min} to ${spec.max}`;
  return spec.kind === 'list'
    ? `${name} (${spec.help}) takes 1 to ${spec.maxCount ?? 12} comma-separated ${what} ${range}`
    : `${name} (${spec.help}) takes one of the ${what} ${range}`;
}

function parseOne(text: string, spec: NumberParamSpec): number | null {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) return null;
  if (spec.integer === true && !Number.isInteger(value)) return null;
  return value;
}

/** Parse `raw` over `defaults` with `specs`: unknown names and invalid values each give one message. */
export function parseNumberParams<P extends Record<string, number | number[]>>(
  raw: LabRawParams, defaults: P, specs: NumberParamSpecs<P>,
): LabParsed<P> {
  const params: Record<string, number | number[]> = { ...defaults };
  const errors: string[] = [];
  for (const [name, text] of Object.entries(raw)) {
    if (!Object.hasOwn(specs, name)) {
      errors.push(`unknown parameter ${JSON.stringify(name.slice(0, 40))} (parameters: ${Object.keys(specs).join(', ')})`);
      continue;
    }
    const spec = specs[name as keyof P];
    const shown = JSON.stringify(String(text).slice(0, 40));
    if (spec.kind === 'number') {
      const value = parseOne(String(text), spec);
      if (value === null) errors.push(`${describe(name, spec)}; got ${shown}, kept ${String(defaults[name as keyof P])}`);
      else params[name] = value;
      continue;
    }
    const parts = String(text).split(',');
    const values = parts.map((part) => parseOne(part, spec));
    if (parts.length > (spec.maxCount ?? 12) || values.some((value) => value === null)) {
      errors.push(`${describe(name, spec)}; got ${shown}, kept ${(defaults[name as keyof P] as number[]).join(',')}`);
    } else {
      params[name] = values as number[];
    }
  }
  return { params: params as P, errors };
}

/** The params as text, only those that differ from `defaults`. */
export function encodeNumberParams<P extends Record<string, number | number[]>>(params: P, defaults: P): Record<string, string> {
  const encoded: Record<string, string> = {};
  for (const name of Object.keys(params)) {
    const value = params[name];
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const base = defaults[name];
    const baseText = Array.isArray(base) ? base.join(',') : String(base);
    if (text !== baseText) encoded[name] = text;
  }
  return encoded;
}
