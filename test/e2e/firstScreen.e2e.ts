/**
 * The first screen tells the story: at 1440x900 the toolbar, Figure 1 (a), (b), (c) and the last
 * hidden layer's chart of both networks, side by side, with no scrolling; on a 390x844 phone Figure 1 (a)
 * starts on the first screen. Settings that do nothing for the experiment are not shown (the spiral).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const app = useServedApp();
const pages: Page[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.context().close().catch(() => undefined)));
});

async function open(query: string, options: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean; deviceScaleFactor?: number }) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  pages.push(page);
  const watch = await watchPage(page, app.url);
  await page.goto(app.url + query);
  return { page, watch };
}

/** The element's box in viewport pixels, with the page scrolled to the top. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('no box: the element is not rendered');
  return b;
}

/** True when `b` lies wholly inside a viewport of `width` x `height` (the page not scrolled). */
function inside(b: { x: number; y: number; width: number; height: number }, width: number, height: number): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height;
}

/** A screenshot of the viewport only: what the first screen shows. */
async function firstScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

const FIGURE_1 = [/^Figure 1 \(a\)/, /^Figure 1 \(b\)/, /^Figure 1 \(c\)/];
/** What Figure 1 (b) and (c) may say about the tracked input (src/components/figureNotes.ts). */
const DRIFT_NOTE = /^((drifts|stays centred|stays near \S+): median moved \S+× its spread|settled at \S+ after moving \S+× its spread)$/;
const lastLayer = (network: string, depth: number) => `${network}, hidden layer ${depth}: input distribution over training`;

describe('the first screen', () => {
  it('at 1440x900 holds the toolbar, Figure 1 (a), (b), (c) and the last hidden layer of both networks side by side', async () => {
    const { page, watch } = await open('', { viewport: { width: 1440, height: 900 } });
    await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(300);
    const charts = [
      ...FIGURE_1.map((name) => page.getByRole('img', { name })),
      page.getByRole('img', { name: lastLayer('Without BN', 3), exact: true }),
      page.getByRole('img', { name: lastLayer('With BN', 3), exact: true }),
    ];
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const chart of charts) expect(inside(await box(chart), 1440, 900)).toBe(true);
    // Side by side: the two last-layer charts share a row, the plain one on the left.
    const [plain, bn] = [await box(charts[3]), await box(charts[4])];
    expect(Math.abs(plain.y - bn.y)).toBeLessThan(4);
    expect(plain.x + plain.width).toBeLessThanOrEqual(bn.x);
    // The toolbar: transport, step and presets in view; every other control still on the page, one click away.
    for (const name of ['Pause', 'Step', 'Reset', 'Paper, Figure 1', 'Spiral (fast)', 'Share / Embed', 'Export / Compare', 'Present', 'Narrate', 'Shortcuts']) {
      const button = page.getByRole('button', { name, exact: name !== 'Shortcuts' });
      expect(inside(await box(button), 1440, 900), name).toBe(true);
    }
    expect(inside(await box(page.getByTestId('step-counter')), 1440, 900)).toBe(true);
    // The explanation and the tour sit beside the figures.
    expect(inside(await box(page.getByRole('heading', { name: 'What you are looking at' })), 1440, 900)).toBe(true);
    expect(inside(await box(page.getByRole('button', { name: 'Start the tour' })), 1440, 900)).toBe(true);
    // Notes computed from the run: who leads in (a), whether the tracked input drifts in (b) and (c) (the shift charts' notes below them aside).
    await expect.poll(() => page.locator('.figure1 .chart-note:not(.shift-charts *)').allInnerTexts(), { timeout: 30_000 }).toEqual([
      expect.stringMatching(/^(With BN ahead by \d+ points?|Without BN ahead by \d+ points?|Level) at step [\d,]+$/),
      expect.stringMatching(DRIFT_NOTE),
      expect.stringMatching(DRIFT_NOTE),
    ]);
    await firstScreen(page, 'first-screen-1440x900');
    expectCleanPage(watch);
  }, 180_000);

  it('keeps the toolbar on one line when the run state is long (a stalled network)', async () => {
    const { page, watch } = await open('?preset=lr-x30', { viewport: { width: 1440, height: 900 } });
    const transport = page.getByRole('group', { name: 'Training' });
    await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThan(0);
    const before = await box(transport);
    await expect.poll(() => page.getByTestId('run-state').innerText(), { timeout: 120_000 }).toMatch(/stalled at \d+%/);
    const after = await box(transport);
    expect(after.height).toBeLessThanOrEqual(before.height + 1);
    expect(inside(await box(page.getByRole('img', { name: lastLayer('With BN', 3), exact: true })), 1440, 900)).toBe(true);
    await firstScreen(page, 'first-screen-stalled');
    expectCleanPage(watch);
  }, 240_000);

  it('on a 390x844 phone starts Figure 1 (a) within the first screen', async () => {
    const { page, watch } = await open('', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(100);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const a = await box(page.getByRole('img', { name: FIGURE_1[0] }));
    expect(a.y).toBeLessThan(844 - 100);
    // Transport and step on one row.
    const [play, counter] = [await box(page.getByRole('button', { name: 'Pause' })), await box(page.getByTestId('step-counter'))];
    expect(Math.abs(play.y + play.height / 2 - (counter.y + counter.height / 2))).toBeLessThan(4);
    await firstScreen(page, 'first-screen-390x844');
    expectCleanPage(watch);
  }, 180_000);
});

describe('controls that belong', () => {
  it('on the spiral shows no Binary pixels or Init std, says why, and titles Figure 1 for the spiral', async () => {
    const { page, watch } = await open('?preset=spiral', { viewport: { width: 1440, height: 900 } });
    await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel('Dataset').inputValue()).toBe('spiral');
    expect(await page.getByLabel('Binary pixels').count()).toBe(0);
    expect(await page.getByLabel('Init std', { exact: true }).count()).toBe(0);
    const notShown = page.getByRole('list', { name: 'Settings not shown' });
    expect(await notShown.innerText()).toMatch(/Binary pixels is for MNIST only/);
    expect(await notShown.innerText()).toMatch(/Init std is for the gaussian init only: He/);
    expect(await page.locator('#fig1-title').innerText()).toBe('Figure 1 setup on the spiral');
    // Back on MNIST, the setting and the paper's title return.
    await page.getByRole('button', { name: 'Paper, Figure 1', exact: true }).click();
    await expect.poll(() => page.getByLabel('Binary pixels').count()).toBe(1);
    expect(await page.locator('#fig1-title').innerText()).toBe('The paper’s Figure 1');
    expect(await page.getByRole('list', { name: 'Settings not shown' }).count()).toBe(0);
    expectCleanPage(watch);
  }, 180_000);
});
