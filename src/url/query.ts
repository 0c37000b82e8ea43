/**
 * Editing a query string as text, the way the page writes its address bar: one parameter is set
 * or removed and every other part is kept exactly as written (URLSearchParams would re-escape the
 * whole query: commas as `%2C`, `%20` as `+`, `1e+3` read as "1e 3"). Values are escaped with
 * commas left readable, so `controls=play,reset` and `lab.factors=0.1,1,10` stay short.
 */

/** `value` escaped for a query (encodeURIComponent), with commas kept as they are. */
export function escapeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

/** The non-empty `key=value` parts of `search` (with or without '?'), as written. */
export function queryParts(search: string): string[] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  return text.split('&').filter((part) => part !== '');
}

/** The decoded key of one `key=value` part (a bare `key` included), or null when its escapes are bad. */
export function partKey(part: string): string | null {
  const at = part.indexOf('=');
  try {
    return decodeURIComponent(at < 0 ? part : part.slice(0, at));
  } catch {
    return null;
  }
}

/**
 * `search` (without '?' in the result) with parameter `name` set to `value` (null removes it):
 * the first part named `name` is replaced in its place, later ones removed, or the pair appended.
 * Every other part is kept exactly as written.
 */
export function withQueryParam(search: string, name: string, value: string | null): string {
  const pair = value === null ? null : `${escapeQueryValue(name)}=${escapeQueryValue(value)}`;
  let placed = false;
  const parts: string[] = [];
  for (const part of queryParts(search)) {
    if (partKey(part) !== name) parts.push(part);
    else if (!placed && pair !== null) {
      parts.push(pair);
      placed = true;
    }
  }
  if (!placed && pair !== null) parts.push(pair);
  return parts.join('&');
}

/** `href` with parameter `name` set to `value` (null removes it), as withQueryParam; path and hash kept. */
export function hrefWithQueryParam(href: string, name: string, value: string | null): string {
  const url = new URL(href);
  // The search setter escapes only what a URL cannot hold (spaces, quotes, '#', '<', '>'): commas stay.
  url.search = withQueryParam(url.search, name, value);
  return url.href;
}
