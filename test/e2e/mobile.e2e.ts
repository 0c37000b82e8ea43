import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { badSvgAttributes, screenshot, shownStep, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

function phone(): Promise<BrowserContext> {
  return app.browser.newContext(PHONE);
}

/** Page width against viewport width, and the elements that stick out on the right (for the failure message). */
function horizontalOverflow(page: Page): Promise<{ scroll: number; client: number; wide: string[] }> {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > client + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ').join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
}

/** A touch drag across `target` from `from` to `to` (fractions of its width), with touch events as a finger makes them. */
async function touchDrag(page: Page, target: Locator, from: number, to: number): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const point = (f: number) => [{ x: box.x + box.width * f, y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(from + ((to - from) * i) / 8) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function running(page: Page, atLeast: number): Promise<void> {
  await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(atLeast);
}

describe('on a phone (390 x 844, touch)', () => {
  it('the main page: tap Pause / Play and a preset, scrub by touch, no horizontal scroll', async () => {
    const context = await phone();
    const page = await context.newPage();
    const watch = await watchPage(page, app.url);
    await page.goto(app.url);
    await running(page, 100);
    await page.waitForTimeout(1000);
    await screenshot(page, 'mobile-main');
    expect(await horizontalOverflow(page)).toMatchObject({ wide: [] });
    // The layer charts stack by layer, the two networks of a layer together: plain 3, BN 3, plain 2, BN 2, plain 1, BN 1.
    const tops: number[] = [];
    for (const layer of [3, 2, 1]) {
      for (const network of ['Without BN', 'With BN']) {
        const box = await page.getByRole('img', { name: `${network}, hidden layer ${layer}: input distribution over training` }).boundingBox();
        tops.push(box?.y ?? Number.NaN);
      }
    }
    expect(tops.every((y, i) => i === 0 || y > tops[i - 1]), `chart tops ${tops.join(', ')}`).toBe(true);

    await page.getByRole('button', { name: 'Pause' }).tap();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const paused = await shownStep(page);
    expect(paused).toBeGreaterThan(0);

    // Drag a finger over the time scrubber towards its start: the readout leaves "live" and goes back in time.
    const scrubber = page.locator('#time-scrubber');
    await touchDrag(page, scrubber, 0.95, 0.2);
    const scrubbed = Number(await scrubber.inputValue());
    expect(scrubbed).toBeGreaterThan(0);
    expect(scrubbed).toBeLessThan(paused * 0.6);
    await expect.poll(() => page.locator('output[for="time-scrubber"]').innerText()).toMatch(/^step [\d,]+$/);
    await screenshot(page, 'mobile-scrubbed');

    await page.getByRole('button', { name: 'Play' }).tap();
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(paused);

    await page.getByRole('button', { name: 'Spiral (fast)', exact: true }).tap();
    await expect.poll(() => page.getByLabel('Dataset').inputValue()).toBe('spiral');
    await running(page, 300);
    expect(await horizontalOverflow(page)).toMatchObject({ wide: [] });
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);

  for (const [name, query] of [['light', '?embed=1&view=all&controls=play,reset,learningRate'], ['dark', '?embed=1&theme=dark&view=all']] as const) {
    it(`the ${name} embed fills the phone without horizontal scroll and Pause / Play answer a tap`, async () => {
      const context = await phone();
      const page = await context.newPage();
      const watch = await watchPage(page, app.url);
      await page.goto(app.url + query);
      await running(page, 100);
      await page.waitForTimeout(1000);
      await screenshot(page, `mobile-embed-${name}`);
      expect(await horizontalOverflow(page)).toMatchObject({ wide: [] });
      await page.getByRole('button', { name: 'Pause' }).tap();
      await page.getByRole('button', { name: 'Play' }).tap();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      await context.close();
    }, 200_000);
  }
});
