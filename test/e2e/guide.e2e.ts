/**
 * The guided tour in Chromium, as a student uses it: Start, then every step with Next. Each step
 * sets up its experiment (its preset and the tour step in the link, its lab job open in the lab),
 * trains and draws it, and points at its chart: the element marked data-tour-focus is the step's
 * target and lies fully inside the viewport, with the tour card visible beside it (1440x900) or
 * as a bottom sheet under it (390x844). A prediction veils its chart until the student picks, then
 * the run answers; a lab job runs from "Run this" and the tour scrolls to its result.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GUIDE_STEPS } from '../../src/components/guide/steps.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { networksFor } from '../../src/experiment/variants.ts';
import { badSvgAttributes, paintedCanvases, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

/** Where the pointed-at chart and the tour card are, against the viewport. */
interface TourGeometry {
  target: string | null;
  focusCount: number;
  /** The focused element lies fully inside the viewport (and above a bottom-sheet card). */
  focusInside: boolean;
  /** The card lies fully inside the viewport. */
  cardInside: boolean;
  veiled: boolean;
}

function geometry(page: Page): Promise<TourGeometry> {
  return page.evaluate(`(() => {
    const focused = document.querySelectorAll('[data-tour-focus="true"]');
    const card = document.querySelector('[data-testid="tour-card"]');
    const w = window.innerWidth, h = window.innerHeight;
    const inside = (r, bottom) => r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.right <= w && r.bottom <= bottom;
    const cardRect = card ? card.getBoundingClientRect() : null;
    const sheet = card && getComputedStyle(card).position === 'fixed';
    const el = focused[0] || null;
    return {
      target: el ? el.getAttribute('data-tour-target') : null,
      focusCount: focused.length,
      focusInside: !!el && inside(el.getBoundingClientRect(), sheet ? cardRect.top : h),
      cardInside: !!cardRect && inside(cardRect, h),
      veiled: !!el && el.getAttribute('data-tour-veil') === 'true',
    };
  })()`) as Promise<TourGeometry>;
}

/** Wait until the step's chart is the one pointed at, fully in view, with the card in view. */
async function expectPointedAt(page: Page, target: string): Promise<void> {
  await expect.poll(() => geometry(page), { timeout: 15_000 }).toMatchObject({ target, focusCount: 1, focusInside: true, cardInside: true });
}

describe('the guided tour in Chromium', () => {
  it('sets up, trains, draws and points at every step\'s chart at 1440x900, with predictions answered by the run and a lab job run from the card', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral`);
    await page.getByRole('button', { name: 'Start the tour' }).click();
    const card = page.getByTestId('tour-card');
    for (const [i, step] of GUIDE_STEPS.entries()) {
      if (i > 0) await card.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => page.getByRole('heading', { name: step.title }).count()).toBe(1);
      await expect.poll(() => new URL(page.url()).searchParams.get('preset'), { timeout: 10_000 }).toBe(step.preset);
      expect(new URL(page.url()).searchParams.get('guide')).toBe(String(i + 1));
      await expectPointedAt(page, step.focus);
      // A prediction hides its chart until the student has picked.
      expect((await geometry(page)).veiled, step.title).toBe(step.prediction !== undefined);
      // It trains: the counter leaves 0 (MNIST loads once; then each preset starts within seconds).
      await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
      // It draws: one chart per hidden layer and network, each painted.
      const config = configForPreset(step.preset);
      const charts = config.depth * networksFor(config).length;
      await expect.poll(() => paintedCanvases(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(charts);
      if (step.lab) {
        const lab = page.locator('.lab-panel');
        await expect.poll(() => lab.getByLabel('Job').inputValue(), { timeout: 15_000 }).toBe(step.lab.job);
      }
      if (step.prediction && i === 1) {
        // Predict, then reveal: the veil lifts, and once the run reaches the claim's step it answers.
        const prediction = step.prediction;
        await card.getByRole('button', { name: prediction.choices[3].label }).click();
        expect(await card.getByRole('button', { name: prediction.choices[0].label }).isDisabled()).toBe(true);
        await expect.poll(async () => (await geometry(page)).veiled).toBe(false);
        const reveal = card.getByTestId('guide-reveal');
        await expect.poll(() => reveal.getAttribute('data-reveal'), { timeout: 90_000 }).not.toBe('pending');
        const text = await reveal.innerText();
        const lead = /is ([+−±])(\d+) points/.exec(text);
        expect(lead, text).not.toBeNull();
        // The figure is the run's: the same lead the claims list under it checks.
        const claims = card.getByTestId('guide-claims');
        await claims.locator('summary').click();
        expect(await claims.innerText()).toContain(`${lead![1]}${lead![2]} points`);
        // "Without BN" is what the run contradicts, whatever the seed: it says so.
        expect(await reveal.getAttribute('data-reveal')).toBe('disagrees');
        expect(text).toContain('You predicted "Without BN": the run disagrees.');
      }
      if (step.lab?.job === 'scale-invariance') {
        // Run this: the job runs in the lab, and the tour points at its result when it arrives.
        await card.getByRole('button', { name: 'Run this' }).click();
        await expectPointedAt(page, 'lab-result');
        await expect.poll(() => page.locator('[data-tour-target="lab-result"]').locator('svg, table').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      }
    }
    // The last step's Next is disabled, and looks it.
    const next = card.getByRole('button', { name: 'Next' });
    expect(await next.isDisabled()).toBe(true);
    const look = await next.evaluate((el) => ({ opacity: getComputedStyle(el).opacity, cursor: getComputedStyle(el).cursor, border: getComputedStyle(el).borderStyle }));
    expect(look).toEqual({ opacity: '0.6', cursor: 'not-allowed', border: 'dashed' });
    // Closing the tour takes the mark and the veil off the page.
    await card.getByRole('button', { name: 'Close tour' }).click();
    expect(await page.locator('[data-tour-focus], [data-tour-veil]').count()).toBe(0);
    expect(await badSvgAttributes(page)).toEqual([]);
    expectCleanPage(watch);
    await page.close();
  });

  it('opens a guide=N link at step N, pointing at its chart with its lab job ready (dark theme, reduced motion)', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=noisy-bn&guide=8`);
    await expect.poll(() => page.getByRole('heading', { name: GUIDE_STEPS[7].title }).count()).toBe(1);
    await expectPointedAt(page, GUIDE_STEPS[7].focus);
    await expect.poll(() => page.locator('.lab-panel').getByLabel('Job').inputValue(), { timeout: 15_000 }).toBe(GUIDE_STEPS[7].lab!.job);
    expect(await page.getByTestId('tour-card').getByRole('button', { name: 'Run this' }).isEnabled()).toBe(true);
    // The outline shows on the dark page (the theme's pink), still, without its animation.
    const outline = await page.locator('[data-tour-focus="true"]').evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor, animation: style.animationName };
    });
    expect(outline).toEqual({ style: 'solid', width: '3px', color: 'rgb(247, 120, 186)', animation: 'none' });
    expectCleanPage(watch);
    await context.close();
  });

  it('on a 390x844 phone, keeps the card as a bottom sheet and the step\'s chart above it', async () => {
    const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?guide=2`);
    await expectPointedAt(page, GUIDE_STEPS[1].focus);
    const card = page.getByTestId('tour-card');
    expect(await card.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await card.getByRole('button', { name: 'Next' }).click();
    await expectPointedAt(page, GUIDE_STEPS[2].focus);
    // The sheet folds to its title and buttons, and opens again.
    await card.getByRole('button', { name: 'Hide text' }).click();
    expect(await card.getByRole('heading', { name: GUIDE_STEPS[2].title }).isVisible()).toBe(false);
    await card.getByRole('button', { name: 'Show text' }).click();
    expect(await card.getByRole('heading', { name: GUIDE_STEPS[2].title }).isVisible()).toBe(true);
    expectCleanPage(watch);
    await page.close();
  });
});
