/**
 * Which charts share one scale across networks, as the link says: `shared=figure1,layers`.
 * By default each chart's scale fits its own network (a shared one flattens the calmer panel);
 * `figure1` puts Figure 1's percentile panels on one y scale, `layers` gives each layer's charts
 * one value range. Pure: the caller passes the search string in and writes the value out.
 */
import { hrefWithQueryParam } from './query.ts';

/** The query parameter. */
export const SHARED_PARAM = 'shared';

/** The charts that can share a scale, in the order a link lists them. */
export const SHARED_SCALE_CHARTS = ['figure1', 'layers'] as const;
export type SharedScaleChart = (typeof SHARED_SCALE_CHARTS)[number];

/** Per chart: true when its networks share one scale. */
export type SharedScales = Record<SharedScaleChart, boolean>;

/** Every chart on its own scale. */
export const OWN_SCALES: SharedScales = { figure1: false, layers: false };

function isChart(word: string): word is SharedScaleChart {
  return (SHARED_SCALE_CHARTS as readonly string[]).includes(word);
}

/** The shared scales `search` asks for, and the words of its value it could not use (ignored; src/url/pageParams.ts names them). */
export function readSharedScales(search: string): { scales: SharedScales; unknown: string[] } {
  let value: string | null;
  try {
    value = new URLSearchParams(search).get(SHARED_PARAM);
  } catch {
    value = null;
  }
  const scales = { ...OWN_SCALES };
  if (value === null) return { scales, unknown: [] };
  const unknown: string[] = [];
  for (const raw of value.split(',')) {
    const word = raw.trim().toLowerCase();
    if (word === '') continue;
    if (isChart(word)) scales[word] = true;
    else if (!unknown.includes(raw)) unknown.push(raw);
  }
  return { scales, unknown };
}

/** The parameter's value for `scales` ("figure1,layers"), or null when every chart has its own scale. */
export function sharedScalesValue(scales: SharedScales): string | null {
  const on = SHARED_SCALE_CHARTS.filter((chart) => scales[chart]);
  return on.length > 0 ? on.join(',') : null;
}

/** Put `scales` in the address bar, keeping everything else as written. */
export function writeSharedScales(scales: SharedScales): void {
  const next = hrefWithQueryParam(window.location.href, SHARED_PARAM, sharedScalesValue(scales));
  if (next !== window.location.href) window.history.replaceState(window.history.state, '', next);
}
