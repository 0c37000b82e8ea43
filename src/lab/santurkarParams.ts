/**
 * Parsing and encoding of the Santurkar et al. lab jobs' parameters (text from the URL or the
 * CLI): bounded numbers and a list of networks. Never throws: an invalid value keeps its default
 * and yields one message naming it and what it accepts.
 */
import type { NetworkId } from '../experiment/types.ts';
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { LabParsed, LabRawParams } from './types.ts';

/** One numeric parameter: its inclusive range and whether it must be whole. */
export interface NumberSpec {
  min: number;
  max: number;
  integer: boolean;
}

/** Parameters every Santurkar job shares. */
export interface MeasuredRunParams {
  /** Training steps of the run. */
  steps: number;
  /** Measure at step 1 and every this many steps. */
  every: number;
  /** The networks trained and measured, in display order. */
  networks: NetworkId[];
}

/** The ranges of the shared parameters. */
export const RUN_SPECS: Readonly<Record<'steps' | 'every', NumberSpec>> = {
  steps: { min: 1, max: 100_000, integer: true },
  every: { min: 1, max: 100_000, integer: true },
};

/** Parses `raw` over `defaults` with `specs` for the numeric keys and a comma list for `networks`. */
export function parseParams<P extends MeasuredRunParams>(
  raw: LabRawParams, defaults: P, specs: Readonly<Record<string, NumberSpec>>,
): LabParsed<P> {
  const params: P = { ...defaults, networks: [...defaults.networks] };
  const errors: string[] = [];
  for (const [name, text] of Object.entries(raw)) {
    if (name === 'networks') {
      const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
      const unknown = ids.filter((id) => !(ALL_NETWORK_IDS as readonly string[]).includes(id));
      if (ids.length === 0 || unknown.length > 0) {
        errors.push(`networks: ${JSON.stringify(text)} is not a comma list of ${ALL_NETWORK_IDS.join(', ')}; using ${defaults.networks.join(',')}`);
      } else {
        params.networks = ALL_NETWORK_IDS.filter((id) => ids.includes(id));
      }
      continue;
    }
    const spec = specs[name] as NumberSpec | undefined;
    if (spec === undefined) {
      errors.push(`unknown parameter ${JSON.stringify(name)} (parameters: ${[...Object.keys(specs), 'networks'].join(', ')})`);
      continue;
    }
    const value = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      const kind = spec.integer ? 'a whole number' : 'a number';
      errors.push(`${name}: ${JSON.stringify(text)} is not ${kind} in [${spec.min}, ${spec.max}]; using ${String(defaults[name as keyof P])}`);
      continue;
    }
    (params as Record<string, unknown>)[name] = value;
  }
  return { params, errors };
}

/** The params that differ from `defaults`, as text. */
export function encodeParams<P extends MeasuredRunParams>(params: P, defaults: P): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const fallback = (defaults as Record<string, unknown>)[name];
    if (Array.isArray(value)) {
      if (value.join(',') !== (fallback as unknown[]).join(',')) out[name] = value.join(',');
    } else if (value !== fallback) {
      out[name] = String(value);
    }
  }
  return out;
}
