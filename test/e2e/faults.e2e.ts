/**
 * Faults, injected from outside the product code: the training worker's script is served with a
 * fault in front of it (a throw at load, or a throw after it has trained a while), and the MNIST
 * file is served as a 404 or as corrupt bytes. The page must say what happened, keep what it has,
 * and recover: Reset / Play restart the workers with the same settings, a 2-D preset trains.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { paintedCanvases, shownStep, watchPage, type PageWatch } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/** A spiral run with two settings off their defaults, so "the same settings" can be checked. */
const SETTINGS_QUERY = 'preset=spiral&learningRate=0.05&batchSize=16';

/** Worker prelude: once the worker has posted a snapshot of step 200 or more, it throws (uncaught, as a bug would). */
const FAIL_AFTER_200_STEPS = `{
  const post = self.postMessage.bind(self);
  let failed = false;
  self.postMessage = (message, transfer) => {
    post(message, transfer);
    if (!failed && message && message.type === 'snapshot' && message.snapshot.step >= 200) {
      failed = true;
      setTimeout(() => { throw new Error('injected fault after 200 steps'); });
    }
  };
}
`;

/**
 * Worker prelude that reports what the page cannot see: the worker's unhandled rejections and
 * uncaught errors, as console errors (Chromium forwards a worker's console to the page's).
 */
const WATCH_WORKER = `self.addEventListener('unhandledrejection', (e) => console.error('worker: unhandled rejection: ' + (e.reason && e.reason.message || e.reason)));
self.addEventListener('error', (e) => console.error('worker: uncaught error: ' + e.message));
console.info('worker watched');
`;

/** Worker prelude: once it has posted a snapshot of step 200 or more, the worker closes itself (no 'error' event for the page). */
const CLOSE_AFTER_200_STEPS = FAIL_AFTER_200_STEPS.replace("setTimeout(() => { throw new Error('injected fault after 200 steps'); });", 'self.close();');

async function open(): Promise<{ page: Page; watch: PageWatch; infos: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const watch = await watchPage(page, app.url);
  const infos: string[] = [];
  page.on('console', (message) => void (message.type() === 'info' && infos.push(message.text())));
  return { page, watch, infos };
}

/**
 * Serve the training worker's script with `prelude` in front of it while `active()` says so;
 * the second worker's script `lateMs` later than the first's (a worker that loads late).
 */
async function faultyWorker(page: Page, prelude: string, active: () => boolean, lateMs = 0): Promise<{ served: () => number }> {
  let served = 0;
  await page.route('**/assets/training.worker-*.js', async (route: Route) => {
    if (!active()) return route.fallback();
    served += 1;
    if (served === 2 && lateMs > 0) await new Promise((resolve) => setTimeout(resolve, lateMs));
    const response = await route.fetch();
    await route.fulfill({ response, body: WATCH_WORKER + prelude + (await response.text()) });
  });
  return { served: () => served };
}

async function waitForStep(page: Page, atLeast: number, timeout = 30_000): Promise<number> {
  await expect.poll(() => shownStep(page), { timeout }).toBeGreaterThanOrEqual(atLeast);
  return shownStep(page);
}


/** The settings as the page shows them: the controls and the link. */
async function shownSettings(page: Page): Promise<{ learningRate: string | null; batchSize: string; url: string }> {
  const params = new URL(page.url()).searchParams;
  return {
    learningRate: params.get('learningRate'),
    batchSize: await page.getByLabel('Batch size', { exact: true }).inputValue(),
    url: params.toString(),
  };
}

const runState = (page: Page) => page.getByTestId('run-state');

describe('a training worker that fails, in Chromium', () => {
  it('says the worker stopped after it trained a while, keeps the settings and the history, and Reset restarts with the same settings', async () => {
    let inject = true;
    const { page, watch } = await open();
    // The second worker loads 3 s late: the first waits for it instead of reaching 200 alone.
    const worker = await faultyWorker(page, FAIL_AFTER_200_STEPS, () => inject, 3_000);
    await page.goto(`${app.url}?${SETTINGS_QUERY}`);
    await expect.poll(() => runState(page).innerText(), { timeout: 30_000 })
      .toMatch(/^error: The training worker stopped: .*injected fault after 200 steps\. Reset restarts it with the same settings\.$/);
    expect(worker.served()).toBe(2);
    const before = await shownSettings(page);
    expect(before.learningRate).toBe('0.05');
    expect(before.batchSize).toBe('16');

    // What was trained stays on screen: the step reached and every layer's chart. The counter
    // shows the slower network: with one worker per network, the pool stops the twin whose own
    // worker did not fail wherever it was. Paced, it is at most one lead (100 steps here) short of
    // the failing one's 200, even when it was still loading while the other trained.
    const stepAtCrash = await shownStep(page);
    expect(stepAtCrash).toBeGreaterThanOrEqual(100);
    expect(await paintedCanvases(page)).toBeGreaterThanOrEqual(6);
    await page.waitForTimeout(500);
    expect(await shownStep(page)).toBe(stepAtCrash);
    expect(await shownSettings(page)).toEqual(before);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);

    // Reset restarts the workers (now healthy) from the same settings, playing.
    inject = false;
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => runState(page).innerText(), { timeout: 30_000 }).toBe('running');
    await waitForStep(page, 300);
    expect(await shownSettings(page)).toEqual(before);
    await expect.poll(() => paintedCanvases(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);

    // The injected error was the worker's only one, and the page raised none; nothing was left unhandled.
    expect(watch.consoleErrors.filter((text) => text.startsWith('worker:'))).toEqual(watch.consoleErrors.filter((text) => /^worker: uncaught error: .*injected fault/.test(text)));
    expect(watch.consoleErrors.some((text) => /^worker: uncaught error: .*injected fault/.test(text))).toBe(true);
    expect(watch.consoleErrors.filter((text) => !/injected fault/.test(text))).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('says the worker stopped when it closes itself without a word, and Reset restarts it with the same settings', async () => {
    let inject = true;
    const { page, watch } = await open();
    // The page's clock is Playwright's: the 30 s of silence the pool waits for (its checks included) pass at once.
    await page.clock.install();
    await faultyWorker(page, CLOSE_AFTER_200_STEPS, () => inject);
    await page.goto(`${app.url}?${SETTINGS_QUERY}`);
    await waitForStep(page, 200);
    await page.waitForTimeout(1_000);
    const stepAtClose = await shownStep(page);
    expect(await runState(page).innerText()).toBe('running');
    const before = await shownSettings(page);
    await page.clock.runFor(40_000);
    await expect.poll(() => runState(page).innerText(), { timeout: 10_000 })
      .toBe('error: The training worker stopped: it sent nothing for 30 s. Reset restarts it with the same settings.');
    expect(await shownStep(page)).toBe(stepAtClose);
    expect(await paintedCanvases(page)).toBeGreaterThanOrEqual(6);
    expect(await shownSettings(page)).toEqual(before);

    inject = false;
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => runState(page).innerText(), { timeout: 30_000 }).toBe('running');
    await waitForStep(page, 300);
    expect(await shownSettings(page)).toEqual(before);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('says the worker stopped when its script throws at load, and Play starts it again with the same settings', async () => {
    let inject = true;
    const { page, watch } = await open();
    await faultyWorker(page, "throw new Error('injected fault at load');\n", () => inject);
    await page.goto(`${app.url}?${SETTINGS_QUERY}`);
    await expect.poll(() => runState(page).innerText(), { timeout: 30_000 })
      .toMatch(/^error: The training worker stopped: .*injected fault at load\. Reset restarts it with the same settings\.$/);
    const before = await shownSettings(page);
    expect(before.learningRate).toBe('0.05');
    expect(await shownStep(page)).toBe(0);

    inject = false;
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStep(page, 200);
    expect(await runState(page).innerText()).toBe('running');
    expect(await shownSettings(page)).toEqual(before);
    expect(watch.consoleErrors.some((text) => /^worker: uncaught error: .*injected fault/.test(text))).toBe(true);
    expect(watch.consoleErrors.filter((text) => !/injected fault/.test(text))).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });
});

/** Browsers log a failed fetch ("Failed to load resource: … 404") by themselves; that one is expected here. */
const isBrowserFetchLog = (text: string): boolean => /^Failed to load resource: the server responded with a status of 404/.test(text);

describe('an MNIST file that does not load, in Chromium', () => {
  const cases: { name: string; serve: (route: Route) => Promise<void>; reason: RegExp }[] = [
    { name: 'missing (404)', serve: (route) => route.fulfill({ status: 404, body: 'Not Found' }), reason: /HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/data\/mnist\.bin/ },
    { name: 'corrupt bytes', serve: (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('these are not the digits you are looking for'.repeat(40)) }), reason: /not a BatchNorm Explorer MNIST file/ },
    { name: 'a corrupt gzip stream', serve: (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(2000, 0xab)]) }), reason: /\/data\/mnist\.bin is damaged: its gzip data does not decompress/ },
  ];

  for (const { name, serve, reason } of cases) {
    it(`says so clearly when the file is ${name}, and the spiral preset then trains`, async () => {
      const { page, watch, infos } = await open();
      await faultyWorker(page, '', () => true);
      let requests = 0;
      await page.route('**/data/mnist.bin', (route) => {
        requests += 1;
        return serve(route);
      });
      await page.goto(app.url);
      await expect.poll(() => runState(page).innerText(), { timeout: 30_000 })
        .toMatch(/^error: Could not load the MNIST digits \(.+\); the 2-D datasets still work\.$/);
      expect(await runState(page).innerText()).toMatch(reason);
      expect(requests).toBeGreaterThanOrEqual(1);

      await page.getByRole('button', { name: 'Spiral (fast)' }).click();
      await expect.poll(() => runState(page).innerText(), { timeout: 30_000 }).toBe('running');
      await waitForStep(page, 300);
      expect(await page.getByLabel('Dataset').inputValue()).toBe('spiral');
      // The workers were watched (their console reaches the page), and neither they nor the page left anything unhandled.
      expect(infos).toContain('worker watched');
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors.filter((text) => !isBrowserFetchLog(text))).toEqual([]);
      await page.close();
    });
  }
});
