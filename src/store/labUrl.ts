/**
 * The lab's part of the address bar: `lab=<job id>` and the job's params that differ from their
 * defaults as `lab.<name>=<value>`. Pure string functions (the codec and the bridge leave these
 * keys alone, src/url/codec.ts isPassThroughParam), and the writer that merges them into the
 * current query without touching the experiment's parameters.
 */
import { escapeQueryValue } from '../url/query.ts';

/** The query parameter naming the lab job. */
export const LAB_PARAM = 'lab';
/** Prefix of a lab job's parameters in the query. */
export const LAB_PARAM_PREFIX = 'lab.';

/** What the address bar says about the lab. */
export interface LabUrlState {
  jobId: string;
  /** The job's params as text (only those that differ from its defaults). */
  raw: Record<string, string>;
}

/** True for a query key that belongs to the lab. */
function isLabKey(key: string): boolean {
  return key === LAB_PARAM || key.startsWith(LAB_PARAM_PREFIX);
}

/** The key of one `key=value` part of a query, decoded (null when its escapes are bad). */
function keyOf(part: string): string | null {
  const at = part.indexOf('=');
  try {
    return decodeURIComponent(at < 0 ? part : part.slice(0, at));
  } catch {
    return null;
  }
}

/** The lab state in `search` (with or without '?'), or null when it names no job. The last `lab` wins; bad escapes are skipped. */
export function readLabQuery(search: string): LabUrlState | null {
  const text = search.startsWith('?') ? search.slice(1) : search;
  let jobId: string | null = null;
  const raw: Record<string, string> = {};
  for (const part of text.split('&')) {
    const key = keyOf(part);
    if (key === null || !isLabKey(key)) continue;
    const at = part.indexOf('=');
    let value: string;
    try {
      value = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
    } catch {
      continue;
    }
    if (key === LAB_PARAM) jobId = value;
    // defineProperty: `lab.__proto__` is a param name like any other (reported by the job as unknown), not the prototype.
    else if (key.length > LAB_PARAM_PREFIX.length) Object.defineProperty(raw, key.slice(LAB_PARAM_PREFIX.length), { value, enumerable: true, writable: true, configurable: true });
  }
  return jobId === null || jobId === '' ? null : { jobId, raw };
}

/** A value for the query: escaped, but commas kept readable (`0.1,1,10`). */
const escapeValue = escapeQueryValue;

/**
 * `search` (without '?' in the result) with its lab keys replaced by `state` (removed when null).
 * Every other part is kept exactly as written, in its place.
 */
export function withLabQuery(search: string, state: LabUrlState | null): string {
  const text = search.startsWith('?') ? search.slice(1) : search;
  const kept = text.split('&').filter((part) => {
    if (part === '') return false;
    const key = keyOf(part);
    return key === null || !isLabKey(key);
  });
  const lab = state
    ? [`${LAB_PARAM}=${escapeValue(state.jobId)}`,
      ...Object.entries(state.raw).map(([name, value]) => `${LAB_PARAM_PREFIX}${encodeURIComponent(name)}=${escapeValue(value)}`)]
    : [];
  return [...kept, ...lab].join('&');
}

/** Write `state` into the address bar's query (history.replaceState), keeping everything else. */
export function replaceLabUrl(state: LabUrlState | null): void {
  const url = new URL(window.location.href);
  const query = withLabQuery(url.search, state);
  const next = `${url.pathname}${query === '' ? '' : `?${query}`}${url.hash}`;
  if (next !== `${url.pathname}${url.search}${url.hash}`) window.history.replaceState(window.history.state, '', next);
}
