/**
 * Presentation mode, the keyboard shortcuts, narration and the screen-reader summary in Chromium:
 * one slide at 1280x720 and 1920x1080 (light and dark) with Figure 1 (a-c) and both tracked-layer charts
 * inside the window and the narration caption over none of them, and screenshots at 1280x720, 1920x1080
 * and 3840x2160 (a projector) to look at, under test-results/present/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { badSvgAttributes, screenshot, shownStep, watchPage } from './harness.ts';
import type { PageWatch } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();
const pages: Page[] = [];
/** Presentation's screenshots, to look at (gitignored). */
const SCREENSHOT_DIR = resolve('test-results/present');
mkdirSync(SCREENSHOT_DIR, { recursive: true });
// A failed test's page would keep training and slow the next ones down.
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
});

async function open(query: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; watch: PageWatch }> {
  const page = await app.browser.newPage({ viewport, colorScheme });
  pages.push(page);
  const watch = await watchPage(page, app.url);
  await page.goto(app.url + (query ? `?${query}` : ''));
  return { page, watch };
}

const runState = (page: Page): Promise<string> => page.getByTestId('run-state').innerText();
const query = (page: Page): URLSearchParams => new URL(page.url()).searchParams;
const scrubberText = (page: Page): Promise<string> => page.locator('.scrubber output').innerText();

async function waitForStep(page: Page, atLeast: number, timeout = 30_000): Promise<void> {
  await expect.poll(() => shownStep(page), { timeout }).toBeGreaterThanOrEqual(atLeast);
}

/** The step once the run is paused and the counter has settled. */
async function pausedStep(page: Page): Promise<number> {
  try {
    await expect.poll(() => runState(page), { timeout: 10_000 }).toMatch(/^paused/);
  } catch (error) {
    console.log(`not paused: run state "${await runState(page)}", step ${await shownStep(page)}, alerts ${JSON.stringify(await page.getByRole('alert').allInnerTexts())}`);
    await screenshot(page, 'presentation-not-paused');
    throw error;
  }
  let previous = await shownStep(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(300);
    const now = await shownStep(page);
    if (now === previous) return now;
    previous = now;
  }
  throw new Error(`the step kept moving while paused: ${previous}`);
}

/** No element wider than the window: nothing clipped sideways. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('presentation mode and keyboard shortcuts', () => {
  it('toggles presentation mode, and every shortcut does what the help says', async () => {
    const { page, watch } = await open('', { width: 1400, height: 1000 });
    await waitForStep(page, 100);
    const root = page.locator('html');

    // P: presentation mode, in the URL; the advanced controls and the explainer are gone.
    await page.keyboard.press('p');
    await expect.poll(() => root.getAttribute('class')).toContain('presentation');
    expect(query(page).get('present')).toBe('1');
    expect(await page.locator('.side-column').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);

    // Space pauses; → takes 10 steps.
    await page.keyboard.press('Space');
    const before = await pausedStep(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => shownStep(page), { timeout: 10_000 }).toBe(before + 10);
    expect(await pausedStep(page)).toBe(before + 10);

    // Shift+← and , scrub back; . and Shift+→ return to live.
    expect(await scrubberText(page)).toMatch(/^live/);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => scrubberText(page)).toMatch(/^step [0-9,]+$/);
    const back1 = Number((await scrubberText(page)).replace(/[^0-9]/g, ''));
    // The scrubber's end is the faster network's step (the counter shows the slower one's).
    expect(back1).toBeLessThan(Number(await page.locator('#time-scrubber').getAttribute('max')));
    await page.keyboard.press(',');
    await expect.poll(async () => Number((await scrubberText(page)).replace(/[^0-9]/g, ''))).toBeLessThan(back1);
    await page.keyboard.press('.');
    await expect.poll(async () => Number((await scrubberText(page)).replace(/[^0-9]/g, ''))).toBe(back1);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => scrubberText(page)).toMatch(/^live/);

    // R: the same run from step 0 (still paused); Space plays again.
    await page.keyboard.press('r');
    await expect.poll(() => shownStep(page), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(() => runState(page), { timeout: 10_000 }).toMatch(/^running/);
    await waitForStep(page, 20);

    // 2: the second preset, in the URL next to present=1.
    await page.keyboard.press('2');
    await expect.poll(() => query(page).get('preset'), { timeout: 5_000 }).toBe('lr-x5');
    expect(query(page).get('present')).toBe('1');
    expect(await page.getByRole('button', { name: 'Learning rate x5' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('1');
    await expect.poll(() => query(page).get('preset'), { timeout: 5_000 }).toBe('paper-fig1');
    // The preset restarts the run: wait until it trains again, so Space below pauses it.
    await expect.poll(() => runState(page), { timeout: 30_000 }).toMatch(/^running/);

    // ?: the help, focus on Close, Tab stays inside, Escape closes and gives focus back.
    await page.keyboard.press('Shift+Slash');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await dialog.getByRole('row').count()).toBe(11);
    await page.keyboard.press('p'); // off while the help is open
    expect(await root.getAttribute('class')).toContain('presentation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The visible button opens it too, and focus returns to that button.
    const helpButton = page.getByRole('button', { name: 'Shortcuts' });
    await helpButton.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('h'); // no effect inside: still open
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Shortcuts');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('h');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Keys typed into the scrubber stay there.
    await page.keyboard.press('Space');
    const held = await pausedStep(page);
    await page.locator('#time-scrubber').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('r');
    await page.waitForTimeout(800);
    expect(await shownStep(page)).toBe(held);

    // P again: back to the full page, present gone from the URL.
    await page.locator('#time-scrubber').blur();
    await page.keyboard.press('p');
    await expect.poll(() => root.getAttribute('class')).not.toContain('presentation');
    expect(query(page).get('present')).toBeNull();
    expect(await page.locator('.side-column').isVisible()).toBe(true);
    expectCleanPage(watch);
    await page.close();
  });

  it('narrates in small chunks with captions of real figures, and stopping it plays freely again', async () => {
    const { page, watch } = await open('present=1', { width: 1920, height: 1080 });
    // The class is set once the lazily loaded app mounts, not at the first paint.
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('presentation');
    await waitForStep(page, 600);
    await page.keyboard.press('n');
    const caption = page.getByTestId('narration-caption');
    await caption.waitFor();
    // The run was further on: narration rewinds it and replays it from step 0, and says so.
    await expect.poll(() => caption.innerText(), { timeout: 20_000 }).toMatch(/^Step [\d,]+ \(replaying this run from step 0\)/);
    await expect.poll(() => shownStep(page), { timeout: 10_000 }).toBeLessThan(200);
    await expect.poll(() => caption.innerText(), { timeout: 10_000 }).toMatch(/\(a\) With BN ahead by \d+ points? at step [\d,]+: With BN \d+%, Without BN \d+%\./);
    const first = await caption.innerText();
    const stepAtFirst = await shownStep(page);
    await page.waitForTimeout(3500);
    const later = await caption.innerText();
    expect(later).not.toBe(first);
    // What the charts say, in their own words: the notes on (a), (b) and (c) appear in the caption as they are drawn.
    const notes = await page.locator('.slide .chart-note').allInnerTexts();
    expect(notes.length).toBe(3);
    // (The caption follows each snapshot; the notes redraw in the same frame or the next: read both again if they differ.)
    await expect.poll(async () => {
      const [text, drawn] = [await caption.innerText(), await page.locator('.slide .chart-note').allInnerTexts()];
      return drawn.every((note) => text.includes(note));
    }, { timeout: 5_000 }).toBe(true);
    expect(later).toMatch(/\(b\) Without BN (drifts|stays|settled)[^;]*; \(c\) With BN (drifts|stays|settled)/);
    expect(later).toMatch(/Over steps 0–[\d,]+ (the plain network's median moved across|BN's median moved across|the two medians moved across similar ranges)/);
    expect(later).not.toMatch(/NaN|undefined|Infinity/);
    // It advanced by chunks of 20 (under step 1,000), not at the free run's hundreds of steps a second.
    const advanced = (await shownStep(page)) - stepAtFirst;
    expect(advanced).toBeGreaterThanOrEqual(20);
    expect(advanced).toBeLessThanOrEqual(100);
    // The caption's step is the slower network's, like the counter's, and it moved on.
    const captionStep = Number(/^Step ([\d,]+)/.exec(later)?.[1].replace(/,/g, '') ?? -1);
    expect(captionStep).toBeGreaterThanOrEqual(stepAtFirst);
    expect(captionStep).toBeLessThanOrEqual(await shownStep(page));
    // A window-sized picture shows what the room sees.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/presentation-narration-1920.png` });

    await page.keyboard.press('n');
    await caption.waitFor({ state: 'hidden' });
    await expect.poll(() => runState(page), { timeout: 10_000 }).toMatch(/^running/);
    const free = await shownStep(page);
    await page.waitForTimeout(2000);
    expect((await shownStep(page)) - free).toBeGreaterThan(100);
    expectCleanPage(watch);
    await page.close();
  });

  it('speaks a summary to screen readers through a polite live region', async () => {
    const { page, watch } = await open('', { width: 1400, height: 1000 });
    await waitForStep(page, 200);
    const region = page.getByTestId('live-summary');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => region.textContent(), { timeout: 15_000 }).toMatch(/Without BN: test accuracy \d+%, not diverged\. With BN: test accuracy \d+%, not diverged\./);
    expectCleanPage(watch);
    await page.close();
  });

  /** The visible role=img elements' names and boxes, the caption's box, and how far the page scrolls. */
  async function slideLayout(page: Page) {
    return page.evaluate(() => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      };
      const charts = Array.from(document.querySelectorAll('[role=img]'))
        .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0)
        .map((el) => ({ name: el.getAttribute('aria-label') ?? '', ...box(el) }));
      const caption = document.querySelector('[data-testid=narration-caption]');
      return {
        charts,
        caption: caption ? box(caption) : null,
        window: { width: window.innerWidth, height: window.innerHeight },
        scroll: document.documentElement.scrollHeight - window.innerHeight,
      };
    });
  }

  /** The slide's five charts, by name: Figure 1 (a), (b), (c) and the tracked layer of each network. */
  const SLIDE_CHARTS = [
    /^Figure 1 \(a\): test accuracy/,
    /^Figure 1 \(b\): Without BN, tracked unit's input percentiles/,
    /^Figure 1 \(c\): With BN, tracked unit's input percentiles/,
    /^Without BN, hidden layer 3: input distribution/,
    /^With BN, hidden layer 3: input distribution/,
  ];

  type Layout = Awaited<ReturnType<typeof slideLayout>>;

  function expectOneSlide(layout: Layout): void {
    const { width, height } = layout.window;
    for (const pattern of SLIDE_CHARTS) {
      const found = layout.charts.filter((c) => pattern.test(c.name));
      expect(found.length, `${pattern}: one visible chart`).toBe(1);
      const c = found[0];
      expect(c.x, `${c.name} left`).toBeGreaterThanOrEqual(0);
      expect(c.y, `${c.name} top`).toBeGreaterThanOrEqual(0);
      expect(c.right, `${c.name} right`).toBeLessThanOrEqual(width);
      expect(c.bottom, `${c.name} bottom`).toBeLessThanOrEqual(height);
      expect(c.height, `${c.name} height`).toBeGreaterThanOrEqual(60);
    }
    // One screen: nothing to scroll to.
    expect(layout.scroll).toBeLessThanOrEqual(0);
  }

  for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`fits one slide at ${size.width}x${size.height} (${scheme}): Figure 1 (a-c) and both tracked layers, the caption over no chart`, async () => {
        const { page, watch } = await open('present=1', size, scheme);
        await expect.poll(() => page.locator('html').getAttribute('class')).toContain('presentation');
        await waitForStep(page, 400, 60_000);
        await page.waitForFunction(() => document.querySelectorAll('.slide svg path[data-network]').length >= 3, null, { timeout: 30_000 });
        await page.waitForTimeout(500);
        expectOneSlide(await slideLayout(page));
        await page.screenshot({ path: `${SCREENSHOT_DIR}/slide-${size.width}x${size.height}-${scheme}.png` });

        // Narrating: the caption takes its own band under the slide, and every chart stays whole and uncovered.
        await page.keyboard.press('n');
        const caption = page.getByTestId('narration-caption');
        await expect.poll(() => caption.innerText(), { timeout: 20_000 }).toMatch(/\(a\) With BN ahead/);
        await page.waitForTimeout(3200);
        const layout = await slideLayout(page);
        expectOneSlide(layout);
        expect(layout.caption).not.toBeNull();
        const band = layout.caption!;
        expect(band.bottom).toBeLessThanOrEqual(layout.window.height);
        for (const c of layout.charts) {
          const overlaps = c.x < band.right && band.x < c.right && c.y < band.bottom && band.y < c.bottom;
          expect(overlaps, `the caption covers ${c.name}`).toBe(false);
        }
        expect(await badSvgAttributes(page)).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/slide-${size.width}x${size.height}-${scheme}-narrating.png` });
        await page.keyboard.press('n');
        await caption.waitFor({ state: 'hidden' });
        expectCleanPage(watch);
        await page.close();
      });
    }
  }

  it('stacks the slide on a phone (390x844): every chart drawn, the page scrolls, nothing sideways', async () => {
    const { page, watch } = await open('present=1', { width: 390, height: 844 });
    await waitForStep(page, 300, 60_000);
    await page.waitForTimeout(1000);
    const layout = await slideLayout(page);
    for (const pattern of SLIDE_CHARTS) {
      const found = layout.charts.filter((c) => pattern.test(c.name));
      expect(found.length, `${pattern}: one visible chart`).toBe(1);
      expect(found[0].right, found[0].name).toBeLessThanOrEqual(390);
      expect(found[0].height, found[0].name).toBeGreaterThanOrEqual(60);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/slide-390x844-phone.png`, fullPage: true });
    expectCleanPage(watch);
    await page.close();
  });

  for (const size of [{ width: 1920, height: 1080 }, { width: 3840, height: 2160 }]) {
    it(`reads from the back of a room at ${size.width}x${size.height}, nothing clipped`, async () => {
      const { page, watch } = await open('present=1', size);
      await waitForStep(page, 400, 60_000);
      await page.waitForFunction(() => Array.from(document.querySelectorAll('svg path[data-network]')).some((p) => (p.getAttribute('d') ?? '').length > 40), null, { timeout: 30_000 });
      await page.waitForTimeout(1000);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // Rendered sizes on screen (zoom included): body text, chart text and the lines.
      const sizes = await page.evaluate(() => {
        const zoomOf = (el: Element): number => Number(getComputedStyle(el.closest('.app') ?? el).zoom || 1);
        const px = (sel: string, prop: 'fontSize' | 'strokeWidth'): number => {
          const el = document.querySelector(sel);
          return el ? parseFloat(getComputedStyle(el)[prop]) * zoomOf(el) : 0;
        };
        return { body: px('.preset-summary', 'fontSize'), tick: px('.chart .axis text', 'fontSize'), line: px('.chart path[data-network]', 'strokeWidth') };
      });
      const scale = size.width / 1920;
      expect(sizes.body).toBeGreaterThanOrEqual(24 * scale);
      expect(sizes.tick).toBeGreaterThanOrEqual(17 * scale);
      expect(sizes.line).toBeGreaterThanOrEqual(4 * scale);
      expect(await badSvgAttributes(page)).toEqual([]);
      // Pause (Space) so a 4K picture of a busy page on a loaded machine does not time out.
      await page.keyboard.press('Space');
      await pausedStep(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOT_DIR}/presentation-${size.width}.png`, timeout: 90_000 });
      await screenshot(page, `presentation-${size.width}-full`);
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/presentation-help-${size.width}.png`, timeout: 90_000 });
      expectCleanPage(watch);
      await page.close();
    });
  }
});
