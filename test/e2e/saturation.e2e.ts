import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badSvgAttributes, SCREENSHOT_DIR, shownStep, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

describe('the saturation panel, in Chromium', () => {
  it('draws saturation over training for both networks of every layer of the deep sigmoid preset', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=deep-sigmoid`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(300);
    const panel = page.locator('section.saturation');
    await panel.scrollIntoViewIfNeeded();
    const charts = panel.getByRole('img', { name: /Saturation of hidden layer \d over training/ });
    await expect.poll(() => charts.count(), { timeout: 10_000 }).toBe(8);
    // Every layer's chart has a drawn line for both networks.
    await expect.poll(() => panel.locator('path[data-network="plain"]').count(), { timeout: 10_000 }).toBe(8);
    await expect.poll(() => panel.locator('path[data-network="bn"]').count(), { timeout: 10_000 }).toBe(8);
    // Lines of several points, not a first segment: on a loaded machine the first reads may
    // come before the third saturation sample.
    const shortest = () => panel.locator('path[data-network]').evaluateAll((paths) => Math.min(...paths.map((p) => (p.getAttribute('d') ?? '').length)));
    await expect.poll(shortest, { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await panel.innerText()).toContain('Deep sigmoid');
    expect(await panel.innerText()).toContain('Init x100');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel.screenshot({ path: resolve(SCREENSHOT_DIR, 'saturation-deep-sigmoid.png') });
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the plain network saturated and BN not with the x100 init', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=bad-init`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(300);
    const panel = page.locator('section.saturation');
    await panel.scrollIntoViewIfNeeded();
    await expect.poll(() => panel.locator('path[data-network="bn"]').count(), { timeout: 10_000 }).toBe(3);
    // The y axis reaches the plain network's 60-75% (it adapts to the largest value).
    const topPercent = async (): Promise<number> => Math.max(...(await panel.locator('.tick text').allTextContents())
      .filter((t) => t.endsWith('%')).map((t) => Number(t.slice(0, -1))));
    await expect.poll(topPercent, { timeout: 10_000 }).toBeGreaterThanOrEqual(50);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel.screenshot({ path: resolve(SCREENSHOT_DIR, 'saturation-bad-init.png') });
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });
});
