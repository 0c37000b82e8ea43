/**
 * The fixed histogram range of a run, chosen once from the activation so that every snapshot's
 * histogram compares with every other (PAPER.md section 3). Bins are 0.25 wide:
 * - sigmoid / tanh: [-8, 8] in 64 bins. Both saturate past |x| = 4 (the saturation threshold),
 *   so the range shows the saturated tails twice as far out, and beyond 8 nothing changes.
 * - relu / linear: [-12, 12] in 96 bins. No saturation, and the plain network's inputs spread
 *   wider; values further out are counted in the under / over edges.
 */
import type { Activation } from '../engine/types.ts';
import type { HistogramBins } from './types.ts';

/** Width of one histogram bin for every activation. */
export const BIN_WIDTH = 0.25;

/** The fixed bins of a run whose hidden layers use `activation`. */
export function binsFor(activation: Activation): HistogramBins {
  switch (activation) {
    case 'sigmoid':
    case 'tanh':
      return { min: -8, max: 8, count: 64 };
    case 'relu':
    case 'linear':
      return { min: -12, max: 12, count: 96 };
  }
}
