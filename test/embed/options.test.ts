// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { decodeUrlState } from '../../src/url/codec.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { embedParams, escapeAttribute, iframeSnippet, pageUrl, readEmbedOptions } from '../../src/embed/options.ts';

describe('readEmbedOptions', () => {
  it('reads the full example link', () => {
    const o = readEmbedOptions('?embed=1&preset=lr-x30&view=fig1&controls=play,reset,learningRate&autoplay=1&theme=dark');
    expect(o).toEqual({ embed: true, panels: ['fig1'], transport: ['play', 'reset'], settings: ['learningRate'], autoplay: true, theme: 'dark', problems: [] });
  });

  it('is not embed mode without the flag, or with embed=0', () => {
    expect(readEmbedOptions('').embed).toBe(false);
    expect(readEmbedOptions('embed=0').embed).toBe(false);
    expect(readEmbedOptions('embed').embed).toBe(true);
  });

  it('defaults to both panels, Play and Reset, autoplay and the light theme', () => {
    const o = readEmbedOptions('embed=1');
    expect(o.panels).toEqual(['fig1', 'layers']);
    expect(o.transport).toEqual(['play', 'reset']);
    expect(o.settings).toEqual([]);
    expect(o.autoplay).toBe(true);
    expect(o.theme).toBe('light');
  });

  it('keeps page order of panels and drops repeated controls', () => {
    const o = readEmbedOptions('embed=1&view=layers,fig1&controls=step,step,batchSize,none');
    expect(o.panels).toEqual(['fig1', 'layers']);
    expect(o.transport).toEqual(['step']);
    expect(o.settings).toEqual(['batchSize']);
  });

  it('shows no controls for controls=none and does not autoplay for autoplay=0', () => {
    const o = readEmbedOptions('embed=1&controls=none&autoplay=0');
    expect(o.transport).toEqual([]);
    expect(o.autoplay).toBe(false);
  });

  it('names each unusable value and falls back to the default for it', () => {
    const o = readEmbedOptions('embed=1&view=everything&controls=play,__proto__&autoplay=maybe&theme=solarized');
    expect(o.panels).toEqual(['fig1', 'layers']);
    expect(o.transport).toEqual(['play']);
    expect(o.autoplay).toBe(true);
    expect(o.theme).toBe('light');
    expect(o.problems).toEqual([
      'unknown view "everything" (views: fig1, layers, all); showing fig1, layers',
      'unknown control "__proto__" (controls: play, step, reset, presets, lab, tour, none, or a setting such as learningRate); ignored',
      'autoplay must be 0 or 1 (got "maybe"); using 1',
      'unknown theme "solarized" (themes: light, dark); using light',
    ]);
  });

  it('names an embed value that is neither on nor off, and stays off for it', () => {
    for (const bad of ['<x>', 'yes please', '__proto__', '2']) {
      const o = readEmbedOptions(`embed=${encodeURIComponent(bad)}&theme=dark`);
      expect(o.embed, bad).toBe(false);
      expect(o.problems, bad).toEqual([`embed must be 1 or 0 (got ${JSON.stringify(bad)}); embed mode off`]);
    }
    expect(readEmbedOptions('embed=true').embed).toBe(true);
    expect(readEmbedOptions('embed=off').problems).toEqual([]);
  });

  it('gives one message for a list of many unknown words, naming three and counting the rest', () => {
    const words = Array.from({ length: 1_500 }, (_, i) => `c${i}`);
    const o = readEmbedOptions(`embed=1&controls=play,${words.join(',')}&view=fig1,${words.join(',')}`);
    expect(o.transport).toEqual(['play']);
    expect(o.panels).toEqual(['fig1']);
    expect(o.problems).toEqual([
      'unknown views "c0", "c1", "c2" and 1,497 more (views: fig1, layers, all); showing fig1',
      'unknown controls "c0", "c1", "c2" and 1,497 more (controls: play, step, reset, presets, lab, tour, none, or a setting such as learningRate); ignored',
    ]);
  });
});

describe('the experiment codec and the embed options', () => {
  it('lets every embed parameter through without an unknown-setting error', () => {
    const decoded = decodeUrlState(`preset=lr-x30&${embedParams({ view: 'all', controls: ['play', 'learningRate'], autoplay: false, theme: 'dark' })}`);
    expect(decoded).toEqual({ presetId: 'lr-x30', config: configForPreset('lr-x30'), errors: [] });
  });

  it('round-trips a dialog choice through the link', () => {
    const query = embedParams({ view: 'layers', controls: ['reset', 'batchSize'], autoplay: false, theme: 'dark' });
    const o = readEmbedOptions(query);
    expect(o).toMatchObject({ embed: true, panels: ['layers'], transport: ['reset'], settings: ['batchSize'], autoplay: false, theme: 'dark', problems: [] });
    expect(readEmbedOptions(embedParams({ view: 'fig1', controls: [], autoplay: true, theme: 'light' })).transport).toEqual([]);
  });
});

describe('links and snippets', () => {
  it('replaces the query of the page address and drops the hash', () => {
    expect(pageUrl('https://example.org/bn/?embed=1&view=fig1#x', 'preset=spiral')).toBe('https://example.org/bn/?preset=spiral');
    expect(pageUrl('https://example.org/bn/index.html', '')).toBe('https://example.org/bn/index.html');
  });

  it('escapes the iframe attributes', () => {
    expect(escapeAttribute('a&b"<c>')).toBe('a&amp;b&quot;&lt;c&gt;');
    const snippet = iframeSnippet('https://x.org/?preset=lr-x30&embed=1', 'BatchNorm Explorer: "x"', 760);
    expect(snippet).toBe('<iframe src="https://x.org/?preset=lr-x30&amp;embed=1" title="BatchNorm Explorer: &quot;x&quot;" width="100%" height="760" style="border:0;max-width:100%" loading="lazy"></iframe>');
    // The browser reads the src back as the URL.
    const doc = new DOMParser().parseFromString(snippet, 'text/html');
    expect(doc.querySelector('iframe')?.getAttribute('src')).toBe('https://x.org/?preset=lr-x30&embed=1');
  });
});
