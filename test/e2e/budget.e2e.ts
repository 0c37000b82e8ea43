import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BUDGETS, formatBudgets, measureBudgets, overBudget } from '../../scripts/budget.ts';
import { DIST_DIR, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/** The JS files (relative to the app) the page had fetched by its first contentful paint. */
async function scriptsBeforeFirstPaint(page: Page): Promise<string[]> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 30_000 });
  return page.evaluate((base) => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0].startTime;
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.name.endsWith('.js') && r.startTime < paint && !r.name.includes('.worker-'))
      .map((r) => r.name.slice(base.length));
  }, app.url);
}

describe('size budgets of the build', () => {
  it('keeps the embed under 120 KB and the main page under 150 KB of gzip JS before first paint, and the digits under 2 MB', () => {
    const rows = measureBudgets(DIST_DIR);
    console.log(formatBudgets(rows));
    expect(overBudget(rows).map((row) => `${row.name}: ${(row.bytes / 1024).toFixed(1)} KB`)).toEqual([]);
  });

  for (const [page, query] of [['main page', ''], ['embed page', '?embed=1&theme=dark']] as const) {
    it(`counts every script the ${page} fetches before its first paint`, async () => {
      const counted = measureBudgets(DIST_DIR).find((row) => row.name.startsWith(page))!.files;
      const tab = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
      await watchPage(tab, app.url);
      await tab.goto(app.url + query);
      const fetched = await scriptsBeforeFirstPaint(tab);
      expect(fetched.length).toBeGreaterThan(0);
      for (const file of fetched) expect(counted).toContain(file);
      await tab.close();
    });
  }

  it('transfers the MNIST digits in under 2 MB, as Chromium counts the response body', async () => {
    const tab = await app.browser.newPage();
    await watchPage(tab, app.url);
    const response = tab.waitForResponse((r) => r.url().endsWith('/data/mnist.bin'), { timeout: 30_000 });
    await tab.goto(app.url);
    const mnist = await response;
    await mnist.finished();
    const sizes = await mnist.request().sizes();
    console.log(`data/mnist.bin: ${sizes.responseBodySize} bytes transferred (encoding: ${mnist.headers()['content-encoding'] ?? 'none'})`);
    expect(mnist.status()).toBe(200);
    expect(sizes.responseBodySize).toBeGreaterThan(100_000);
    expect(sizes.responseBodySize).toBeLessThanOrEqual(BUDGETS.mnist);
    await tab.close();
  });
});
