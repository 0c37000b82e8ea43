/**
 * The page's own query parameters (the codec's pass-through ones), checked: each value the page
 * cannot use gives one message that names it and says what is used instead, for the link's one
 * summary notice (src/store/linkNotice.ts). Pure: the caller passes the search string in.
 * `guide=N` is checked by the tour, which knows its steps (src/components/guide/guideUrl.ts), and a
 * lab job's params by the lab, which knows its jobs (src/components/lab/LabWorkbench.tsx).
 */
import { readEmbedOptions } from '../embed/options.ts';
import { quoteForMessage } from '../experiment/validate.ts';
import { LAB_PARAM, LAB_PARAM_PREFIX } from '../store/labUrl.ts';
import { readPageControls, showsControl } from './pageControls.ts';
import { partKey, queryParts } from './query.ts';
import { readSharedScales, SHARED_PARAM, SHARED_SCALE_CHARTS } from './sharedScales.ts';

/** The query parameter of presentation mode. */
export const PRESENT_PARAM = 'present';
/** `present` values that turn presentation mode on, and those that leave it off. */
export const PRESENT_ON: readonly string[] = ['1', 'true'];
export const PRESENT_OFF: readonly string[] = ['0', 'false', ''];

/** At most this many names are quoted in one message about many. */
const NAMED = 3;

/** Presentation mode as `search` asks for it, and the message when its value is not one of PRESENT_ON / PRESENT_OFF (then off). */
export function readPresent(search: string): { on: boolean; problem: string | null } {
  let value: string | null;
  try {
    value = new URLSearchParams(search).get(PRESENT_PARAM);
  } catch {
    value = null;
  }
  if (value === null) return { on: false, problem: null };
  const word = value.trim().toLowerCase();
  if (PRESENT_ON.includes(word)) return { on: true, problem: null };
  if (PRESENT_OFF.includes(word)) return { on: false, problem: null };
  return { on: false, problem: `present must be 1 or 0 (got ${quoteForMessage(value)}); presentation mode off` };
}

/** "\"a\", \"b\", \"c\" and 12 more": the first NAMED of `names` quoted, the rest counted. */
export function namedList(names: readonly string[]): string {
  const rest = names.length - NAMED;
  const shown = names.slice(0, NAMED).map(quoteForMessage).join(', ');
  return rest > 0 ? `${shown} and ${rest.toLocaleString('en-US')} more` : shown;
}

/** The message when `search` holds `lab.<name>` params but names no lab job (they are then ignored), else null. */
export function labWithoutJobProblem(search: string): string | null {
  let job = false;
  const names: string[] = [];
  for (const part of queryParts(search)) {
    const key = partKey(part);
    if (key === LAB_PARAM) {
      const at = part.indexOf('=');
      job = at >= 0 && at < part.length - 1;
    } else if (key !== null && key.startsWith(LAB_PARAM_PREFIX)) {
      names.push(key);
    }
  }
  if (job || names.length === 0) return null;
  const distinct = [...new Set(names)];
  return `${namedList(distinct)} need a lab job (lab=lr-sweep, for one); ignored`;
}

/**
 * The messages when a classroom link (`controls=` on the full page) leaves out the part another of its
 * parameters opens: `guide=N` without `tour`, `lab=job` without `lab` (they are then ignored).
 */
export function classroomProblems(search: string): string[] {
  const controls = readPageControls(search);
  if (!controls.restricted || readEmbedOptions(search).embed) return [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return [];
  }
  const problems: string[] = [];
  if (params.has('guide') && !showsControl(controls, 'tour')) problems.push('guide needs "tour" in the link\'s controls (the guided tour is hidden); ignored');
  if ((params.get(LAB_PARAM) ?? '') !== '' && !showsControl(controls, 'lab')) problems.push('lab needs "lab" in the link\'s controls (the lab is hidden); ignored');
  return problems;
}

/** The message when `shared=` holds words that name no chart (they are ignored), else null. */
export function sharedScalesProblem(search: string): string | null {
  const { unknown } = readSharedScales(search);
  if (unknown.length === 0) return null;
  return `${SHARED_PARAM} takes ${SHARED_SCALE_CHARTS.join(' and ')} (got ${namedList(unknown)}); ignored`;
}

/** Every problem with the page's own parameters in `search`: embed mode's, presentation mode's, shared scales', lab params without a job, a classroom link's. */
export function pageParamProblems(search: string): string[] {
  const problems = [...readEmbedOptions(search).problems];
  const present = readPresent(search).problem;
  if (present !== null) problems.push(present);
  const shared = sharedScalesProblem(search);
  if (shared !== null) problems.push(shared);
  const lab = labWithoutJobProblem(search);
  if (lab !== null) problems.push(lab);
  for (const problem of classroomProblems(search)) problems.push(problem);
  return problems;
}

/** Page parameters that take one word: a value the page cannot use is not written back to the address bar. */
const ONE_WORD_PARAMS: readonly string[] = ['embed', 'present', 'autoplay', 'theme'];

/**
 * False for a `key=value` part the address bar should lose when the page rewrites it: a one-word
 * page parameter whose value the page could not use (it was named in the link's notice and the
 * default used). Others (lists, `guide`, `lab.*`) are kept as written; their own code tidies them.
 */
export function keepsPageParam(part: string): boolean {
  const key = partKey(part);
  if (key === null) return false;
  return !ONE_WORD_PARAMS.includes(key) || pageParamProblems(part).length === 0;
}
