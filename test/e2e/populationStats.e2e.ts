/**
 * Precise BN in Chromium: the population-stats lab job opened from its link draws its view (the
 * verdict, three charts with no NaN, the table), and the live run's "Recompute precise statistics"
 * answers with test accuracy before and after, pressed while paused and while running, with no
 * console error.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badSvgAttributes, SCREENSHOT_DIR, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

describe('running statistics vs the population', () => {
  it('runs population-stats from its link and draws it; the live run recomputes its statistics paused and running', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral&autoplay=0&lab=population-stats&lab.steps=200&lab.momenta=0.01,0.1,1&lab.examples=1000`);
    const lab = page.locator('.lab-panel');
    await expect.poll(() => lab.getByRole('button', { name: 'Clear the result' }).count(), { timeout: 90_000 }).toBe(1);
    expect(await lab.getByLabel('Job').inputValue()).toBe('population-stats');
    expect(await lab.getByRole('alert').count()).toBe(0);
    const view = lab.locator('.population-stats-view');
    await expect.poll(() => view.locator('svg.chart').count(), { timeout: 15_000 }).toBe(3);
    expect(await view.getByTestId('lab-verdict').textContent()).toMatch(/^At PyTorch momentum 0\.1 = Keras\/TF momentum 0\.9, the running means sit/);
    // One table row per momentum, each named both ways.
    const rows = await view.locator('table tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^0\.10\.9/);
    const marks = await view.locator('svg.chart').evaluateAll((svgs) => svgs.map((svg) => svg.querySelectorAll('circle').length));
    expect(Math.min(...marks)).toBeGreaterThan(0);
    expect(await badSvgAttributes(page)).toEqual([]);
    // Each chart's value axis: three or more labelled ticks, none an exponent, and a title.
    const axes = await view.locator('svg.chart').evaluateAll((svgs) => svgs.map((svg) => ({
      labels: Array.from(svg.querySelectorAll('.tick text')).map((t) => t.textContent ?? '').filter((t) => t !== ''),
      title: svg.querySelector('.axis-title')?.textContent ?? '',
    })));
    for (const axis of axes) {
      expect(axis.labels.length, axis.labels.join(' | ')).toBeGreaterThanOrEqual(3);
      for (const label of axis.labels) expect(label).not.toMatch(/e[+-]?\d/);
      expect(axis.title).not.toBe('');
    }
    await view.screenshot({ path: resolve(SCREENSHOT_DIR, 'population-stats.png') });

    // The live run: pressed as the page opened it (paused or just started), then while running.
    const button = page.getByRole('button', { name: 'Recompute precise statistics' });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const status = page.locator('#recompute-result');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Recomputed the BN running mean and variance over [\d,]+ training examples at step [\d,]+ \(precise BN\)\. .*with BN \d+\.\d% → \d+\.\d%/);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    if (await play.count() > 0) await play.first().click();
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await button.click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/at step [1-9][\d,]* \(precise BN\)/);
    await expect.poll(() => page.locator('.notices').getByText(/^Recomputed the BN running mean/).allTextContents(), { timeout: 5_000 })
      .toEqual([expect.stringMatching(/at step [\d,]+ \(precise BN\)/), expect.stringMatching(/at step [1-9][\d,]* \(precise BN\)/)]);
    expectCleanPage(watch);
    await page.close();
  });
});
