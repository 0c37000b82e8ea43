/**
 * The classroom link in Chromium: made in the Share dialog (an experiment, the controls that stay), it
 * opens that experiment with only those controls, on screen and on the keyboard; values it cannot use are
 * named in the link's one notice. Screenshots of the dialog and of the classroom page under
 * test-results/present/ (to look at).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { configForPreset } from '../../src/experiment/presets.ts';
import { shownStep, watchPage } from './harness.ts';
import type { PageWatch } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();
const pages: Page[] = [];
const SCREENSHOT_DIR = resolve('test-results/present');
mkdirSync(SCREENSHOT_DIR, { recursive: true });
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
});

async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; watch: PageWatch }> {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
  pages.push(page);
  const watch = await watchPage(page, app.url);
  await page.goto(url);
  return { page, watch };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

describe('the classroom link', () => {
  it('is made in the Share dialog and opens the chosen experiment with only the chosen controls', async () => {
    const { page, watch } = await open(app.url);
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await button(page, 'Share / Embed').click();
    const dialog = page.getByRole('dialog', { name: 'Share or embed this experiment' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Experiment' }).selectOption('lr-x5');
    const classroom = dialog.getByRole('group', { name: 'Classroom link' });
    // Keep Play / Pause and the learning rate; drop Reset; keep the presets out.
    await classroom.getByRole('checkbox', { name: 'Reset', exact: true }).uncheck();
    expect(await classroom.getByRole('checkbox', { name: 'Play / Pause', exact: true }).isChecked()).toBe(true);
    expect(await classroom.getByRole('checkbox', { name: 'Learning rate', exact: true }).isChecked()).toBe(true);
    expect(await classroom.getByRole('checkbox', { name: 'Presets', exact: true }).isChecked()).toBe(false);
    const link = await dialog.getByRole('textbox', { name: 'Classroom link' }).inputValue();
    expect(link).toBe(`${app.url}?preset=lr-x5&controls=play,learningRate`);
    // Each embed snippet has its copy button.
    for (const name of ['Copy link', 'Copy classroom link', 'Copy snippet', 'Copy iframe and lines', 'Copy element']) {
      expect(await dialog.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    }
    const element = await dialog.getByRole('textbox', { name: /^Embed as an element/ }).inputValue();
    expect(element).toContain(`<script src="${app.url}embed.js" defer></script>`);
    expect(element).toContain('<bn-explorer preset="lr-x5" view="fig1" controls="play,reset"');
    expect(await dialog.getByRole('textbox', { name: /^Embed that sizes itself/ }).inputValue()).toContain("data.type !== 'bn-explorer:resize'");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/share-dialog.png` });
    await dialog.getByRole('group', { name: 'Embed' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/share-dialog-embed.png` });
    expectCleanPage(watch);

    // The link, as a student opens it.
    const student = await open(link);
    const s = student.page;
    await expect.poll(() => shownStep(s), { timeout: 30_000 }).toBeGreaterThan(100);
    // The experiment: Learning rate x5, training.
    expect(await s.locator('.preset-title').innerText()).toBe('Learning rate x5');
    expect(await s.getByLabel('Learning rate', { exact: true }).inputValue()).toBe(String(configForPreset('lr-x5').learningRate));
    // Only the chosen controls: Pause (it plays), no Step, no Reset, no preset buttons, one setting, no lab, no tour.
    expect(await button(s, 'Pause').isVisible()).toBe(true);
    expect(await button(s, 'Step').count()).toBe(0);
    expect(await button(s, 'Reset').count()).toBe(0);
    expect(await button(s, 'Paper, Figure 1').count()).toBe(0);
    expect(await button(s, 'Learning rate x5').count()).toBe(0);
    expect(await s.locator('.controls .control').count()).toBe(1);
    expect(await s.locator('.controls').getByText('Batch size').count()).toBe(0);
    expect(await button(s, 'Open the lab').count()).toBe(0);
    expect(await button(s, 'Start the tour').count()).toBe(0);
    expect(await s.getByTestId('classroom-note').isVisible()).toBe(true);
    // Figure 1 and the layer charts are all there.
    expect(await s.getByRole('img', { name: /^Figure 1 \(a\)/ }).first().isVisible()).toBe(true);
    expect(await s.getByRole('img', { name: /^With BN, hidden layer 3: input distribution/ }).first().isVisible()).toBe(true);
    await s.screenshot({ path: `${SCREENSHOT_DIR}/classroom-link.png` });

    // The keys of the hidden controls do nothing: R does not reset, 2 does not switch preset; Space (Play) does pause.
    const before = await shownStep(s);
    await s.keyboard.press('r');
    await s.keyboard.press('1');
    await s.waitForTimeout(1500);
    expect(await shownStep(s)).toBeGreaterThanOrEqual(before);
    expect(new URL(s.url()).searchParams.get('preset')).toBe('lr-x5');
    await s.keyboard.press('Space');
    await expect.poll(() => s.getByTestId('run-state').innerText(), { timeout: 10_000 }).toMatch(/^paused/);

    // The one setting left works, and the link keeps its controls.
    const field = s.getByLabel('Learning rate', { exact: true });
    await field.fill('1');
    await field.press('Enter');
    await expect.poll(() => new URL(s.url()).searchParams.get('learningRate'), { timeout: 5_000 }).toBe('1');
    expect(new URL(s.url()).searchParams.get('controls')).toBe('play,learningRate');
    expectCleanPage(student.watch);
  });

  it('names what it cannot use in the link\'s one notice, and keeps the controls it can', async () => {
    const { page, watch } = await open(`${app.url}?preset=lr-x5&controls=play,wings,batchSize,${Array.from({ length: 300 }, (_, i) => `x${i}`).join(',')}&learningRate=abc`, 'dark');
    await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
    const notice = page.locator('.notice').filter({ hasText: 'could not be used' });
    expect(await notice.count()).toBe(1);
    const text = await notice.innerText();
    expect(text).toMatch(/unknown controls "wings", "x0", "x1" and 298 more \(controls: play, step, reset, presets, lab, tour, none/);
    expect(text).toMatch(/learningRate/);
    expect(await button(page, 'Pause').isVisible()).toBe(true);
    expect(await button(page, 'Reset').count()).toBe(0);
    expect(await page.locator('.controls .control').count()).toBe(1);
    expect(await page.locator('.controls').getByText('Batch size').first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/classroom-link-notice-dark.png` });
    expectCleanPage(watch);
  });

  it('hides every control with controls=none, and an embed names the full page\'s parts as not its own', async () => {
    const none = await open(`${app.url}?preset=spiral&controls=none`);
    await expect.poll(() => shownStep(none.page), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const name of ['Play', 'Pause', 'Step', 'Reset', 'Spiral (fast)', 'Open the lab', 'Start the tour']) expect(await button(none.page, name).count()).toBe(0);
    expect(await none.page.locator('.controls .control').count()).toBe(0);
    expectCleanPage(none.watch);

    const embed = await open(`${app.url}?preset=spiral&embed=1&controls=play,presets`);
    await expect.poll(() => embed.page.locator('.notice').filter({ hasText: 'could not be used' }).innerText(), { timeout: 30_000 })
      .toContain('control "presets" only on the full page, not in an embed; ignored');
    expectCleanPage(embed.watch);
  });
});
