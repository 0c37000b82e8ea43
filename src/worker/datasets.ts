/**
 * The worker's data: builds the Dataset an experiment config asks for, caching the MNIST
 * bytes (fetched once) and the last decoded dataset across rebuilds.
 */
import { decodeMnist } from '../data/mnist.ts';
import { isSyntheticName, makeSynthetic } from '../data/synthetic.ts';
import type { Dataset } from '../data/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';

/** Fetches and gunzips the MNIST file; rejects with a reason a person can read. */
export type MnistBytesLoader = (dataUrl: string | undefined) => Promise<Uint8Array>;

/** Raised when the MNIST file cannot be fetched or decoded. */
export class DataLoadError extends Error {
  constructor(reason: string) {
    super(`Could not load the MNIST digits (${reason}); the 2-D datasets still work.`);
    this.name = 'DataLoadError';
  }
}

/** A cache of the datasets of one worker. */
export interface DatasetCache {
  /** The dataset of `config` (dataset, binarize, seed), loading MNIST on first use. */
  datasetFor(config: ExperimentConfig, dataUrl: string | undefined): Promise<Dataset>;
}

/** A cache that loads MNIST through `loadMnistBytes` at most once per successful load. */
export function createDatasetCache(loadMnistBytes: MnistBytesLoader): DatasetCache {
  let mnistBytes: Uint8Array | null = null;
  let last: { key: string; data: Dataset } | null = null;

  return {
    async datasetFor(config, dataUrl) {
      const key = config.dataset === 'mnist' ? `mnist:${config.binarize}:${config.seed}` : `${config.dataset}:${config.seed}`;
      if (last && last.key === key) return last.data;
      let data: Dataset;
      if (config.dataset === 'mnist') {
        if (!mnistBytes) {
          try {
            mnistBytes = await loadMnistBytes(dataUrl);
          } catch (error) {
            throw new DataLoadError(error instanceof Error ? error.message : String(error));
          }
        }
        try {
          data = decodeMnist(mnistBytes, { binarize: config.binarize, seed: config.seed });
        } catch (error) {
          mnistBytes = null;
          throw new DataLoadError(error instanceof Error ? error.message : String(error));
        }
      } else if (isSyntheticName(config.dataset)) {
        data = makeSynthetic(config.dataset, config.seed);
      } else {
        throw new Error(`unknown dataset "${String(config.dataset)}"`);
      }
      last = { key, data };
      return data;
    },
  };
}
