/**
 * What the Share dialog hands out besides the plain link: the classroom link (the experiment with only
 * the chosen controls, ./pageControls.ts), and the two embeds that size themselves: an iframe with the
 * few lines a host page needs to apply the height the embed posts (src/embed/resize.ts), and the
 * `<bn-explorer>` element of public/embed.js. README shows the same lines (test/url/shareSnippets.test.ts).
 * Pure: the caller passes the page's address and the experiment's query in.
 */
import { escapeAttribute } from '../embed/options.ts';
import { controlsValue, CONTROLS_PARAM } from './pageControls.ts';
import type { PageControl } from './pageControls.ts';
import { escapeQueryValue, partKey, queryParts } from './query.ts';

/** The message an embed posts to its parent with its height (src/embed/resize.ts). */
export const RESIZE_MESSAGE = 'bn-explorer:resize';

/** The host page's lines that give each BatchNorm Explorer iframe the height it reports, from that iframe only. */
export const RESIZE_LISTENER = `<script>
  // Each BatchNorm Explorer iframe takes the height it reports (from that iframe only).
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== '${RESIZE_MESSAGE}') return;
    const height = data.height;
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 20000) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(height) + 'px';
    }
  });
</script>`;

/** `href` (the page's address) with its query replaced by `query` (without '?') and no hash. */
function withQuery(href: string, query: string): string {
  const url = new URL(href);
  url.search = query;
  url.hash = '';
  return url.href;
}

/** The classroom link: the page at `href` with the experiment's `query` and only the controls `kept` (none: `controls=none`). */
export function classroomLink(href: string, query: string, kept: readonly PageControl[]): string {
  const parts = [query, `${CONTROLS_PARAM}=${escapeQueryValue(controlsValue(kept))}`].filter((p) => p !== '');
  return withQuery(href, parts.join('&'));
}

/** `learningRate` -> `learning-rate`: a setting's name as an HTML attribute (embed.js turns it back). */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `learning-rate` -> `learningRate`, as embed.js reads an attribute's name. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The address of embed.js: in the folder of the page at `href`. */
export function embedScriptUrl(href: string): string {
  const url = new URL('embed.js', href);
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * The `<script>` line and a `<bn-explorer>` element for the embed whose query is `query` (the experiment's
 * settings and the embed's options, `embed=1` left out: the element adds it), with `title` and the
 * starting `height` (px, until the embed reports its own).
 */
export function elementSnippet(href: string, query: string, title: string, height: number): string {
  const attributes: string[] = [];
  for (const part of queryParts(query)) {
    const key = partKey(part);
    if (key === null || key === 'embed') continue;
    const at = part.indexOf('=');
    let value = '';
    try {
      value = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
    } catch {
      continue;
    }
    attributes.push(`${kebabCase(key)}="${escapeAttribute(value)}"`);
  }
  attributes.push(`title="${escapeAttribute(title)}"`, `height="${height}"`);
  return `<script src="${escapeAttribute(embedScriptUrl(href))}" defer></script>\n<bn-explorer ${attributes.join(' ')}></bn-explorer>`;
}

/** An iframe snippet and, after it, the lines that size it. */
export function sizedIframeSnippet(iframe: string): string {
  return `${iframe}\n${RESIZE_LISTENER}`;
}
