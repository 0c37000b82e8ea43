/**
 * oEmbed (https://oembed.com) for the presets: blog platforms that support it embed an experiment from
 * a pasted link. The build writes one static JSON per preset, `oembed/<preset>.json`
 * (scripts/oembedPlugin.ts), and the page names the current preset's in a
 * `<link rel="alternate" type="application/json+oembed">` (followOembedLink).
 * The app is static and runs from any folder, so its own address is unknown at build time: the JSON's
 * iframe address is relative to the JSON file (`../?preset=...`) unless the build is given the app's
 * public address (BN_EXPLORER_URL), which makes it, and provider_url, absolute.
 */
import { escapeAttribute } from './options.ts';

/** The folder of the oEmbed files, inside the app's folder. */
export const OEMBED_DIR = 'oembed';
/** The size the oEmbed snippet asks for: Figure 1 fits it without scrolling (test/e2e/embedHost.e2e.ts). */
export const OEMBED_SIZE = { width: 640, height: 480 } as const;
export const PROVIDER_NAME = 'BatchNorm Explorer';

/** What an oEmbed consumer reads (type "rich"). */
export interface OembedRich {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url?: string;
  html: string;
  width: number;
  height: number;
}

/** `oembed/<id>.json`, relative to the app's folder. */
export function oembedPath(presetId: string): string {
  return `${OEMBED_DIR}/${encodeURIComponent(presetId)}.json`;
}

/** The embed's query for a preset: Figure 1 with Play/Pause and Reset, training on load. */
export function oembedQuery(presetId: string): string {
  return `preset=${encodeURIComponent(presetId)}&embed=1&view=fig1&controls=play,reset&autoplay=1`;
}

/** `url` as an absolute http(s) folder address ending in '/', or an error naming what is wrong. */
export function appFolderUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`BN_EXPLORER_URL must be an absolute address such as https://your.host/bn-explorer/ (got ${JSON.stringify(url)})`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`BN_EXPLORER_URL must be http or https (got ${parsed.protocol})`);
  parsed.search = '';
  parsed.hash = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}

/**
 * The oEmbed answer for a preset. `appUrl`: the app's absolute folder address (appFolderUrl), or
 * null for an address relative to the JSON file in `oembed/`.
 */
export function oembedJson(preset: { id: string; title: string }, appUrl: string | null): OembedRich {
  const title = `${PROVIDER_NAME}: ${preset.title}`;
  const src = `${appUrl ?? '../'}?${oembedQuery(preset.id)}`;
  const { width, height } = OEMBED_SIZE;
  const html = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="${width}" height="${height}" `
    + 'style="border:0;max-width:100%" loading="lazy"></iframe>';
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: PROVIDER_NAME,
    ...(appUrl ? { provider_url: appUrl } : {}),
    html,
    width,
    height,
  };
}

/** The discovery link's attributes for a preset (href relative to the page, or absolute with `appUrl`). */
export function oembedLinkAttributes(preset: { id: string; title: string }, appUrl: string | null): Record<string, string> {
  return {
    rel: 'alternate',
    type: 'application/json+oembed',
    href: `${appUrl ?? ''}${oembedPath(preset.id)}`,
    title: `${PROVIDER_NAME}: ${preset.title}`,
  };
}

/** What followOembedLink needs (tests pass fakes). */
export interface OembedLinkDeps {
  document: Document;
  presetId: () => string | null;
  /** Calls back on every preset change; returns the unsubscribe function. */
  onPresetId: (listener: (id: string | null) => void) => () => void;
  /** The presets that have an oEmbed file. */
  presets: readonly { id: string; title: string }[];
}

/**
 * Keep the page's oEmbed discovery link on the current preset (absolute, from the page's own
 * address); none for an experiment that is no preset. Returns the function that stops following.
 */
export function followOembedLink(deps: OembedLinkDeps): () => void {
  const doc = deps.document;
  const apply = (id: string | null): void => {
    const preset = id === null ? undefined : deps.presets.find((p) => p.id === id);
    let link = doc.head.querySelector<HTMLLinkElement>('link[rel="alternate"][type="application/json+oembed"]');
    if (!preset) {
      link?.remove();
      return;
    }
    if (!link) {
      link = doc.createElement('link');
      doc.head.appendChild(link);
    }
    const attributes = oembedLinkAttributes(preset, null);
    attributes.href = new URL(attributes.href, doc.baseURI).href;
    for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
  };
  apply(deps.presetId());
  return deps.onPresetId(apply);
}
