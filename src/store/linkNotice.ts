/**
 * The link's one summary notice: every value of the opened link the page could not use (unknown
 * keys, invalid settings, bad embed, presentation, tour or lab values) is named in a single
 * notice, the first LINK_NOTICE_ITEMS of them listed and the rest counted, however long the link.
 * Parts of the page that check their own parameters later (the tour, the lab, loaded on demand)
 * add theirs to the same notice.
 */
import { useExperimentStore } from './index.ts';
import type { Notice } from './types.ts';

/** Problems listed in the notice; the rest are counted ("and 1,495 more"). */
export const LINK_NOTICE_ITEMS = 5;

/** The heading and list of the notice for `problems` (at least one). */
export function linkNoticeContent(problems: readonly string[]): { text: string; items: string[] } {
  const text = problems.length === 1
    ? 'Part of this link could not be used, and was ignored or replaced by its default:'
    : 'Parts of this link could not be used, and were ignored or replaced by their defaults:';
  const items = problems.slice(0, LINK_NOTICE_ITEMS);
  const rest = problems.length - items.length;
  return { text, items: rest > 0 ? [...items, `and ${rest.toLocaleString('en-US')} more.`] : items };
}

let nextLinkNoticeId = -1;

/**
 * `notices` with `problems` added to the link's summary notice (created when there is none; a
 * problem already named is not added again). Other notices are left as they are.
 */
export function withLinkProblems(notices: Notice[], problems: readonly string[]): Notice[] {
  if (problems.length === 0) return notices;
  const at = notices.findIndex((n) => n.linkProblems !== undefined);
  const known = at >= 0 ? notices[at].linkProblems ?? [] : [];
  const seen = new Set(known);
  const added = problems.filter((p) => !seen.has(p) && (seen.add(p), true));
  if (added.length === 0) return notices;
  const linkProblems = [...known, ...added];
  // Negative ids: never the same as the store's own notices' (withNotice counts up from 1).
  const notice: Notice = { id: at >= 0 ? notices[at].id : nextLinkNoticeId--, kind: 'error', ...linkNoticeContent(linkProblems), linkProblems };
  return at >= 0 ? notices.map((n, i) => (i === at ? notice : n)) : [...notices, notice];
}

/** Add `problems` (about the opened link) to the page's link notice, in the experiment store. */
export function reportLinkProblems(problems: readonly string[]): void {
  if (problems.length === 0) return;
  useExperimentStore.setState((s) => ({ notices: withLinkProblems(s.notices, problems) }));
}
