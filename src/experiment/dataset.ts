/**
 * The Dataset of an experiment: MNIST decoded from the (already gunzipped) app file, or a
 * seeded 2-D set. The split and the 2-D samples follow the experiment's seed.
 */
import { decodeMnist } from '../data/mnist.ts';
import { makeSynthetic } from '../data/synthetic.ts';
import type { Dataset } from '../data/types.ts';
import type { ExperimentConfig } from './settings.ts';

/** Build `config`'s dataset; MNIST needs `mnistBytes` (the gunzipped mnist.bin). */
export function createDataset(config: ExperimentConfig, mnistBytes: Uint8Array | null): Dataset {
  if (config.dataset === 'mnist') {
    if (!mnistBytes) throw new Error('the MNIST file is not loaded');
    return decodeMnist(mnistBytes, { binarize: config.binarize, seed: config.seed });
  }
  return makeSynthetic(config.dataset, config.seed);
}
