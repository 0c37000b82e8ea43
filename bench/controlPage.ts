/**
 * The control page of `bench:ui --control`: the floor of long tasks on this machine, measured in
 * the same browser right after the app. It is the app's load without the app: two workers busy
 * about 60% of a core each (12 ms of arithmetic, 8 ms of rest), the workers' share `--threads`
 * reports for the app, and a main thread that spends 4 ms of script each frame and redraws an SVG
 * path of 600 points and 20 labels (about the app's 25% of a core). Any task over 50 ms there is
 * the machine's (its scheduler, its host), not the page's code.
 */
import type { Page } from 'playwright-core';

/** What the control page saw: frames drawn and the long tasks' durations (ms). */
export interface ControlResult {
  frames: number;
  longTasks: number[];
}

/** Page script (plain JS text: tsx would wrap a function with helpers the page does not have). */
function controlScript(seconds: number, workers: number): string {
  return `(async () => {
    const longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
    const busy = "function slice() { const end = performance.now() + 12; let x = 0; while (performance.now() < end) { for (let i = 0; i < 10000; i++) x += Math.sqrt(i); } setTimeout(slice, 8); } slice();";
    const url = URL.createObjectURL(new Blob([busy], { type: 'text/javascript' }));
    const running = Array.from({ length: ${workers} }, () => new Worker(url));
    const svg = document.getElementById('chart');
    let frames = 0;
    const end = performance.now() + ${seconds * 1000};
    await new Promise((resolve) => {
      const frame = () => {
        frames += 1;
        const until = performance.now() + 4; let x = 0; while (performance.now() < until) x += Math.random();
        let d = 'M0,400';
        for (let i = 0; i < 600; i++) d += 'L' + (i * 2) + ',' + (400 + 300 * Math.sin(i / 20 + frames / 10) * Math.random());
        let labels = '';
        for (let i = 0; i < 20; i++) labels += '<text x="' + (i * 60) + '" y="790">' + (frames + i) + '</text>';
        svg.innerHTML = '<path d="' + d + '" stroke="black" fill="none"/>' + labels;
        if (performance.now() < end) requestAnimationFrame(frame); else resolve();
      };
      requestAnimationFrame(frame);
    });
    running.forEach((w) => w.terminate());
    return { frames, longTasks };
  })()`;
}

/** Run the control page in `page` for `seconds` with `workers` busy workers. */
export async function runControlPage(page: Page, seconds: number, workers: number): Promise<ControlResult> {
  await page.setContent('<!doctype html><html><body><svg id="chart" width="1200" height="800"></svg></body></html>');
  return (await page.evaluate(controlScript(seconds, workers))) as ControlResult;
}
