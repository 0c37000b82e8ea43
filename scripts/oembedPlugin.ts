/**
 * Vite build plugin: one static oEmbed JSON per preset, `oembed/<preset>.json` (src/embed/oembed.ts),
 * and the default preset's discovery link in index.html (the page moves it to the current preset
 * when it runs). BN_EXPLORER_URL=https://your.host/bn-explorer/ makes their addresses absolute.
 */
import type { Plugin } from 'vite';
import { PRESETS } from '../src/experiment/presets.ts';
import { appFolderUrl, oembedJson, oembedLinkAttributes, oembedPath } from '../src/embed/oembed.ts';

export function oembedFiles(publicUrl: string | undefined = process.env.BN_EXPLORER_URL): Plugin {
  const appUrl = publicUrl ? appFolderUrl(publicUrl) : null;
  return {
    name: 'bn-explorer-oembed',
    apply: 'build',
    transformIndexHtml: () => (PRESETS[0] ? [{ tag: 'link', attrs: oembedLinkAttributes(PRESETS[0], appUrl), injectTo: 'head' }] : []),
    generateBundle() {
      for (const preset of PRESETS) {
        this.emitFile({ type: 'asset', fileName: oembedPath(preset.id), source: `${JSON.stringify(oembedJson(preset, appUrl), null, 2)}\n` });
      }
    },
  };
}
