/**
 * The guided tour's place in the link: `guide=N` (1-based). It is one of the URL codec's
 * pass-through parameters, so the experiment's own parameters are left alone; a value that is
 * not a step is named in the link's notice (guideProblem) and the tour stays closed.
 */
import { quoteForMessage } from '../../experiment/validate.ts';
import { hrefWithQueryParam } from '../../url/query.ts';

/** The query parameter holding the tour step. */
export const GUIDE_PARAM = 'guide';

/** The raw `guide` value of `search`, or null. */
function rawGuide(search: string): string | null {
  try {
    return new URLSearchParams(search).get(GUIDE_PARAM);
  } catch {
    return null;
  }
}

/** The 0-based step a query string opens at, or null (no tour, or a value that is not a step). */
export function readGuideStep(search: string, stepCount: number): number | null {
  const raw = rawGuide(search);
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const step = Number(raw);
  return step >= 1 && step <= stepCount ? step - 1 : null;
}

/** The message for a `guide` value that is not a step from 1 to `stepCount` (`guide=999`, `-1`, `abc`), or null. */
export function guideProblem(search: string, stepCount: number): string | null {
  const raw = rawGuide(search);
  if (raw === null || readGuideStep(search, stepCount) !== null) return null;
  return `guide must be a tour step from 1 to ${stepCount} (got ${quoteForMessage(raw)}); the tour is not opened`;
}

/** Put `index` (0-based; null removes it) in the address bar, keeping everything else as written. */
export function writeGuideStep(index: number | null): void {
  const next = hrefWithQueryParam(window.location.href, GUIDE_PARAM, index === null ? null : String(index + 1));
  if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
}
