import { describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { screenshot, SCREENSHOT_DIR, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

/** A blog-like host page on the app's origin with two embeds: a narrow dark one on top, a second lower down. */
function hostPage(): string {
  const a = '?embed=1&preset=spiral&maxSteps=10000000&view=fig1&controls=play,reset,learningRate&autoplay=1&theme=dark';
  const b = '?embed=1&preset=spiral&maxSteps=10000000&view=layers&controls=play,step,reset&autoplay=1';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>
<style>body{margin:0;font:16px sans-serif}p{margin:0;height:40px}</style></head><body>
<p>A post about Batch Normalization.</p>
<iframe id="a" src="./index.html${a}" title="Embed A" width="320" height="640" style="border:1px solid #888;display:block"></iframe>
<p>Some text between the two.</p>
<iframe id="b" src="./index.html${b.replace(/&/g, '&amp;')}" title="Embed B" width="640" height="560" style="border:1px solid #888;display:block"></iframe>
<div style="height:3000px"></div>
</body></html>`.replace(a, a.replace(/&/g, '&amp;'));
}

function stepOf(frame: FrameLocator): Promise<number> {
  return frame.getByTestId('step-counter').innerText().then((t) => Number(t.replace(/[^0-9]/g, '')));
}

/** The step, once two readings `gap` ms apart agree (the run has stopped). */
async function settledStep(page: Page, frame: FrameLocator, gap = 800): Promise<number> {
  let previous = await stepOf(frame);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(gap);
    const now = await stepOf(frame);
    if (now === previous) return now;
    previous = now;
  }
  throw new Error(`step still advancing: ${previous}`);
}

describe('embeds in a host page', () => {
  it('both train, the one scrolled away pauses and resumes, the narrow one has no horizontal scroll', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1000, height: 800 } });
    const watch = await watchPage(page, app.url);
    await page.route(`${app.url}host-test.html`, (route) => route.fulfill({ contentType: 'text/html', body: hostPage() }));
    await page.goto(`${app.url}host-test.html`);
    const a = page.frameLocator('#a');
    const b = page.frameLocator('#b');
    await expect.poll(() => stepOf(a), { timeout: 30_000 }).toBeGreaterThan(100);
    await expect.poll(() => stepOf(b), { timeout: 30_000 }).toBeGreaterThan(100);
    await a.getByRole('link', { name: 'Open in BatchNorm Explorer' }).waitFor();
    await page.waitForTimeout(1500);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'embed-host.png') });

    // The 320 px embed fits: nothing wider than its viewport.
    const widths = await page.frame({ url: /theme=dark/ })!.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await a.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    expect(await a.getByRole('spinbutton', { name: 'Learning rate' }).count()).toBe(1);

    // Scroll A out of view (B stays in view): A stops, B keeps going.
    await page.evaluate(() => window.scrollTo(0, 720));
    const stoppedAt = await settledStep(page, a);
    const bBefore = await stepOf(b);
    await page.waitForTimeout(1000);
    expect(await stepOf(a)).toBe(stoppedAt);
    expect(await stepOf(b)).toBeGreaterThan(bBefore);

    // Back in view: A resumes.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => stepOf(a), { timeout: 15_000 }).toBeGreaterThan(stoppedAt);

    expectCleanPage(watch);
    await page.close();
  });

  it('opens the Share / Embed dialog from the full page, copies, and closes on Escape', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=lr-x30`);
    const opener = page.getByRole('button', { name: 'Share / Embed' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Share or embed this experiment' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Link to this experiment' }).inputValue()).toMatch(/\?preset=lr-x30$/);
    // Focus is inside the modal dialog.
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await dialog.getByRole('button', { name: 'Copy snippet' }).click();
    await expect.poll(() => dialog.getByRole('status').filter({ hasText: /Copied|Ctrl\+C/ }).count()).toBe(1);
    const snippet = await dialog.getByRole('textbox', { name: 'Embed snippet (HTML)' }).inputValue();
    expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?preset=lr-x30&amp;embed=1&amp;view=fig1&amp;controls=play,reset&amp;autoplay=1&amp;theme=dark"/);
    await screenshot(page, 'share-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Share / Embed');
    expectCleanPage(watch);
    await page.close();
  });
});
