import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badSvgAttributes, screenshot, shownStep, watchPage, type PageWatch } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

async function open(query = '', viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await app.browser.newPage({ viewport });
  const watch = await watchPage(page, app.url);
  await page.goto(app.url + (query ? `?${query}` : ''));
  return { page, watch };
}

async function waitForStep(page: Page, atLeast: number, timeout = 30_000): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0) >= n,
    atLeast,
    { timeout },
  );
  return shownStep(page);
}

/** How many non-background pixels a canvas has (0 = blank). */
function paintedPixels(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) painted++;
      return painted;
    }),
  );
}

describe('the live twin experiment in Chromium', () => {
  it('trains on open, with no click, and every chart shows data', async () => {
    const { page, watch } = await open();
    await waitForStep(page, 300);
    // Both networks have a chart per hidden layer (paper preset: 3 hidden layers).
    const charts = page.getByRole('img', { name: /hidden layer/i });
    expect(await charts.count()).toBeGreaterThanOrEqual(6);
    await expect.poll(() => paintedPixels(page, 'canvas').then((p) => p.filter((n) => n > 0).length), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(6);
    // Figure 1 (a): accuracy curves have real paths.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('svg path')).some((p) => (p.getAttribute('d') ?? '').length > 40), null, { timeout: 30_000 });
    expect(await badSvgAttributes(page)).toEqual([]);
    await screenshot(page, 'desktop-training');
    expectCleanPage(watch);
    await page.close();
  });

  it('pauses, steps and resets on command', async () => {
    const { page, watch } = await open();
    await waitForStep(page, 100);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const paused = await shownStep(page);
    await page.waitForTimeout(500);
    expect(await shownStep(page)).toBe(paused);
    await page.getByRole('button', { name: /^Step/ }).click();
    await expect.poll(() => shownStep(page)).toBeGreaterThan(paused);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => shownStep(page)).toBe(0);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStep(page, 50);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('keeps a changed setting in the URL, and a reload restores it', async () => {
    const { page } = await open();
    await waitForStep(page, 10);
    const batch = page.getByLabel(/batch size/i).first();
    await batch.fill('32');
    await batch.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('batchSize'), { timeout: 5_000 }).toBe('32');
    await page.reload();
    await expect.poll(() => page.getByLabel(/batch size/i).first().inputValue()).toBe('32');
    await waitForStep(page, 10);
    await page.close();
  });

  it('ends on the depth typed last, typed faster than the run rebuilds', async () => {
    const { page, watch } = await open('preset=noisy-bn');
    await waitForStep(page, 10);
    const depth = page.getByLabel('Hidden layers', { exact: true });
    // Each entry restarts the run; the next is typed before the workers have rebuilt for the last.
    for (const value of ['4', '5', '6', '2', '4']) {
      await depth.fill(value);
      await depth.press('Enter');
    }
    /** The deepest hidden layer any distribution chart is drawn for. */
    const chartedDepth = (): Promise<number> => page.getByRole('img', { name: /hidden layer \d+: input distribution/ }).evaluateAll((charts) =>
      Math.max(0, ...charts.map((c) => Number(/hidden layer (\d+)/.exec(c.getAttribute('aria-label') ?? '')?.[1] ?? 0))));
    await expect.poll(chartedDepth, { timeout: 30_000 }).toBe(4);
    // Settled: the run trains on at that depth, and the field, the link and the charts all say 4.
    await waitForStep(page, 50);
    expect(await depth.inputValue()).toBe('4');
    expect(new URL(page.url()).searchParams.get('depth')).toBe('4');
    expect(await chartedDepth()).toBe(4);
    expectCleanPage(watch);
    await page.close();
  });

  it('reports a bad URL value in the page and still runs', async () => {
    const { page, watch } = await open('learningRate=banana&depth=999');
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.innerText()).toMatch(/learningRate/);
    await waitForStep(page, 50);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const { page } = await open('', { width: 390, height: 844 });
    await waitForStep(page, 100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-training');
    await page.close();
  });

  it('switches to ridgelines, and one scrubber moves every chart of both networks', async () => {
    const { page, watch } = await open();
    await waitForStep(page, 400);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Ridgeline' }).click();
    const ridgePaths = () => page.getByRole('img', { name: /hidden layer/i }).evaluateAll((charts) =>
      charts.map((c) => c.querySelectorAll('path').length));
    // Every layer chart of both networks draws several ridges.
    await expect.poll(async () => (await ridgePaths()).filter((n) => n > 2).length).toBeGreaterThanOrEqual(6);
    await page.getByRole('button', { name: 'Heatmap' }).click();
    // Keyboard on the scrubber: Home goes to step 0, then a few steps right.
    const scrubber = page.getByLabel('Time (step)');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scrubber.getAttribute('aria-valuetext')).toBe('step 1');
    // Both networks' readouts name the scrubbed step, and every heatmap shows the marker.
    const readouts = page.getByRole('img', { name: /histogram at step/ });
    expect(await readouts.count()).toBe(2);
    expect(await page.locator('.layer-picture line.marker').count()).toBeGreaterThanOrEqual(6);
    await page.getByRole('button', { name: 'Live' }).click();
    await expect.poll(() => page.locator('.scrubber output').innerText()).toMatch(/live/);
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('runs a preset from the keyboard and puts it in the URL', async () => {
    const { page, watch } = await open();
    await waitForStep(page, 10);
    const spiral = page.getByRole('button', { name: 'Spiral (fast)' });
    await spiral.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('spiral');
    await expect.poll(() => page.getByLabel('Dataset').inputValue()).toBe('spiral');
    await waitForStep(page, 500);
    await screenshot(page, 'spiral-preset');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('fills a 4K projector without clipping', async () => {
    const { page } = await open('', { width: 3840, height: 2160 });
    await waitForStep(page, 300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Text and charts are scaled up for the back of the room: the title is over 50 px tall on screen.
    const titleHeight = await page.evaluate(() => document.querySelector('h1')?.getBoundingClientRect().height ?? 0);
    expect(titleHeight).toBeGreaterThan(50);
    // Hovering a heatmap still points at the step under the pointer, through the zoom.
    const chart = page.getByRole('img', { name: 'With BN, hidden layer 1: input distribution over training' });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.waitForTimeout(500); // the last snapshots after the pause land
    await chart.scrollIntoViewIfNeeded();
    const live = await page.locator('.scrubber output').innerText();
    expect(live).toMatch(/live/);
    const last = Number(live.replace(/[^0-9]/g, '')); // the time axis ends here
    const box = await chart.locator('.hover-target').boundingBox();
    if (!box) throw new Error('no hover target');
    await page.mouse.move(box.x + 0.4 * box.width, box.y + box.height / 2);
    await expect.poll(() => page.locator('.scrubber output').innerText()).not.toMatch(/live/);
    const hovered = await page.locator('.scrubber output').innerText();
    const step = Number(hovered.replace(/[^0-9]/g, ''));
    expect(step).toBeGreaterThan(0.35 * last);
    expect(step).toBeLessThan(0.45 * last);
    await screenshot(page, 'projector-4k');
    await page.close();
  });
});
