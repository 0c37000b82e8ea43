/**
 * The guided tour in Chromium: Start, then every step with Next. Each step must set up its
 * experiment (its preset in the link, the tour step in the link, its lab job open in the lab),
 * train it (the step counter moves on from 0) and draw it (every layer chart paints).
 */
import { describe, expect, it } from 'vitest';
import { GUIDE_STEPS } from '../../src/components/guide/steps.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { networksFor } from '../../src/experiment/variants.ts';
import { badSvgAttributes, paintedCanvases, screenshot, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();


describe('the guided tour in Chromium', () => {
  it('sets up, trains and draws every step, keeping the step in the link', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral`);
    await page.getByRole('button', { name: 'Start the tour' }).click();
    for (const [i, step] of GUIDE_STEPS.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => page.getByRole('heading', { name: step.title }).count()).toBe(1);
      await expect.poll(() => new URL(page.url()).searchParams.get('preset'), { timeout: 10_000 }).toBe(step.preset);
      expect(new URL(page.url()).searchParams.get('guide')).toBe(String(i + 1));
      // It trains: the counter leaves 0 (MNIST loads once; then each preset starts within seconds).
      await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
      // It draws: one chart per hidden layer and network, each painted.
      const config = configForPreset(step.preset);
      const charts = config.depth * networksFor(config).length;
      await expect.poll(() => paintedCanvases(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(charts);
      if (step.lab) {
        // Its lab job is chosen in the lab, ready to run; the instant one is run and drawn here.
        const lab = page.locator('.lab-panel');
        await expect.poll(() => lab.getByLabel('Job').inputValue(), { timeout: 15_000 }).toBe(step.lab.job);
        if (step.lab.job === 'scale-invariance') {
          await lab.getByRole('button', { name: 'Run', exact: true }).click();
          await expect.poll(() => lab.getByRole('button', { name: 'Clear the result' }).count(), { timeout: 30_000 }).toBe(1);
          await expect.poll(() => lab.locator('svg, table').count(), { timeout: 15_000 }).toBeGreaterThan(0);
          await screenshot(page, 'guide-scale-invariance');
        }
      }
      if (i === 0 || step.preset === 'noisy-bn') await screenshot(page, `guide-step-${i + 1}`);
    }
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    expect(await badSvgAttributes(page)).toEqual([]);
    expectCleanPage(watch);
    await page.close();
  });
});
