import { describe, expect, it } from 'vitest';
import { badSvgAttributes, canvasNaNCalls, paintedCanvases, shownStep, watchCanvasNumbers, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

describe('a network that diverges, in Chromium', () => {
  // Found with the CLI (npm run experiment -- --preset spiral --steps 300 --set activation=linear --set initScale=1000):
  // the plain network's logits overflow at step 3, BN normalises the x1000 weights away and keeps learning.
  it('says the plain network diverged at its step while the BN network keeps stepping, with no NaN drawn', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await watchCanvasNumbers(page);
    // No stop at the preset's 3,000 steps: a loaded machine may show the divergence only after the BN network got there.
    await page.goto(`${app.url}?preset=spiral&activation=linear&initScale=1000&maxSteps=1000000`);
    const runState = page.getByTestId('run-state');
    await expect.poll(() => runState.innerText(), { timeout: 20_000 }).toMatch(/Without BN diverged at step \d[\d,]*/);
    const divergedAt = Number((await runState.innerText()).match(/Without BN diverged at step ([\d,]+)/)![1].replace(/,/g, ''));
    expect(divergedAt).toBeGreaterThan(0);
    expect(divergedAt).toBeLessThan(50);

    // The run goes on: the BN network steps far past the plain network's end and is still running.
    const stepAfter = await shownStep(page);
    await expect.poll(() => shownStep(page), { timeout: 20_000 }).toBeGreaterThan(Math.max(stepAfter, divergedAt) + 200);
    const state = await runState.innerText();
    expect(state).toMatch(/^running/);
    expect(state).not.toMatch(/With BN diverged/);
    expect(state).toContain(`Without BN diverged at step ${divergedAt.toLocaleString('en-US')}`);

    expect(await badSvgAttributes(page)).toEqual([]);
    // The canvases too: the heatmaps (and any canvas chart) got no NaN or Infinity, and they drew.
    expect(await canvasNaNCalls(page)).toEqual([]);
    expect(await paintedCanvases(page)).toBeGreaterThanOrEqual(6);
    // The watch itself catches a NaN drawn on a canvas.
    await page.evaluate("document.createElement('canvas').getContext('2d').fillRect(NaN, 0, 1, 1)");
    expect(await canvasNaNCalls(page)).toEqual(['fillRect(NaN, 0, 1, 1)']);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
