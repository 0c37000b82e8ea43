/** Datasets as the engine consumes them: pure data, no DOM. */
import type { Batch } from '../engine/types.ts';

/** A labelled dataset split into a training and a held-out test set. */
export interface Dataset {
  /** Short name, e.g. 'mnist' or 'spiral'. */
  name: string;
  /** Features per example (784 for MNIST, 2 for the 2-D sets). */
  inputs: number;
  /** Number of classes. */
  classes: number;
  /** Training examples (mini-batches are drawn from here). */
  train: Batch;
  /** Held-out examples: test accuracy, and the probe set for distributions. */
  test: Batch;
}
