/**
 * Embeds that size themselves: the height an embed posts to its host page, the host's few lines
 * (README) and public/embed.js's <bn-explorer> applying it, Figure 1 inside 640x480, the charts'
 * arrangement at phone widths, and the oEmbed discovery link.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { screenshot, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();
const LONG_RUN = '&maxSteps=10000000';

/** A host page at the app's origin: the README's listener, and iframes 640 px wide, 200 px tall until told. */
function rawHost(queries: readonly string[]): string {
  const frames = queries.map((q, i) => `<iframe id="f${i}" src="./?${q.replace(/&/g, '&amp;')}" title="Embed ${i}" width="640" height="200" style="border:0;display:block"></iframe>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host</title><style>body{margin:0;font:16px serif}</style></head><body>
<p>A post about Batch Normalization.</p>
${frames.join('\n<p>Between.</p>\n')}
<script>
window.heights = [];
window.addEventListener('message', function (event) {
  var data = event.data;
  if (!data || data.type !== 'bn-explorer:resize') return;
  window.heights.push(data.height);
  var height = data.height;
  if (typeof height !== 'number' || !isFinite(height) || height < 0 || height > 20000) return;
  document.querySelectorAll('iframe').forEach(function (frame) {
    if (frame.contentWindow === event.source) frame.style.height = Math.ceil(height) + 'px';
  });
});
</script></body></html>`;
}

/** The same experiments through public/embed.js. */
function elementHost(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host</title><style>body{margin:0;font:16px serif}bn-explorer{width:640px}</style></head><body>
<p>A post about Batch Normalization.</p>
<script src="./embed.js"></script>
<bn-explorer id="e0" preset="lr-x30" view="fig1" controls="play,reset" theme="dark" max-steps="10000000"></bn-explorer>
<p>Between.</p>
<bn-explorer id="e1" preset="lr-x30" view="all" controls="play,reset" max-steps="10000000"></bn-explorer>
</body></html>`;
}

async function hostPage(body: string, name: string): Promise<{ page: Page; watch: Awaited<ReturnType<typeof watchPage>> }> {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 900 } });
  const watch = await watchPage(page, app.url);
  await page.route(`${app.url}${name}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${app.url}${name}`);
  return { page, watch };
}

/** The frame of the iframe `selector`, once it has its app. */
async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.waitForSelector('.embed');
  return frame;
}

/** Scroll height and viewport height of a frame's (or page's) document. */
function measure(target: Frame | Page): Promise<{ scroll: number; inner: number; width: number; clientWidth: number }> {
  return target.evaluate(() => ({
    scroll: document.scrollingElement?.scrollHeight ?? NaN,
    inner: window.innerHeight,
    width: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** Wait until the run has gone far enough for its longest status line, and a frame more. */
async function trained(target: Frame | Page, steps = 1500): Promise<void> {
  await expect.poll(async () => Number((await target.getByTestId('step-counter').innerText()).replace(/[^0-9]/g, '')), { timeout: 90_000 }).toBeGreaterThan(steps);
  await target.waitForTimeout(600);
}

describe('an embed in a host page', () => {
  it('posts its content height, which the host applies: the iframe then equals its scroll height and needs no scrollbar', async () => {
    const queries = [`preset=lr-x30&embed=1&view=fig1&controls=play,reset${LONG_RUN}`, `preset=lr-x30&embed=1&view=all&controls=play,step,reset,learningRate${LONG_RUN}`];
    const { page, watch } = await hostPage(rawHost(queries), 'host-raw.html');
    const frames = [await frameOf(page, '#f0'), await frameOf(page, '#f1')];
    await trained(frames[0]);
    for (const [i, frame] of frames.entries()) {
      await expect.poll(async () => {
        const box = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().height, `f${i}`);
        const m = await measure(frame);
        return Math.abs(box - m.scroll) <= 2 && m.scroll <= m.inner;
      }, { timeout: 20_000 }).toBe(true);
      const m = await measure(frame);
      expect(m.width).toBeLessThanOrEqual(m.clientWidth);
    }
    const heights = await page.evaluate(() => (window as unknown as { heights: unknown[] }).heights);
    expect(heights.length).toBeGreaterThan(0);
    for (const h of heights) expect(typeof h === 'number' && Number.isFinite(h) && h > 0).toBe(true);
    // Figure 1 alone fits the 480 px the oEmbed snippet asks for; the whole embed is taller.
    const [fig1, all] = await Promise.all(frames.map(measure));
    expect(fig1.scroll).toBeLessThanOrEqual(480);
    expect(all.scroll).toBeGreaterThan(fig1.scroll + 400);
    console.log(`embed heights at 640 px: fig1 ${fig1.scroll}, all ${all.scroll}; ${heights.length} messages`);
    await screenshot(page, 'embed-host-raw');
    expectCleanPage(watch);
    await page.close();
  });

  it('sizes <bn-explorer> iframes (public/embed.js) to their content', async () => {
    const { page, watch } = await hostPage(elementHost(), 'host-element.html');
    const frames = [await frameOf(page, '#e0 iframe'), await frameOf(page, '#e1 iframe')];
    expect(await page.locator('#e0 iframe').getAttribute('src')).toBe(`${app.url}?embed=1&preset=lr-x30&view=fig1&controls=play%2Creset&theme=dark&maxSteps=10000000`);
    expect(await page.locator('#e0 iframe').getAttribute('title')).toBe('BatchNorm Explorer: lr-x30');
    await trained(frames[0]);
    for (const [i, frame] of frames.entries()) {
      await expect.poll(async () => {
        const box = await page.locator(`#e${i} iframe`).boundingBox();
        const m = await measure(frame);
        return !!box && Math.abs(box.height - m.scroll) <= 2 && m.scroll <= m.inner && box.width === 640;
      }, { timeout: 20_000 }).toBe(true);
    }
    const tall = await page.locator('#e1 iframe').boundingBox();
    expect(tall!.height).toBeGreaterThan(900);
    await screenshot(page, 'embed-host-element');
    expectCleanPage(watch);
    await page.close();
  });
});

describe('the embed on its own', () => {
  it('view=fig1 fits 640x480 (and 1024x480) without a vertical scrollbar, light and dark, and names its oEmbed file', async () => {
    for (const [width, theme] of [[640, 'light'], [640, 'dark'], [1024, 'light']] as const) {
      const page = await app.browser.newPage({ viewport: { width, height: 480 } });
      const watch = await watchPage(page, app.url);
      await page.goto(`${app.url}?preset=lr-x30&embed=1&view=fig1&controls=play,reset&theme=${theme}${LONG_RUN}`);
      await page.waitForSelector('.embed-fig1 svg');
      await trained(page);
      const m = await measure(page);
      expect(m.scroll).toBeLessThanOrEqual(m.inner);
      expect(m.width).toBeLessThanOrEqual(m.clientWidth);
      await screenshot(page, `embed-fig1-${width}x480-${theme}`);
      const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
      expect(href).toBe(`${app.url}oembed/lr-x30.json`);
      const json = await (await page.request.get(href!)).json() as Record<string, unknown>;
      expect(json).toMatchObject({ version: '1.0', type: 'rich', width: 640, height: 480, provider_name: 'BatchNorm Explorer' });
      expect(String(json.html)).toContain('src="../?preset=lr-x30&amp;embed=1&amp;view=fig1');
      expectCleanPage(watch);
      await page.close();
    }
  });

  it('at 360 px stacks (b) and (c) one a row; at 640 px and up pairs each layer of both networks on one row, at 360 px one after the other', async () => {
    const top = (page: Page, name: string | RegExp) => page.getByRole('img', { name }).boundingBox();
    for (const width of [360, 640, 1024]) {
      const page = await app.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${app.url}?preset=lr-x30&embed=1&view=all${LONG_RUN}`);
      await page.getByRole('img', { name: 'With BN, hidden layer 3: input distribution over training' }).waitFor({ timeout: 60_000 });
      const b = (await top(page, /^Figure 1 \(b\)/))!;
      const c = (await top(page, /^Figure 1 \(c\)/))!;
      if (width === 360) expect(c.y).toBeGreaterThanOrEqual(b.y + b.height);
      else expect(c.y).toBe(b.y);
      const boxes = [];
      for (const layer of [1, 2, 3]) {
        for (const net of ['Without BN', 'With BN']) boxes.push((await top(page, `${net}, hidden layer ${layer}: input distribution over training`))!);
      }
      for (let layer = 0; layer < 3; layer++) {
        const [plain, bn] = [boxes[2 * layer], boxes[2 * layer + 1]];
        if (width === 360) expect(bn.y).toBeGreaterThan(plain.y + plain.height);
        else expect(Math.abs(bn.y - plain.y)).toBeLessThanOrEqual(1);
        // Never all plain layers first: the next layer of the plain network comes after this one of BN.
        if (layer < 2) expect(boxes[2 * layer + 2].y).toBeGreaterThan(bn.y);
      }
      const m = await measure(page);
      expect(m.width).toBeLessThanOrEqual(m.clientWidth);
      await page.close();
    }
  });
});
