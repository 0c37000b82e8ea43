/**
 * UI benchmark (`npm run bench:ui`): the built app in headless Chromium, training flat out.
 * Prints figures, asserts nothing: longest main-thread task, frames per second, snapshots per
 * second, steps per second per network, and the initial JS size (gzip).
 * Options: --seconds N (default 20), --query "preset=..." , --to-step N (run until that step, report wall time).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** gzip size of the JS the page loads before anything else (entry + modulepreloads; not the worker). */
function initialJsGzip(): { files: string[]; bytes: number } {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join('dist', f)), { level: 9 }).length, 0);
  return { files, bytes };
}

/** Counts long tasks, animation frames and snapshot messages from the training worker, without touching the app. */
const INIT_SCRIPT = `
  window.__bench = { longTasks: [], frames: [], snapshots: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const tick = (t) => { window.__bench.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'snapshot') window.__bench.snapshots++;
      });
    }
  };
`;

async function main(): Promise<void> {
  const seconds = Number(arg('seconds', '20'));
  const toStep = Number(arg('to-step', '0'));
  const query = arg('query', '');
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Plain JS text, not a function: tsx would wrap a function with helpers the page does not have.
    await page.addInitScript(INIT_SCRIPT);
    const t0 = Date.now();
    await page.goto(server.url + (query ? `?${query}` : ''));
    const stepOf = () => page.evaluate(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0) > 0, null, { timeout: 60_000 });
    const firstStepAt = (Date.now() - t0) / 1000;
    // Measure a window that starts once training runs.
    await page.evaluate(() => {
      const w = window as unknown as { __bench: { longTasks: number[]; frames: number[]; snapshots: number } };
      w.__bench.longTasks = []; w.__bench.frames = []; w.__bench.snapshots = 0;
    });
    const stepStart = await stepOf();
    const wallStart = Date.now();
    if (toStep > 0) {
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0) >= n, toStep, { timeout: 30 * 60_000, polling: 500 });
    } else {
      await page.waitForTimeout(seconds * 1000);
    }
    const wall = (Date.now() - wallStart) / 1000;
    const stepEnd = await stepOf();
    const stats = await page.evaluate(() => {
      const w = window as unknown as { __bench: { longTasks: number[]; frames: number[]; snapshots: number } };
      return { longTasks: w.__bench.longTasks, frames: w.__bench.frames.length, snapshots: w.__bench.snapshots };
    });
    const js = initialJsGzip();
    const rows: [string, string][] = [
      ['first step shown after load', `${firstStepAt.toFixed(2)} s`],
      ['measured window', `${wall.toFixed(1)} s`],
      ['steps per second (each network)', ((stepEnd - stepStart) / wall).toFixed(0)],
      ['snapshots per second', (stats.snapshots / wall).toFixed(1)],
      ['frames per second', (stats.frames / wall).toFixed(1)],
      ['long tasks (> 50 ms)', String(stats.longTasks.length)],
      ['longest main-thread task', `${stats.longTasks.length ? Math.max(...stats.longTasks).toFixed(0) : '< 50'} ms`],
      ['initial JS (gzip)', `${(js.bytes / 1024).toFixed(1)} KB in ${js.files.length} file(s)`],
    ];
    if (toStep > 0) rows.unshift(['wall time to step ' + toStep, `${((Date.now() - t0) / 1000).toFixed(1)} s from page load`]);
    console.log('| figure | value |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:ui failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
