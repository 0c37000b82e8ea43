// @vitest-environment jsdom
/** public/embed.js, the <bn-explorer> element a host page loads: the iframe it builds and the heights it takes. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SCRIPT = readFileSync(resolve(__dirname, '../../public/embed.js'), 'utf8');

beforeAll(() => {
  // As a host page loads it: a script element from the app's folder (jsdom fetches nothing), then its code.
  const tag = document.createElement('script');
  tag.src = 'https://apps.example/courses/bn-explorer/embed.js?v=2';
  document.head.appendChild(tag);
  const code = document.createElement('script');
  code.textContent = SCRIPT;
  document.head.appendChild(code);
  if (!customElements.get('bn-explorer')) throw new Error('embed.js did not define <bn-explorer>');
});
afterEach(() => {
  document.body.innerHTML = '';
});

function mount(html: string): { element: HTMLElement; frame: HTMLIFrameElement } {
  document.body.innerHTML = html;
  const element = document.body.querySelector('bn-explorer') as HTMLElement;
  const frame = element.querySelector('iframe');
  if (!frame) throw new Error('no iframe');
  return { element, frame };
}

function post(source: Window | null, data: unknown): void {
  window.dispatchEvent(new MessageEvent('message', { data, source }));
}

describe('<bn-explorer>', () => {
  it('builds an iframe of the app in the script\'s folder, with embed=1 and its attributes as the query', () => {
    const { frame } = mount('<bn-explorer preset="lr-x30" view="fig1" controls="play,reset" theme="dark"></bn-explorer>');
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe('https://apps.example/courses/bn-explorer/');
    expect(src.search).toBe('?embed=1&preset=lr-x30&view=fig1&controls=play%2Creset&theme=dark');
    expect(frame.title).toBe('BatchNorm Explorer: lr-x30');
    expect(frame.getAttribute('loading')).toBe('lazy');
    expect(frame.getAttribute('width')).toBe('100%');
    expect(frame.style.width).toBe('100%');
    expect(frame.style.border).toMatch(/^0/);
    expect(frame.style.height).toBe('480px');
  });

  it('turns kebab-case settings into the app\'s names, encodes values, and keeps its own attributes to itself', () => {
    const { frame } = mount('<bn-explorer title="Figure 1 live" height="600" class="wide" id="e1" data-note="x" aria-label="y" embed="0" '
      + 'preset="spiral" learning-rate="0.5" batch-size="16" width="64" autoplay="0" view="a&amp;b=&quot;<x>&quot;"></bn-explorer>');
    const params = new URL(frame.src).searchParams;
    expect([...params.keys()]).toEqual(['embed', 'preset', 'learningRate', 'batchSize', 'width', 'autoplay', 'view']);
    expect(params.get('embed')).toBe('1');
    expect(params.get('learningRate')).toBe('0.5');
    expect(params.get('width')).toBe('64');
    expect(params.get('view')).toBe('a&b="<x>"');
    expect(frame.src).not.toMatch(/[<>"]/);
    expect(frame.title).toBe('Figure 1 live');
    expect(frame.style.height).toBe('600px');
  });

  it('follows attribute changes', async () => {
    const { element, frame } = mount('<bn-explorer preset="lr-x30"></bn-explorer>');
    element.setAttribute('view', 'all');
    await new Promise((r) => setTimeout(r, 0));
    expect(new URL(frame.src).searchParams.get('view')).toBe('all');
  });

  it('takes a height only from its own iframe, only a finite number within 0..20000', () => {
    document.body.innerHTML = '<bn-explorer preset="a"></bn-explorer><bn-explorer preset="b"></bn-explorer>';
    const [a, b] = Array.from(document.querySelectorAll('bn-explorer iframe')) as HTMLIFrameElement[];
    const type = 'bn-explorer:resize';
    post(a.contentWindow, { type, height: 731.2 });
    expect(a.style.height).toBe('732px');
    expect(b.style.height).toBe('480px');
    post(b.contentWindow, { type, height: 900 });
    expect(a.style.height).toBe('732px');
    expect(b.style.height).toBe('900px');
    // Another window, no source, another message type, and unusable heights: all ignored.
    post(window, { type, height: 100 });
    post(null, { type, height: 100 });
    post(a.contentWindow, { type: 'other', height: 100 });
    for (const height of [NaN, Infinity, -1, 20001, '300', null, undefined]) post(a.contentWindow, { type, height });
    post(a.contentWindow, 'bn-explorer:resize');
    expect(a.style.height).toBe('732px');
    post(a.contentWindow, { type, height: 0 });
    expect(a.style.height).toBe('0px');
    post(a.contentWindow, { type, height: 20000 });
    expect(a.style.height).toBe('20000px');
  });

  it('stops listening once removed from the page', () => {
    const { element, frame } = mount('<bn-explorer></bn-explorer>');
    // The iframe moved out to the page, so it still has a window, then the element removed.
    document.body.appendChild(frame);
    post(frame.contentWindow, { type: 'bn-explorer:resize', height: 600 });
    expect(frame.style.height).toBe('600px');
    element.remove();
    post(frame.contentWindow, { type: 'bn-explorer:resize', height: 700 });
    expect(frame.style.height).toBe('600px');
  });
});
