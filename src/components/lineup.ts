/**
 * The words that name the networks on show, for the page's subtitle and the explainer: the paper's
 * pair ("with and without Batch Normalization") or the zoo's line-up, each with what it does.
 */
import type { NetworkId } from '../experiment/types.ts';
import { networkLabels } from '../theme.ts';

const COUNTS = ['One copy', 'Two copies', 'Three copies', 'Four copies', 'Five copies', 'Six copies', 'Seven copies'];

/** What each network does to a hidden layer's inputs, in a few words. */
export const NETWORK_ROLES: Record<NetworkId, string> = {
  plain: 'no normalization',
  bn: 'Batch Normalization over the mini-batch, before each nonlinearity (the paper)',
  noisy: 'BN, then random noise that moves the distributions on purpose (Santurkar et al. 2018)',
  'bn-after': 'BN after each nonlinearity instead of before',
  ghost: 'BN over virtual batches smaller than the mini-batch (Hoffer et al. 2017)',
  ln: 'each example normalised over its layer’s units (Ba et al. 2016)',
  gn: 'each example normalised over groups of units (Wu & He 2018)',
};

/** "Three copies" for 3 (words up to seven, then digits). */
export function copiesOf(count: number): string {
  return COUNTS[count - 1] ?? `${count} copies`;
}

/** True for the paper's pair: without and with BN. */
export function isPaperPair(ids: readonly NetworkId[]): boolean {
  return ids.length === 2 && ids[0] === 'plain' && ids[1] === 'bn';
}

/** "A, B and C". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The page's subtitle for the networks `ids`. */
export function subtitleFor(ids: readonly NetworkId[]): string {
  if (isPaperPair(ids)) return 'Two copies of one network, with and without Batch Normalization, training live in your browser.';
  return `${copiesOf(ids.length)} of one network (${listed(ids.map((id) => networkLabels[id]))}), training live in your browser.`;
}
