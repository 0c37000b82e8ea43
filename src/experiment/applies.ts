/**
 * Which settings and views mean something for an experiment: "Binary pixels" needs pixels (MNIST),
 * "Init std" needs the gaussian init, saturation needs a nonlinearity with flat tails. One table
 * of rules, so the controls, Figure 1's title and the saturation figures ask here rather than each
 * carrying its own condition.
 */
import type { DatasetName, ExperimentConfig, Setting } from './settings.ts';

/** Whether a setting acts on the experiment, and if not, why, in one sentence a student reads. */
export type Applicability = { applies: true } | { applies: false; reason: string };

const APPLIES: Applicability = { applies: true };

/** How the page names a dataset in running text. */
export const DATASET_NAMES: Record<DatasetName, string> = {
  mnist: 'MNIST',
  spiral: 'the spiral',
  circles: 'the circles',
  xor: 'XOR',
  blobs: 'the blobs',
};

const SCHEME_NAMES: Record<ExperimentConfig['initScheme'], string> = { gaussian: 'gaussian', xavier: 'Xavier', he: 'He' };

/** Whether `setting` acts on an experiment with `config`, with the reason when it does not. */
export function applies(setting: Pick<Setting, 'key'>, config: ExperimentConfig): Applicability {
  switch (setting.key) {
    case 'binarize':
      return config.dataset === 'mnist'
        ? APPLIES
        : { applies: false, reason: `Binary pixels is for MNIST only: ${DATASET_NAMES[config.dataset]} is points in 2-D, not pixels.` };
    case 'initStd':
      return config.initScheme === 'gaussian'
        ? APPLIES
        : { applies: false, reason: `Init std is for the gaussian init only: ${SCHEME_NAMES[config.initScheme]} sets each layer's std from its fan-in.` };
    default:
      return APPLIES;
  }
}

/** True when `activation` saturates (flat tails where the gradient vanishes): sigmoid and tanh, not ReLU or linear. */
export function saturates(activation: ExperimentConfig['activation']): boolean {
  return activation === 'sigmoid' || activation === 'tanh';
}

/** Figure 1's panel title: the paper's figure on MNIST, its setup carried over to a toy dataset otherwise. */
export function figure1Title(dataset: DatasetName): string {
  return dataset === 'mnist' ? 'The paper’s Figure 1' : `Figure 1 setup on ${DATASET_NAMES[dataset]}`;
}
