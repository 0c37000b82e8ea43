/** Shared fixtures of the tests of the original paper's lab jobs: a small MNIST experiment and a fake LabContext. */
import { loadMnistDataset } from '../../src/cli/mnistSource.ts';
import type { Dataset } from '../../src/data/types.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';

/** The paper's setup shrunk: binary MNIST, two sigmoid layers of 16 units, batches of 20. */
export const smallMnistConfig: ExperimentConfig = { ...DEFAULT_CONFIG, depth: 2, width: 16, batchSize: 20 };

let cached: Dataset | null = null;

/** The MNIST dataset of the default seed, binarised (loaded once per test file). */
export function mnist(): Dataset {
  cached ??= loadMnistDataset({ binarize: true, seed: DEFAULT_CONFIG.seed });
  return cached;
}

/** True when no number anywhere in `value` is NaN or infinite (JSON results carry null instead). */
export function allNumbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allNumbersFinite);
  return true;
}
