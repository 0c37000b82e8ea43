import { describe, expect, it } from 'vitest';
import { badSvgAttributes, screenshot, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

describe('the normalization zoo in Chromium', () => {
  it('trains four networks of a link side by side, each a column and a line of its own colour, and keeps them in the URL', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral&variants=plain,bn,ln,gn`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(300);
    // One column heading per network, in display order.
    const headings = page.locator('.network-column h3[data-network-label]');
    await expect.poll(() => headings.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-network-label'))), { timeout: 20_000 })
      .toEqual(['plain', 'bn', 'ln', 'gn']);
    expect(await headings.allTextContents()).toEqual(['Without BN', 'With BN', 'LayerNorm', 'GroupNorm']);
    // Every network draws a line with data, in its own colour.
    for (const id of ['plain', 'bn', 'ln', 'gn']) {
      const longest = () => page.locator(`path[data-network="${id}"]`).evaluateAll((ps) => Math.max(0, ...ps.map((p) => (p.getAttribute('d') ?? '').length)));
      await expect.poll(longest, { timeout: 20_000 }).toBeGreaterThan(40);
    }
    const strokes = await page.locator('path[data-network]').evaluateAll((ps) => {
      const byId: Record<string, string[]> = {};
      for (const p of ps) (byId[p.getAttribute('data-network') ?? ''] ??= []).push(p.getAttribute('stroke') ?? '');
      return Object.fromEntries(Object.entries(byId).map(([id, list]) => [id, [...new Set(list.filter((s) => s !== '' && s !== 'none'))]]));
    });
    const colours = ['plain', 'bn', 'ln', 'gn'].map((id) => strokes[id]?.[0]);
    expect(new Set(colours).size).toBe(4);
    expect(new URL(page.url()).searchParams.get('variants')).toBe('plain,bn,ln,gn');
    expect(await badSvgAttributes(page)).toEqual([]);
    await screenshot(page, 'zoo-four-networks');
    expectCleanPage(watch);
    await page.close();
  });

  it('opens a zoo preset with its networks and checks its claims live', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=bn-after`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(100);
    const headings = page.locator('.network-column h3[data-network-label]');
    await expect.poll(() => headings.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-network-label'))), { timeout: 20_000 })
      .toEqual(['bn', 'bn-after']);
    expect(await page.locator('body').innerText()).toContain('BN before or after the sigmoid');
    expect(await badSvgAttributes(page)).toEqual([]);
    await screenshot(page, 'zoo-bn-after');
    expectCleanPage(watch);
    await page.close();
  });
});
