/**
 * Weight decay with BN in Chromium: the preset's link opens the weight-norm panel under the time
 * scrubber, with ||W|| drawn for both networks and eta / ||W||^2 for BN only, each chart with a note
 * computed from the run; without weight decay the panel is folded until opened.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { badSvgAttributes, screenshot, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

/** The longest path `d` of network `id` among the panel's charts whose label starts with `label`. */
function longestLine(page: Page, label: string, id: string): Promise<number> {
  return page.locator(`.weight-norms svg[aria-label^="${label}"] path[data-network="${id}"]`)
    .evaluateAll((paths) => Math.max(0, ...paths.map((p) => (p.getAttribute('d') ?? '').length)));
}

describe('weight decay with BN, in Chromium', () => {
  it('opens ?preset=weight-decay with each layer\'s ||W|| and BN\'s effective step drawn, with live notes and no console error', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=weight-decay`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(300);
    const panel = page.locator('section.weight-norms');
    await expect.poll(() => panel.count(), { timeout: 20_000 }).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.locator('details').count()).toBe(0);
    // Right under the time scrubber, before the batch panel.
    const order = await page.evaluate(() => {
      const sections = [...document.querySelectorAll('.main-column > *')];
      return [sections.findIndex((s) => s.classList.contains('weight-norms')), sections.findIndex((s) => s.querySelector('#saturation-title'))];
    });
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[0]).toBeLessThan(order[1]);
    for (let layer = 1; layer <= 3; layer++) {
      const norms = `Norm of the weights feeding hidden layer ${layer}`;
      const steps = `Effective step η / ‖W‖² of hidden layer ${layer}`;
      for (const id of ['plain', 'bn']) await expect.poll(() => longestLine(page, norms, id), { timeout: 30_000 }).toBeGreaterThan(40);
      await expect.poll(() => longestLine(page, steps, 'bn'), { timeout: 30_000 }).toBeGreaterThan(40);
      // No BN after the plain network's layers: no effective step for it.
      expect(await page.locator(`.weight-norms svg[aria-label^="${steps}"] path[data-network="plain"]`).count()).toBe(0);
    }
    // Every chart's axes have at least three labelled ticks, none in exponent notation.
    const ticks = await panel.locator('svg').evaluateAll((svgs) => svgs.map((svg) => [...svg.querySelectorAll('.tick text')].map((t) => t.textContent ?? '').filter((t) => t !== '')));
    for (const labels of ticks) {
      expect(labels.length).toBeGreaterThanOrEqual(6);
      expect(labels.filter((t) => /e[-+]?\d/i.test(t))).toEqual([]);
    }
    // Notes computed from the run: a figure and a step.
    const notes = await panel.locator('.chart-note').allTextContents();
    expect(notes).toHaveLength(6);
    for (const note of notes) expect(note).toMatch(/at step [\d,]+$/);
    expect(await badSvgAttributes(page)).toEqual([]);
    await screenshot(page, 'weight-decay-panel');
    expectCleanPage(watch);
    await page.close();
  });

  it('folds the panel when the run has no weight decay, and draws it when opened', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(300);
    const panel = page.locator('section.weight-norms');
    await expect.poll(() => panel.count(), { timeout: 20_000 }).toBe(1);
    expect(await panel.locator('svg').count()).toBe(0);
    await panel.locator('summary').click();
    await expect.poll(() => longestLine(page, 'Norm of the weights feeding hidden layer 1', 'bn'), { timeout: 30_000 }).toBeGreaterThan(40);
    expect(await badSvgAttributes(page)).toEqual([]);
    expectCleanPage(watch);
    await page.close();
  });
});
