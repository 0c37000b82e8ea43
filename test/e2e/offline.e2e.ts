import { describe, expect, it } from 'vitest';
import { shownStep, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/** Whether the app's cache holds `path` (relative to the app), read in the page. */
function cached(path: string): string {
  return `(async () => {
    const url = new URL(${JSON.stringify(path)}, document.baseURI).href;
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(url)) return true;
    return false;
  })()`;
}

describe('the app offline, after a first visit', () => {
  it('reloads with the network off and trains MNIST from the service worker\'s cache', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=paper-fig1`);
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(50);

    // The worker installs after the load, precaching the page, its chunks, the worker and the digits.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(app.url);
    await expect.poll(() => page.evaluate(cached('data/mnist.bin')), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(cached('index.html'))).toBe(true);

    // Offline: the browser's emulation and, since what that emulates differs between Chromium
    // versions, the host itself gone (every request to it dropped unanswered).
    await context.setOffline(true);
    app.setServerDown(true);
    // The offline reload is answered by the service worker (a failed navigation would throw here).
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => page.getByTestId('run-state').innerText(), { timeout: 30_000 }).toBe('running');
    const first = await shownStep(page);
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(first + 100);
    expect(await page.getByLabel('Dataset').inputValue()).toBe('mnist');

    // A shared link with a different experiment also opens offline (the page is cached without its query).
    await page.goto(`${app.url}?preset=lr-x30`);
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(100);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    app.setServerDown(false);
    await context.close();
  });
});
