/**
 * Scales that never fail, in Chromium, on every preset after 10 s of training (and in presentation
 * mode's larger type): every d3 axis on the page shows three or more labels, none in exponent
 * notation, and has a title; every layer
 * heatmap paints more than a hairline; no layer chart has over 20% of a snapshot's values off its
 * range without saying so on the chart; the heatmaps have their colour bar on screen.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PRESETS } from '../../src/experiment/presets.ts';
import { screenshot, shownStep, watchPage } from './harness.ts';
import { expectCleanPage, useServedApp } from './suite.ts';

const app = useServedApp();

/** Per d3 axis (g.axis): its shown, non-empty tick labels, and whether its chart has a title for it. */
interface AxisReport {
  chart: string;
  labels: string[];
  titled: boolean;
}

function axisReports(page: Page): Promise<AxisReport[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<SVGGElement>('svg g.axis')).map((axis) => {
    const svg = axis.ownerSVGElement;
    const labels = Array.from(axis.querySelectorAll<SVGTextElement>('.tick text'))
      .filter((t) => getComputedStyle(t).visibility !== 'hidden')
      .map((t) => (t.textContent ?? '').trim())
      .filter((t) => t !== '');
    const axes = svg?.querySelectorAll('g.axis').length ?? 0;
    const titles = svg ? Array.from(svg.querySelectorAll('text.axis-title')).filter((t) => (t.textContent ?? '').trim() !== '').length : 0;
    const chart = svg?.closest('[aria-label]')?.getAttribute('aria-label') ?? svg?.getAttribute('aria-label') ?? '?';
    return { chart, labels, titled: titles >= axes };
  }));
}

/** Per layer chart: its reported off-range share, whether the warning is on it, and (heatmaps) how many value rows are painted. */
interface LayerReport {
  chart: string;
  offChart: number;
  warned: boolean;
  paintedRows: number | null;
}

function layerReports(page: Page): Promise<LayerReport[]> {
  return page.evaluate((valueRows) => Array.from(document.querySelectorAll<HTMLElement>('.layer-picture')).map((picture) => {
    const canvas = picture.querySelector('canvas');
    let paintedRows: number | null = null;
    if (canvas && canvas.width > 0) {
      const edge = (canvas.height - valueRows) / 2;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      paintedRows = 0;
      for (let y = edge; data && y < edge + valueRows; y++) {
        for (let x = 0; x < canvas.width; x++) {
          if (data[(y * canvas.width + x) * 4 + 3] > 0) {
            paintedRows++;
            break;
          }
        }
      }
    }
    const warning = picture.querySelector('[data-testid="off-chart-warning"]');
    return {
      chart: picture.getAttribute('aria-label') ?? '?',
      offChart: Number(picture.dataset.offChart),
      warned: warning !== null && (warning.textContent ?? '').includes('off chart'),
      paintedRows,
    };
  }), 96);
}

describe('scales that never fail, on every preset', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: every axis labelled (>= 3 ticks, no exponent, a title), no blank or hairline heatmap, off-range said`, async () => {
      const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const watch = await watchPage(page, app.url);
      await page.goto(`${app.url}?preset=${preset.id}`);
      await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(10_000);
      // Charts scrolled out of view refresh every 2 s; bring the layer charts in view for a fresh paint.
      await page.locator('section.layers').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);

      const axes = await axisReports(page);
      expect(axes.length).toBeGreaterThan(10);
      for (const axis of axes) {
        expect(axis.labels.length, `${axis.chart}: ${axis.labels.join(' | ')}`).toBeGreaterThanOrEqual(3);
        for (const label of axis.labels) expect(label, axis.chart).not.toMatch(/e[+-]?\d/);
        expect(axis.titled, `${axis.chart} has an axis title per axis`).toBe(true);
      }

      const layers = await layerReports(page);
      expect(layers.length).toBeGreaterThanOrEqual(6);
      for (const layer of layers) {
        expect(Number.isFinite(layer.offChart), layer.chart).toBe(true);
        if (layer.offChart > 0.2) expect(layer.warned, `${layer.chart}: ${Math.round(layer.offChart * 100)}% off chart`).toBe(true);
        // Not blank, not a hairline: the distribution covers at least 4 of the 96 value rows somewhere in the run.
        if (layer.paintedRows !== null) expect(layer.paintedRows, layer.chart).toBeGreaterThanOrEqual(4);
      }
      await expect.poll(() => page.getByTestId('colour-bar').count()).toBe(1);
      await screenshot(page, `scales-${preset.id}`);
      expectCleanPage(watch);
      await page.close();
    });
  }

  it('presentation mode at 1920x1080 (larger type): every axis still shows three labels and its title', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=paper-fig1&present=1`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(10_000);
    const axes = await axisReports(page);
    expect(axes.length).toBeGreaterThan(4);
    for (const axis of axes) {
      expect(axis.labels.length, `${axis.chart}: ${axis.labels.join(' | ')}`).toBeGreaterThanOrEqual(3);
      expect(axis.titled, axis.chart).toBe(true);
    }
    expectCleanPage(watch);
    await page.close();
  });

  it('the shared-scale choices go into the link (shared=figure1,layers) and a reload keeps them', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=lr-x30`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
    const figure1 = page.getByRole('checkbox', { name: /^Shared y scale for/ });
    const layers = page.getByRole('checkbox', { name: 'Same value range for every network' });
    await expect.poll(() => figure1.isChecked()).toBe(false);
    await figure1.check();
    await layers.check();
    await expect.poll(() => new URL(page.url()).search).toBe('?preset=lr-x30&shared=figure1,layers');
    await page.reload();
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await figure1.isChecked()).toBe(true);
    expect(await layers.isChecked()).toBe(true);
    await layers.uncheck();
    await expect.poll(() => new URL(page.url()).search).toBe('?preset=lr-x30&shared=figure1');
    expectCleanPage(watch);
    await page.close();
  });

  it('lr-x30 as ridgelines: value axes labelled and titled, several steps labelled', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=lr-x30`);
    await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Ridgeline' }).click();
    await page.waitForTimeout(10_000);
    const section = page.locator('section.layers');
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    for (const axis of (await axisReports(page)).filter((a) => a.chart.includes('hidden layer'))) {
      expect(axis.labels.length, axis.chart).toBeGreaterThanOrEqual(3);
      expect(axis.titled, axis.chart).toBe(true);
    }
    const stepLabels = await section.locator('.ridge-steps').first().locator('text.edge-label').count();
    expect(stepLabels).toBeGreaterThanOrEqual(2);
    expectCleanPage(watch);
    await page.close();
  });
});
