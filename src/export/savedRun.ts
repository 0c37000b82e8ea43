/**
 * A saved run: the CLI's run file (`{ config, plain, bn }`) plus what the page needs to name and
 * replay it (`version`, `presetId`, `query`). CLI output files load too (no version, no preset).
 * Loading checks everything and answers with one clear sentence, never an exception.
 */
import { presetById } from '../experiment/presets.ts';
import { validateConfig } from '../experiment/validate.ts';
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId, Run } from '../experiment/types.ts';
import { encodeUrlState } from '../url/codec.ts';
import { networksOf } from './runRecord.ts';
import type { RunFile } from './runRecord.ts';

/** Format version of files the page saves. */
export const SAVED_RUN_VERSION = 1;

/** What the page adds to a run file. */
export interface SavedRunExtras {
  /** File format version (SAVED_RUN_VERSION); absent in CLI output. */
  version?: number;
  /** The preset the run started from; null or absent = custom. */
  presetId?: string | null;
  /** The experiment's query string, as in the page's link (`preset=lr-x30&batchSize=32`). */
  query?: string;
}

/** A run file with the page's extras. */
export type SavedRun = RunFile & SavedRunExtras;

/** A saved run built from a run file and the preset it came from. */
export function makeSavedRun(file: RunFile, presetId: string | null): SavedRun {
  return { version: SAVED_RUN_VERSION, presetId, query: encodeUrlState({ config: file.config, presetId }), ...file };
}

/** Outcome of parseSavedRun. */
export type ParsedRun = { ok: true; run: SavedRun } | { ok: false; error: string };

const NETWORK_KEYS: readonly NetworkId[] = ALL_NETWORK_IDS;
const EXTRA_KEYS = ['config', 'version', 'presetId', 'query'];

class SchemaError extends Error {}

function fail(message: string): never {
  throw new SchemaError(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 20 ? `${value.slice(0, 20)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

function finiteArray(value: unknown, where: string, length: number | null): number[] {
  if (!Array.isArray(value)) return fail(`${where} should be a list of numbers, not ${describe(value)}`);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}[${i}] is ${describe(v)}, not a finite number`);
  });
  if (length !== null && value.length !== length) fail(`${where} has ${value.length} values but steps has ${length}`);
  return value as number[];
}

function wholeNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`${where} should be a whole number >= 0, not ${describe(value)}`);
  return value;
}

function checkRun(value: unknown, id: string): Run {
  if (!isObject(value)) return fail(`"${id}" should be a run (an object with steps, testAccuracy, ...), not ${describe(value)}`);
  const steps = finiteArray(value.steps, `${id}.steps`, null);
  steps.forEach((step, i) => {
    wholeNumber(step, `${id}.steps[${i}]`);
    if (i > 0 && step <= steps[i - 1]) fail(`${id}.steps must increase, but step ${step} follows ${steps[i - 1]}`);
  });
  const n = steps.length;
  for (const key of ['trainLoss', 'testAccuracy', 'testLoss']) finiteArray(value[key], `${id}.${key}`, n);
  (value.testAccuracy as number[]).forEach((a, i) => {
    if (a < 0 || a > 1) fail(`${id}.testAccuracy[${i}] is ${a}, outside 0..1`);
  });
  const tracked = value.trackedUnit;
  if (!isObject(tracked)) return fail(`${id}.trackedUnit should be { layer, unit, p15, p50, p85 }, not ${describe(tracked)}`);
  wholeNumber(tracked.layer, `${id}.trackedUnit.layer`);
  wholeNumber(tracked.unit, `${id}.trackedUnit.unit`);
  for (const key of ['p15', 'p50', 'p85']) finiteArray(tracked[key], `${id}.trackedUnit.${key}`, n);
  for (const key of ['saturation', 'drift']) {
    const layers = value[key];
    if (!Array.isArray(layers)) return fail(`${id}.${key} should be a list with one list per hidden layer, not ${describe(layers)}`);
    layers.forEach((layer, l) => finiteArray(layer, `${id}.${key}[${l}]`, n));
  }
  // Recorded since the weight-decay preset; files written before have neither.
  if (value.weightNorm !== undefined) {
    if (!Array.isArray(value.weightNorm)) return fail(`${id}.weightNorm should be a list with one list per hidden layer, not ${describe(value.weightNorm)}`);
    value.weightNorm.forEach((layer, l) => finiteArray(layer, `${id}.weightNorm[${l}]`, n));
  }
  if (value.effectiveStep !== undefined) {
    if (!Array.isArray(value.effectiveStep)) return fail(`${id}.effectiveStep should be a list with one list (or null) per hidden layer, not ${describe(value.effectiveStep)}`);
    value.effectiveStep.forEach((layer, l) => {
      if (layer !== null) finiteArray(layer, `${id}.effectiveStep[${l}]`, n);
    });
  }
  if (value.diverged !== undefined) {
    if (!isObject(value.diverged)) return fail(`${id}.diverged should be { step }, not ${describe(value.diverged)}`);
    wholeNumber(value.diverged.step, `${id}.diverged.step`);
  }
  return value as unknown as Run;
}

function checkRunFile(value: unknown): SavedRun {
  if (!isObject(value)) return fail(`it holds ${describe(value)}, not a run ({ config, plain, bn })`);
  if (value.version !== undefined) {
    if (typeof value.version !== 'number' || !Number.isInteger(value.version)) fail(`its version is ${describe(value.version)}, not a whole number`);
    if (value.version > SAVED_RUN_VERSION) fail(`it was saved by a newer version of the app (format ${value.version}; this page reads up to ${SAVED_RUN_VERSION})`);
  }
  if (!isObject(value.config)) return fail('it has no "config" object: it is not a run saved by BatchNorm Explorer or its CLI');
  const { errors } = validateConfig(value.config);
  if (errors.length > 0) fail(`its config is not valid: ${errors[0]}`);
  const unknown = Object.keys(value).filter((key) => !EXTRA_KEYS.includes(key) && !NETWORK_KEYS.includes(key as NetworkId));
  if (unknown.length > 0) fail(`it has unexpected field "${unknown[0]}" (a run has config, ${NETWORK_KEYS.join(', ')})`);
  const networks = NETWORK_KEYS.filter((id) => value[id] !== undefined);
  if (networks.length === 0) fail('it has no network runs (plain, bn)');
  for (const id of networks) checkRun(value[id], id);
  const presetId = value.presetId;
  if (presetId !== undefined && presetId !== null && (typeof presetId !== 'string' || !presetById(presetId))) {
    fail(`its preset ${describe(presetId)} is not one this page knows`);
  }
  if (value.query !== undefined && typeof value.query !== 'string') fail(`its query should be text, not ${describe(value.query)}`);
  return value as unknown as SavedRun;
}

/**
 * Read a saved run (or CLI output) from the text of `fileName`. Never throws: bad JSON, a wrong
 * schema, non-finite numbers (NaN written as null or "NaN") each get one sentence naming the problem.
 */
export function parseSavedRun(text: string, fileName = 'the file'): ParsedRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `${fileName} is not a JSON file (a saved run is JSON, as "Save run" writes it).` };
  }
  try {
    const run = checkRunFile(value);
    return { ok: true, run: { ...run, config: validateConfig({ ...run.config }).config } };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, error: `${fileName} cannot be loaded: ${error.message}.` };
    return { ok: false, error: `${fileName} cannot be loaded: ${error instanceof Error ? error.message : String(error)}.` };
  }
}

/** Short name of a run: its preset's title (or "Custom settings"), and the last step it reached. */
export function runTitle(run: SavedRun): string {
  const preset = run.presetId ? presetById(run.presetId) : undefined;
  const last = Math.max(0, ...networksOf(run).map((id) => run[id]?.steps.at(-1) ?? 0));
  return `${preset ? preset.title : 'Custom settings'}, ${last.toLocaleString('en-US')} steps`;
}

/** The settings of a run as in its link: its query, or one computed from its config. */
export function runSettings(run: SavedRun): string {
  const query = run.query ?? encodeUrlState({ config: run.config, presetId: run.presetId ?? null });
  return query === '' ? 'default settings' : query.replace(/&/g, ', ');
}
