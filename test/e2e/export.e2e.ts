import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR, screenshot, shownStep, watchPage } from './harness.ts';
import type { PageWatch } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

async function open(query: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await app.browser.newPage({ viewport: { width: 1300, height: 950 }, acceptDownloads: true });
  const watch = await watchPage(page, app.url);
  await page.goto(`${app.url}?${query}`);
  return { page, watch };
}

/** Train until the counter shows `atLeast`, then pause and wait for the counter to settle. */
async function trainThenPause(page: Page, atLeast: number): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0) >= n,
    atLeast, { timeout: 60_000 },
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.waitForTimeout(500);
  return shownStep(page);
}

/** Click `button` and return the downloaded file's name and bytes. */
async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Width and height from a PNG's IHDR, after checking its signature. */
function pngSize(bytes: Buffer): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Parse SVG text in the page: [parse errors, root tag, width, height, bad attributes, texts]. */
function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const bad: string[] = [];
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (/NaN|Infinity/.test(attr.value)) bad.push(`${el.tagName} ${attr.name}`);
    }
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.tagName,
      width: Number(doc.documentElement.getAttribute('width')),
      height: Number(doc.documentElement.getAttribute('height')),
      bad,
      texts: Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? ''),
    };
  }, svg);
}

/** A saved run whose first plain test accuracy was NaN (JSON writes it as null). */
function withNaN(text: string): string {
  const run = JSON.parse(text);
  run.plain.testAccuracy[0] = NaN;
  return JSON.stringify(run);
}

const savedDir = resolve('test-results/export');
mkdirSync(savedDir, { recursive: true });

describe('export, save, load and compare in Chromium', () => {
  it('exports every chart as PNG and SVG, and the data as CSV and JSON matching the page', async () => {
    const { page, watch } = await open('preset=spiral');
    const step = await trainThenPause(page, 400);
    await page.getByRole('button', { name: 'Export / Compare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export, save and compare' });
    await dialog.waitFor();
    const charts = ['Figure 1 (a): test accuracy', 'Figure 1 (b): Without BN, tracked unit', 'Figure 1 (c): With BN, tracked unit', 'Training loss',
      'Layer 1 inputs (heatmap, every network)', 'Layer 2 inputs (heatmap, every network)', 'Layer 3 inputs (heatmap, every network)'];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    let chartStep = NaN;
    for (const title of charts) {
      const svgFile = await download(page, dialog.getByRole('button', { name: `${title} as SVG` }));
      expect(svgFile.name).toMatch(new RegExp(`^bn-explorer-spiral-step\\d+-[a-z0-9]+\\.svg$`));
      const svg = await inspectSvg(page, svgFile.bytes.toString('utf8'));
      expect(svg.errors).toBe(0);
      expect(svg.root).toBe('svg');
      expect(svg.bad).toEqual([]);
      expect(svg.texts).toContain('Training step');
      const footer = svg.texts.find((t) => t.startsWith('BatchNorm Explorer · Spiral (fast) · step'));
      expect(footer).toBeDefined();
      chartStep = Number(/step ([\d,]+)/.exec(footer ?? '')?.[1].replace(/,/g, ''));
      const pngFile = await download(page, dialog.getByRole('button', { name: `${title} as PNG` }));
      expect(pngFile.name).toBe(svgFile.name.replace(/\.svg$/, '.png'));
      expect(pngSize(pngFile.bytes)).toEqual([2 * svg.width, 2 * svg.height]);
      writeFileSync(resolve(SCREENSHOT_DIR, `export-${pngFile.name.replace(/^.*-step\d+-/, '')}`), pngFile.bytes);
    }

    const json = JSON.parse((await download(page, dialog.getByRole('button', { name: 'Data as JSON' }))).bytes.toString('utf8'));
    expect(Object.keys(json)).toEqual(['config', 'plain', 'bn']);
    expect(json.config).toMatchObject({ dataset: 'spiral', activation: 'relu', evalEvery: 50, depth: 3 });
    for (const id of ['plain', 'bn']) {
      const run = json[id];
      expect(Object.keys(run)).toEqual(['steps', 'trainLoss', 'testAccuracy', 'testLoss', 'trackedUnit', 'saturation', 'drift', 'weightNorm', 'effectiveStep']);
      // Points: every test evaluation (on the grid of evalEvery), up to the last step the charts show (their footer).
      expect(run.steps.length).toBeGreaterThanOrEqual(1);
      expect(run.steps.at(-1)).toBeLessThanOrEqual(chartStep);
      expect(chartStep).toBeLessThanOrEqual(step + 50 * 20);
      expect(run.trackedUnit).toMatchObject({ layer: 2, unit: 0 });
      expect(run.saturation).toHaveLength(3);
      // Per hidden layer, ||W_l|| at every point; eta / ||W_l||^2 only where BN directly follows the layer.
      expect(run.weightNorm.map((layer: number[]) => layer.length)).toEqual([run.steps.length, run.steps.length, run.steps.length]);
      expect(run.effectiveStep.map((layer: number[] | null) => layer?.length ?? null)).toEqual(id === 'bn' ? [run.steps.length, run.steps.length, run.steps.length] : [null, null, null]);
    }
    const csv = (await download(page, dialog.getByRole('button', { name: 'Data as CSV' }))).bytes.toString('utf8');
    const [header, ...rows] = csv.trim().split('\r\n').map((line) => line.split(','));
    expect(header.slice(0, 5)).toEqual(['network', 'step', 'train_loss', 'test_loss', 'test_accuracy']);
    expect(rows).toHaveLength(json.plain.steps.length + json.bn.steps.length);
    const bnRows = rows.filter((r) => r[0] === 'bn');
    expect(bnRows.map((r) => Number(r[1]))).toEqual(json.bn.steps);
    expect(bnRows.map((r) => Number(r[4]))).toEqual(json.bn.testAccuracy);

    const saved = await download(page, dialog.getByRole('button', { name: 'Save run' }));
    mkdirSync(savedDir, { recursive: true });
    writeFileSync(resolve(savedDir, 'a.json'), saved.bytes);
    const savedJson = JSON.parse(saved.bytes.toString('utf8'));
    expect(savedJson).toMatchObject({ version: 1, presetId: 'spiral', query: 'preset=spiral', config: json.config });
    expect(savedJson.bn.testAccuracy).toEqual(json.bn.testAccuracy);
    await expect(dialog.getByRole('status').first().textContent()).resolves.toMatch(/Downloaded/);
    expectCleanPage(watch);
    await page.close();
  });

  it('saves a second run, loads both after a reload and shows them overlaid; a bad file gets a message', async () => {
    const second = await open('preset=spiral&learningRate=0.02');
    await trainThenPause(second.page, 400);
    await second.page.getByRole('button', { name: 'Export / Compare' }).click();
    const saved = await download(second.page, second.page.getByRole('button', { name: 'Save run' }));
    writeFileSync(resolve(savedDir, 'b.json'), saved.bytes);
    await second.page.close();

    const { page, watch } = await open('preset=spiral&autoplay=0');
    await page.reload();
    await page.getByRole('button', { name: 'Export / Compare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export, save and compare' });
    await dialog.getByLabel('Load saved runs (JSON)').setInputFiles([resolve(savedDir, 'a.json'), resolve(savedDir, 'b.json')]);
    const overlay = dialog.getByRole('figure', { name: 'Test accuracy, With BN: A vs B' });
    await overlay.waitFor();
    // The comparison is drawn as an SVG image: read its texts from the image's source.
    const texts = await overlay.locator('img').evaluate((img) => {
      const svg = decodeURIComponent((img as HTMLImageElement).src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      return Array.from(new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text'), (t) => t.textContent ?? '');
    });
    expect(texts.some((t) => t.startsWith('A: Spiral (fast)') && t.endsWith('(a.json)'))).toBe(true);
    expect(texts.some((t) => t.startsWith('B: Spiral (fast)') && t.endsWith('(b.json)'))).toBe(true);
    expect(texts).toContain('B: preset=spiral, learningRate=0.02');
    await expect(dialog.getByRole('figure', { name: 'Tracked unit, Without BN: A vs B' }).count()).resolves.toBe(1);
    // Each comparison is an SVG image; run B's lines are dashed in it.
    const dashed = await dialog.locator('.compare-chart img').evaluateAll((images) => images.reduce((sum, img) => {
      const svg = decodeURIComponent((img as HTMLImageElement).src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      return sum + (svg.match(/stroke-dasharray="7 4"/g) ?? []).length;
    }, 0));
    expect(dashed).toBeGreaterThanOrEqual(4);
    await expect.poll(() => dialog.locator('.compare-chart img').evaluateAll((images) => images.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('figure', { name: 'Test accuracy, With BN: A vs B' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'export-compare-view');
    const comparePng = await download(page, dialog.getByRole('button', { name: 'Tracked unit, Without BN: A vs B as PNG' }));
    expect(pngSize(comparePng.bytes)[0]).toBe(1600);
    writeFileSync(resolve(SCREENSHOT_DIR, 'export-compare-tracked-plain.png'), comparePng.bytes);

    await dialog.getByLabel('Load saved runs (JSON)').setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
      { name: 'nan.json', mimeType: 'application/json', buffer: Buffer.from(withNaN(readFileSync(resolve(savedDir, 'a.json'), 'utf8'))) },
    ]);
    const alerts = dialog.getByRole('alert');
    await alerts.first().waitFor();
    expect(await alerts.allTextContents()).toEqual([
      'notes.txt is not a JSON file (a saved run is JSON, as "Save run" writes it).',
      'nan.json cannot be loaded: plain.testAccuracy[0] is null, not a finite number.',
    ]);
    // The comparison is still there.
    await expect(overlay.count()).resolves.toBe(1);
    expectCleanPage(watch);
    await page.close();
  });

  it('exports the same JSON on every load of the same link: points on the evaluation grid, whatever the snapshots\' timing', async () => {
    const files: string[] = [];
    for (let load = 0; load < 2; load++) {
      const { page, watch } = await open('preset=spiral&maxSteps=600');
      await page.getByTestId('run-state').filter({ hasText: 'finished' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Export / Compare' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export, save and compare' });
      files.push((await download(page, dialog.getByRole('button', { name: 'Data as JSON' }))).bytes.toString('utf8'));
      expectCleanPage(watch);
      await page.close();
    }
    const json = JSON.parse(files[0]);
    // Every multiple of evalEvery (50) up to the last step, for both networks.
    const grid = Array.from({ length: 12 }, (_, i) => 50 * (i + 1));
    expect(json.plain.steps).toEqual(grid);
    expect(json.bn.steps).toEqual(grid);
    expect(files[1]).toBe(files[0]);
  });
});
