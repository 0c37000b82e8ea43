/** The batch panel in Chromium: BN on the live network's latest mini-batch, updated as training runs. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badSvgAttributes, SCREENSHOT_DIR, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

const LABEL = /^Batch normalisation of unit 0, layer 3, on the mini-batch of step ([\d,]+): 60 examples, mean -?[\d.]+, std [\d.]+; normalised to mean 0\.00, std 1\.00/;

describe('the batch panel, in Chromium', () => {
  it('shows the BN transform of the latest mini-batch, its numbers moving while training and the scrubber told apart', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=paper-fig1`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(100);
    const panel = page.locator('section.batch-panel');
    await panel.scrollIntoViewIfNeeded();
    const picture = panel.getByRole('img', { name: LABEL });
    await picture.waitFor({ timeout: 20_000 });
    // One dot per example on each of the three lines.
    for (const stage of ['x', 'xHat', 'y']) expect(await picture.locator(`[data-stage="${stage}"] circle`).count()).toBe(60);
    const stepOf = async (): Promise<number> => Number(((await picture.getAttribute('aria-label')) ?? '').match(LABEL)?.[1].replace(/,/g, '') ?? -1);
    const numbers = (): Promise<string> => panel.locator('.batch-steps').innerText();
    const firstStep = await stepOf();
    const firstNumbers = await numbers();
    expect(firstNumbers).toMatch(/γ = -?[\d.]+, β = -?[\d.]+/);
    // Training goes on: a later batch, other statistics.
    await expect.poll(stepOf, { timeout: 20_000 }).toBeGreaterThan(firstStep);
    await expect.poll(numbers, { timeout: 20_000 }).not.toBe(firstNumbers);
    // Paused and scrubbed back, the panel says it shows the latest batch.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const scrubber = page.getByLabel('Time (step)');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => panel.locator('.batch-note').innerText(), { timeout: 10_000 }).toMatch(/The time scrubber is at step 0; this is the latest mini-batch \(step [\d,]+\)/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel.screenshot({ path: resolve(SCREENSHOT_DIR, 'batch-panel.png') });
    expect(await badSvgAttributes(page)).toEqual([]);
    expectCleanPage(watch);
    await page.close();
  });
});
