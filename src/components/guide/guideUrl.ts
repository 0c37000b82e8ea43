/**
 * The guided tour's place in the link: `guide=N` (1-based). It is one of the URL codec's
 * pass-through parameters, so the experiment's own parameters are left alone.
 */

/** The query parameter holding the tour step. */
export const GUIDE_PARAM = 'guide';

/** The 0-based step a query string opens at, or null (no tour, or a value that is not a step). */
export function readGuideStep(search: string, stepCount: number): number | null {
  const raw = new URLSearchParams(search).get(GUIDE_PARAM);
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const step = Number(raw);
  return step >= 1 && step <= stepCount ? step - 1 : null;
}

/** Put `index` (0-based; null removes it) in the address bar, keeping everything else. */
export function writeGuideStep(index: number | null): void {
  const url = new URL(window.location.href);
  if (index === null) url.searchParams.delete(GUIDE_PARAM);
  else url.searchParams.set(GUIDE_PARAM, String(index + 1));
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}
