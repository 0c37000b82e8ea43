/**
 * Every lab job in Chromium, each opened from its link (the way a shared result arrives): it runs
 * in the lab worker on the spiral (small params, so seconds each), and its view draws a chart
 * with no NaN in it.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_JOBS } from '../../src/lab/jobs.ts';
import { badSvgAttributes, SCREENSHOT_DIR, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/** Small params per job: a few dozen steps, a few points. */
const SMALL: Record<string, string> = {
  'lr-sweep': 'lab.steps=40&lab.factors=0.1,1,10',
  'init-sweep': 'lab.steps=40&lab.factors=0.1,1,10',
  'scale-invariance': '',
  inference: 'lab.steps=40&lab.batchSizes=2,8',
  'population-stats': 'lab.steps=40&lab.momenta=0.1,1&lab.examples=500',
  regularization: 'lab.steps=40&lab.batches=20',
  'gradient-ics': 'lab.steps=40&lab.every=20',
  smoothness: 'lab.steps=40&lab.every=20&lab.probes=4',
  'weight-decay': 'lab.steps=40&lab.every=20&lab.decays=0,0.01',
};

describe('every lab job, in Chromium', () => {
  it('has small params for each job this suite runs', () => {
    expect(Object.keys(SMALL).sort()).toEqual(LAB_JOBS.map((job) => job.id).sort());
  });

  for (const job of LAB_JOBS) {
    it(`runs ${job.id} from its link and draws it`, async () => {
      const page = await app.browser.newPage({ viewport: { width: 1300, height: 1000 } });
      const watch = await watchPage(page, app.url);
      await page.goto(`${app.url}?preset=spiral&autoplay=0&lab=${job.id}${SMALL[job.id] ? `&${SMALL[job.id]}` : ''}`);
      const lab = page.locator('.lab-panel');
      await expect.poll(() => lab.getByRole('button', { name: 'Clear the result' }).count(), { timeout: 90_000 }).toBe(1);
      expect(await lab.getByLabel('Job').inputValue()).toBe(job.id);
      expect(await lab.getByRole('alert').count()).toBe(0);
      await expect.poll(() => lab.locator('.lab-workbench svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      // Every chart has drawn marks, and none of them carries NaN.
      const marks = await lab.locator('.lab-workbench svg').evaluateAll((svgs) => svgs.map((svg) => svg.querySelectorAll('path, circle, rect, line').length));
      expect(Math.min(...marks)).toBeGreaterThan(0);
      expect(await badSvgAttributes(page)).toEqual([]);
      await lab.screenshot({ path: resolve(SCREENSHOT_DIR, `lab-job-${job.id}.png`) });
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
