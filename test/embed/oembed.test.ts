// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { appFolderUrl, followOembedLink, oembedJson, oembedLinkAttributes, oembedPath, OEMBED_SIZE } from '../../src/embed/oembed.ts';
import { oembedFiles } from '../../scripts/oembedPlugin.ts';
import { PRESETS } from '../../src/experiment/presets.ts';

const LR = { id: 'lr-x30', title: 'Learning rate x30' };

afterEach(() => {
  document.head.innerHTML = '';
});

describe('oembedJson', () => {
  it('is a rich oEmbed 1.0 answer whose html is the Figure 1 iframe, relative to the JSON file without a public address', () => {
    const json = oembedJson(LR, null);
    expect(json).toEqual({
      version: '1.0',
      type: 'rich',
      title: 'BatchNorm Explorer: Learning rate x30',
      provider_name: 'BatchNorm Explorer',
      html: '<iframe src="../?preset=lr-x30&amp;embed=1&amp;view=fig1&amp;controls=play,reset&amp;autoplay=1" title="BatchNorm Explorer: Learning rate x30" width="640" height="480" style="border:0;max-width:100%" loading="lazy"></iframe>',
      width: OEMBED_SIZE.width,
      height: OEMBED_SIZE.height,
    });
    expect(oembedPath('lr-x30')).toBe('oembed/lr-x30.json');
  });

  it('uses the public address, when the build has one, for the iframe, provider_url and the link', () => {
    const url = appFolderUrl('https://courses.example/ml/bn-explorer?x=1#top');
    expect(url).toBe('https://courses.example/ml/bn-explorer/');
    const json = oembedJson(LR, url);
    expect(json.provider_url).toBe(url);
    expect(json.html).toMatch(/^<iframe src="https:\/\/courses\.example\/ml\/bn-explorer\/\?preset=lr-x30&amp;embed=1/);
    expect(oembedLinkAttributes(LR, url).href).toBe('https://courses.example/ml/bn-explorer/oembed/lr-x30.json');
    expect(() => appFolderUrl('bn-explorer/')).toThrow(/absolute/);
    expect(() => appFolderUrl('javascript:alert(1)')).toThrow(/http/);
  });

  it('escapes a title for the HTML attribute', () => {
    expect(oembedJson({ id: 'x', title: 'a "b" <c> & d' }, null).html).toContain('title="BatchNorm Explorer: a &quot;b&quot; &lt;c&gt; &amp; d"');
  });
});

describe('oembedFiles (the build plugin)', () => {
  it('emits one JSON file per preset and puts the default preset\'s link in index.html', () => {
    const emitted: { fileName: string; source: string }[] = [];
    const plugin = oembedFiles(undefined);
    const generate = plugin.generateBundle as unknown as (this: unknown) => void;
    generate.call({ emitFile: (file: { fileName: string; source: string }) => emitted.push(file) });
    expect(emitted.map((f) => f.fileName)).toEqual(PRESETS.map((p) => `oembed/${p.id}.json`));
    for (const file of emitted) expect(JSON.parse(file.source)).toMatchObject({ type: 'rich', version: '1.0' });
    const tags = (plugin.transformIndexHtml as unknown as () => { attrs: Record<string, string> }[])();
    expect(tags[0].attrs).toMatchObject({ rel: 'alternate', type: 'application/json+oembed', href: `oembed/${PRESETS[0].id}.json` });
  });
});

describe('followOembedLink', () => {
  it('points the discovery link at the current preset\'s file, absolute from the page, and drops it for a custom experiment', () => {
    let listener: ((id: string | null) => void) | null = null;
    const stop = followOembedLink({
      document,
      presetId: () => 'lr-x30',
      onPresetId: (l) => { listener = l; return () => { listener = null; }; },
      presets: [LR, { id: 'spiral', title: 'Spiral' }],
    });
    const link = () => document.head.querySelector('link[type="application/json+oembed"]');
    expect(link()?.getAttribute('rel')).toBe('alternate');
    expect(link()?.getAttribute('href')).toBe(new URL('oembed/lr-x30.json', document.baseURI).href);
    listener!('spiral');
    expect(document.head.querySelectorAll('link[type="application/json+oembed"]')).toHaveLength(1);
    expect(link()?.getAttribute('href')).toMatch(/\/oembed\/spiral\.json$/);
    expect(link()?.getAttribute('title')).toBe('BatchNorm Explorer: Spiral');
    listener!(null);
    expect(link()).toBeNull();
    listener!('lr-x30');
    expect(link()).not.toBeNull();
    stop();
    expect(listener).toBeNull();
  });
});
