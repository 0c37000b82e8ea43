import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/experiment/settings.ts';
import { decodeUrlState } from '../../src/url/codec.ts';
import { readPageControls } from '../../src/url/pageControls.ts';
import {
  camelCase, classroomLink, elementSnippet, embedScriptUrl, kebabCase, RESIZE_LISTENER, RESIZE_MESSAGE, sizedIframeSnippet,
} from '../../src/url/shareSnippets.ts';

const HREF = 'https://site.example/explorer/?preset=lr-x30&present=1#top';

describe('the classroom link', () => {
  it('is the experiment\'s query and the controls kept, which the codec and the page read back', () => {
    const link = classroomLink(HREF, 'preset=lr-x5&batchSize=32', ['play', 'reset', 'learningRate']);
    expect(link).toBe('https://site.example/explorer/?preset=lr-x5&batchSize=32&controls=play,reset,learningRate');
    const search = new URL(link).search;
    expect(decodeUrlState(search)).toMatchObject({ presetId: 'lr-x5', errors: [] });
    expect(readPageControls(search)).toEqual({ restricted: true, kept: ['play', 'reset', 'learningRate'] });
  });

  it('says none when no control stays', () => {
    expect(classroomLink(HREF, '', [])).toBe('https://site.example/explorer/?controls=none');
  });
});

describe('the embed snippets', () => {
  it('name every setting in kebab-case, which embed.js turns back into the setting', () => {
    for (const { key } of SETTINGS) expect(camelCase(kebabCase(key))).toBe(key);
    expect(kebabCase('learningRate')).toBe('learning-rate');
  });

  it('load embed.js from the page\'s folder and give <bn-explorer> the embed\'s options as attributes', () => {
    expect(embedScriptUrl(HREF)).toBe('https://site.example/explorer/embed.js');
    const snippet = elementSnippet(HREF, 'preset=lr-x5&batchSize=32&embed=1&view=fig1&controls=play,reset&autoplay=1&theme=dark', 'BatchNorm Explorer: "x5" & more', 480);
    expect(snippet).toBe(
      '<script src="https://site.example/explorer/embed.js" defer></script>\n'
      + '<bn-explorer preset="lr-x5" batch-size="32" view="fig1" controls="play,reset" autoplay="1" theme="dark" '
      + 'title="BatchNorm Explorer: &quot;x5&quot; &amp; more" height="480"></bn-explorer>',
    );
  });

  it('put the lines that size the iframe after it, the same lines README gives, for the message the embed posts', () => {
    expect(sizedIframeSnippet('<iframe></iframe>')).toBe(`<iframe></iframe>\n${RESIZE_LISTENER}`);
    expect(RESIZE_LISTENER).toContain(`data.type !== '${RESIZE_MESSAGE}'`);
    expect(readFileSync(resolve('README.md'), 'utf8')).toContain(RESIZE_LISTENER);
    expect(readFileSync(resolve('src/embed/resize.ts'), 'utf8')).toContain(`'${RESIZE_MESSAGE}'`);
  });
});
