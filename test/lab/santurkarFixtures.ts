/** Shared fixtures of the Santurkar lab job tests: a small spiral experiment and a fake LabContext. */
import { makeSynthetic } from '../../src/data/synthetic.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { ParameterMap } from '../../src/engine/types.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';

/** A 2-8-8-3 tanh network on the spiral: fast, and every layer kind is present. */
export const smallConfig: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 2, width: 8, activation: 'tanh', batchSize: 16,
  learningRate: 0.1, evalEvery: 10, initScheme: 'xavier', seed: 3,
};

/** The dataset of `config` (a 2-D set). */
export const dataFor = (config: ExperimentConfig): Dataset => makeSynthetic(config.dataset as 'spiral', config.seed);

/** An explicit element-by-element copy of every array of `source` into a new map. */
export function explicitCopy(source: ParameterMap): ParameterMap {
  const copy: ParameterMap = {};
  for (const name of Object.keys(source)) {
    const values = new Float32Array(source[name].length);
    for (let i = 0; i < values.length; i++) values[i] = source[name][i];
    copy[name] = values;
  }
  return copy;
}

/** True when JSON of `value` holds a NaN or an infinity. */
export const hasNonFinite = (value: unknown): boolean =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'NONFINITE' : v)).includes('NONFINITE');
