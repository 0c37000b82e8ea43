/**
 * The parameters of a sweep job as text and back: the steps of each short run and the factors
 * applied to the swept setting. Parsing never throws; each invalid value gets one message and
 * keeps its default.
 */
import type { LabParsed, LabRawParams } from './types.ts';

/** Parameters of a sweep: `factors` multiply the experiment's value of the swept setting. */
export interface SweepParams {
  /** Training steps of each short run. */
  steps: number;
  /** Multipliers of the swept setting, ascending, each run once with and once without BN. */
  factors: number[];
  /**
   * The networks swept: 'experiment' as it is, or 'relu-he' (its ReLU twin: ReLU units, He init, the
   * paper's rate 0.5 as 1x), where a rate too high makes the loss blow up instead of stalling.
   */
  units: SweepUnits;
}

/** What `units` may say (SweepParams.units). */
export const SWEEP_UNITS = ['experiment', 'relu-he'] as const;
export type SweepUnits = (typeof SWEEP_UNITS)[number];

/** Limits of the sweep parameters. */
export const SWEEP_LIMITS = {
  minSteps: 1,
  maxSteps: 100_000,
  maxFactors: 16,
  minFactor: 1e-4,
  maxFactor: 1e4,
} as const;

const NUMBER = /^\s*[+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/** `text` quoted for a message, cut to 40 characters. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

/** The factors of `text` (comma-separated), ascending and without repeats, or null when any is invalid. */
function parseFactors(text: string): number[] | null {
  const parts = text.split(',');
  if (parts.length > SWEEP_LIMITS.maxFactors) return null;
  const values: number[] = [];
  for (const part of parts) {
    if (!NUMBER.test(part)) return null;
    const value = Number(part);
    if (!(value >= SWEEP_LIMITS.minFactor && value <= SWEEP_LIMITS.maxFactor)) return null;
    values.push(value);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Parse `raw` over `defaults`: unknown names and invalid values each give one message. */
export function parseSweepParams(raw: LabRawParams, defaults: SweepParams): LabParsed<SweepParams> {
  const params: SweepParams = { steps: defaults.steps, factors: [...defaults.factors], units: defaults.units };
  const errors: string[] = [];
  for (const [name, text] of Object.entries(raw)) {
    if (name === 'steps') {
      const value = NUMBER.test(text) ? Number(text) : NaN;
      if (Number.isInteger(value) && value >= SWEEP_LIMITS.minSteps && value <= SWEEP_LIMITS.maxSteps) params.steps = value;
      else errors.push(`steps must be a whole number from ${SWEEP_LIMITS.minSteps} to ${SWEEP_LIMITS.maxSteps} (got ${quoted(text)}); using ${defaults.steps}`);
    } else if (name === 'factors') {
      const factors = parseFactors(text);
      if (factors) params.factors = factors;
      else errors.push(`factors must be 1 to ${SWEEP_LIMITS.maxFactors} comma-separated numbers from ${SWEEP_LIMITS.minFactor} to ${SWEEP_LIMITS.maxFactor} (got ${quoted(text)}); using ${defaults.factors.join(',')}`);
    } else if (name === 'units') {
      if ((SWEEP_UNITS as readonly string[]).includes(text)) params.units = text as SweepUnits;
      else errors.push(`units must be one of ${SWEEP_UNITS.join(', ')} (got ${quoted(text)}); using ${defaults.units}`);
    } else {
      errors.push(`unknown parameter ${quoted(name)} (parameters: steps, factors, units); ignored`);
    }
  }
  return { params, errors };
}

/** The params as text, only those that differ from `defaults`. */
export function encodeSweepParams(params: SweepParams, defaults: SweepParams): Record<string, string> {
  const encoded: Record<string, string> = {};
  if (params.steps !== defaults.steps) encoded.steps = String(params.steps);
  const factors = params.factors.join(',');
  if (factors !== defaults.factors.join(',')) encoded.factors = factors;
  if (params.units !== defaults.units) encoded.units = params.units;
  return encoded;
}
