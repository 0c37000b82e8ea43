import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { badSvgAttributes, SCREENSHOT_DIR, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/** The shown sweep's title and table text. */
async function shownSweep(page: Page): Promise<{ title: string; table: string }> {
  const figure = page.locator('figure.lab-sweep');
  return { title: await figure.locator('figcaption').innerText(), table: await figure.locator('table').innerText() };
}

/** Save the sweep chart alone under test-results/screenshots/<name>.png. */
async function chartScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('figure.lab-sweep').screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

describe('the lab, in Chromium', () => {
  it('runs the LR sweep from the panel with progress, cancels a second run, and a reload shows the same result', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral`);
    await page.getByRole('button', { name: 'Open the lab' }).click();
    await page.getByRole('combobox', { name: 'Job' }).selectOption('lr-sweep');
    await page.getByRole('textbox', { name: 'steps' }).fill('120');
    await expect.poll(() => page.locator('.lab-cost').innerText()).toContain('Cost: 1,920 training steps');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('progressbar', { name: 'Lab job progress' }).waitFor({ timeout: 10_000 });
    const figure = page.locator('figure.lab-sweep');
    await figure.waitFor({ timeout: 60_000 });
    const first = await shownSweep(page);
    expect(first.title).toBe('Test accuracy against learning rate after 120 steps');
    for (const id of ['plain', 'bn']) {
      const d = await figure.locator(`.lab-sweep-${id} > path`).first().getAttribute('d');
      expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+/);
    }
    await expect.poll(() => new URL(page.url()).search).toContain('lab=lr-sweep&lab.steps=120');
    expect(new URL(page.url()).searchParams.get('preset')).toBe('spiral');

    // A long second run, cancelled: the progress bar moves, then stops; the first result stays.
    await page.getByRole('textbox', { name: 'steps' }).fill('100000');
    await page.getByRole('button', { name: 'Run' }).click();
    const bar = page.getByRole('progressbar', { name: 'Lab job progress' });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled.').waitFor({ timeout: 5_000 });
    expect(Date.now() - clicked).toBeLessThan(2_000);
    expect(await shownSweep(page)).toEqual(first);
    expect(new URL(page.url()).search).toContain('lab.steps=120');

    // The link runs the job again on load and shows the same numbers.
    await page.reload();
    await page.locator('figure.lab-sweep').waitFor({ timeout: 60_000 });
    expect(await shownSweep(page)).toEqual(first);
    await expect.poll(() => new URL(page.url()).search).toContain('lab=lr-sweep&lab.steps=120');
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('draws the paper network\'s sweep readably (screenshots), with divergence marked where a run blew up', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
    const watch = await watchPage(page, app.url);
    // The paper's sigmoid network as it is (units=experiment): its loss stays finite at any rate here (it stalls instead).
    await page.goto(`${app.url}?lab=lr-sweep&lab.steps=100&lab.units=experiment`);
    await page.locator('figure.lab-sweep').waitFor({ timeout: 180_000 });
    const paper = page.locator('figure.lab-sweep');
    expect(await paper.locator('.lab-sweep-bn circle').count()).toBe(8);
    expect(await paper.locator('.lab-sweep-plain circle').count()).toBe(8);
    await chartScreenshot(page, 'lab-lr-sweep-paper');
    // The same network with ReLU and He init: without BN the loss blows up from 10x; with BN from 100x.
    await page.goto(`${app.url}?activation=relu&initScheme=he&lab=lr-sweep&lab.steps=100&lab.factors=0.1,1,10,100`);
    await page.locator('figure.lab-sweep').waitFor({ timeout: 180_000 });
    const relu = page.locator('figure.lab-sweep');
    expect(await relu.locator('.lab-sweep-plain .lab-sweep-diverged').count()).toBe(2);
    expect(await relu.locator('.lab-sweep-bn .lab-sweep-diverged').count()).toBe(1);
    await expect.poll(() => relu.locator('table').innerText()).toMatch(/diverged at step \d+/);
    // The sentence under the chart is computed from this result: without BN it blew up at a lower rate than with BN.
    await expect.poll(() => page.getByTestId('lab-verdict').innerText()).toMatch(/^In this run: without BN it trained up to [\d.]+ and (blew up|stopped learning) at [\d.]+; with BN it trained up to [\d.]+/);
    await chartScreenshot(page, 'lab-lr-sweep-relu');
    expect(await badSvgAttributes(page)).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }, 400_000);
});

/**
 * Lab worker prelude: once it has posted progress of 2,000 steps or more, the worker `fault`s:
 * closes itself (no 'error' event for the page) or hangs (a busy loop: no message, no heartbeat),
 * right there: a timer would wait behind the job's stream of yields.
 */
const faultAfter2000Steps = (fault: string): string => `{
  const post = self.postMessage.bind(self);
  let failed = false;
  self.postMessage = (message, transfer) => {
    post(message, transfer);
    if (!failed && message && message.type === 'progress' && message.done >= 2000) {
      failed = true;
      ${fault}
    }
  };
}
`;

/** Serve the lab worker's script with `prelude` in front of it while `active()` says so. */
async function faultyLabWorker(page: Page, prelude: string, active: () => boolean): Promise<void> {
  await page.route('**/assets/lab.worker-*.js', async (route: Route) => {
    if (!active()) return route.fallback();
    const response = await route.fetch();
    await route.fulfill({ response, body: prelude + (await response.text()) });
  });
}

const labStatus = (page: Page) => page.locator('.lab-workbench .lab-status, .lab-workbench .lab-error').first();

/** Open the link (80,000 steps on the spiral), wait for the lab's progress, pause the live run (so only the lab is watched). */
async function openStalledLab(page: Page): Promise<string> {
  await page.goto(`${app.url}?preset=spiral&lab=lr-sweep&lab.steps=5000`);
  await expect.poll(() => labStatus(page).innerText(), { timeout: 30_000 }).toMatch(/^Running: [\d,]+ of 80,000 steps/);
  await page.getByRole('button', { name: 'Pause' }).click();
  // The worker stops at 2,000 steps: the bar stands still from then on.
  await page.waitForTimeout(1_500);
  const stalled = await labStatus(page).innerText();
  await page.waitForTimeout(1_000);
  expect(await labStatus(page).innerText()).toBe(stalled);
  return stalled;
}

/** After a fault: Run and Cancel as a usable lab has them, and a small job runs in a new worker. */
async function expectUsableLab(page: Page, stopInjecting: () => void): Promise<void> {
  expect(await page.getByRole('button', { name: 'Run' }).isEnabled()).toBe(true);
  expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(false);
  stopInjecting();
  await page.getByRole('textbox', { name: 'steps' }).fill('50');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('figure.lab-sweep').waitFor({ timeout: 60_000 });
  expect((await shownSweep(page)).title).toMatch(/^Test accuracy against learning rate after 50 steps/);
}

describe('a lab worker that fails, in Chromium', () => {
  it('says in one sentence that a worker which closed itself stopped, and the lab runs again', async () => {
    let inject = true;
    // No service worker: it would serve the lab worker's script from its cache, past the route.
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
    const watch = await watchPage(page, app.url);
    // The page's clock is Playwright's: the 30 s of silence the lab waits for pass at once.
    await page.clock.install();
    await faultyLabWorker(page, faultAfter2000Steps('self.close();'), () => inject);
    const stalled = await openStalledLab(page);
    expect(stalled).toMatch(/^Running: /);
    await page.clock.runFor(40_000);
    await expect.poll(() => labStatus(page).innerText(), { timeout: 10_000 })
      .toBe('The lab worker stopped: it sent nothing for 30 s; Run starts a new one.');
    expect(await page.getByRole('progressbar', { name: 'Lab job progress' }).count()).toBe(0);
    await expectUsableLab(page, () => { inject = false; });
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('ends a run whose worker hangs on Cancel, and the lab runs again', async () => {
    let inject = true;
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
    const watch = await watchPage(page, app.url);
    await page.clock.install();
    await faultyLabWorker(page, faultAfter2000Steps('for (;;) {}'), () => inject);
    await openStalledLab(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await labStatus(page).innerText()).toBe('Cancelling...');
    // The worker cannot answer: after the 3 s grace the page stops it.
    await page.clock.runFor(4_000);
    await expect.poll(() => labStatus(page).innerText(), { timeout: 10_000 }).toMatch(/^Cancelled\./);
    await expectUsableLab(page, () => { inject = false; });
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
