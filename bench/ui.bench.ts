/**
 * UI benchmark (`npm run bench:ui`): the built app in headless Chromium, training flat out.
 * Prints figures, asserts nothing: longest main-thread task, frames per second, snapshots per
 * second, steps per second per network, and the initial JS size (gzip).
 * Options: --seconds N (default 20), --query "preset=..." , --to-step N (run until that step, report wall time),
 * --profile FILE (a CPU profile of the page's main thread over the window, written as .cpuprofile, and its top self times),
 * --trace FILE (record a Chromium trace of the measured window and attribute each long task: where its time went),
 * --cpu-slowdown N (the page's main thread N times slower, by DevTools CPU throttling: a slower laptop's main thread),
 * --threads (Linux: CPU of each Chromium thread kind over the window, as a share of one core),
 * --control (then the same window on a control page with the app's load and none of its code:
 *   the machine's own floor of long tasks, ./controlPage.ts).
 * Serves E2E_DIST when set (a build made with `vite build --outDir <dir>`), else dist/.
 * Long tasks are also attributed without a trace, by the Long Animation Frames API: the scripts (invoker,
 * function, ms) and the style/layout/paint share of each frame over 50 ms.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST_DIR, launchBrowser, serveDist } from '../test/e2e/harness.ts';
import { runControlPage } from './controlPage.ts';
import { chromiumThreads, threadShares } from './threadCpu.ts';
import { attributeLongTasks, cpuByKind, selfTimeByFunction } from './traceTasks.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** gzip size of the JS the page loads before anything else (entry + modulepreloads; not the worker). */
function initialJsGzip(): { files: string[]; bytes: number } {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST_DIR, f)), { level: 9 }).length, 0);
  return { files, bytes };
}

/** Task durations, longest first, in whole ms: the first 20, then how many in all ('' when none). */
function longestFirst(durations: readonly number[]): string {
  const sorted = [...durations].sort((a, b) => b - a);
  return sorted.slice(0, 20).map((d) => d.toFixed(0)).join(', ') + (sorted.length > 20 ? `, ... (${sorted.length} in all)` : '');
}

/** Counts long tasks, animation frames and snapshot messages from the training worker, without touching the app. */
const INIT_SCRIPT = `
  window.__bench = { longTasks: [], longTaskAt: [], t0: 0, longFrames: [], frames: [], snapshots: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.longTasks.push(e.duration);
      window.__bench.longTaskAt.push((e.startTime - window.__bench.t0) / 1000);
    }
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.blockingDuration <= 0) continue;
        const render = e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0;
        const style = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
        window.__bench.longFrames.push({
          duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration),
          render: Math.round(render), styleLayout: Math.round(style),
          scripts: e.scripts.map((s) => [s.invoker + (s.sourceFunctionName ? ' ' + s.sourceFunctionName : ''), Math.round(s.duration), Math.round(s.forcedStyleAndLayoutDuration)].join(' / ')),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch (e) { /* no LoAF: long tasks only */ }
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

/** A Long Animation Frame over 50 ms, as the init script records it. */
interface LongFrame {
  duration: number;
  blocking: number;
  render: number;
  styleLayout: number;
  scripts: string[];
}

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
      const w = window as unknown as { __bench: { longTasks: number[]; longTaskAt: number[]; t0: number; longFrames: unknown[]; frames: number[]; snapshots: number } };
      w.__bench.longTasks = []; w.__bench.longTaskAt = []; w.__bench.t0 = performance.now(); w.__bench.longFrames = []; w.__bench.frames = []; w.__bench.snapshots = 0;
    });
    // A slower machine's main thread (DevTools CPU throttling; the workers run at full speed).
    const slowdown = Number(arg('cpu-slowdown', '1'));
    if (slowdown > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const tracePath = arg('trace', '');
    const profilePath = arg('profile', '');
    const cdp = profilePath ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    if (tracePath) await browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] });
    const threadsBefore = process.argv.includes('--threads') ? chromiumThreads() : null;
    const stepStart = await stepOf();
    const wallStart = Date.now();
    if (toStep > 0) {
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent?.replace(/[^0-9]/g, '') ?? 0) >= n, toStep, { timeout: 30 * 60_000, polling: 500 });
    } else {
      await page.waitForTimeout(seconds * 1000);
    }
    const wall = (Date.now() - wallStart) / 1000;
    const threadsAfter = threadsBefore ? chromiumThreads() : null;
    const stepEnd = await stepOf();
    if (tracePath) await browser.stopTracing();
    const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
    if (profile) writeFileSync(profilePath, JSON.stringify(profile));
    const stats = await page.evaluate(() => {
      const w = window as unknown as { __bench: { longTasks: number[]; longTaskAt: number[]; longFrames: LongFrame[]; frames: number[]; snapshots: number } };
      return { longTasks: w.__bench.longTasks, longTaskAt: w.__bench.longTaskAt, longFrames: w.__bench.longFrames, frames: w.__bench.frames.length, snapshots: w.__bench.snapshots };
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
    console.log(`\nlongest tasks (ms): ${longestFirst(stats.longTasks) || 'none'}`);
    if (stats.longTasks.length > 0) {
      console.log(`long tasks, when (s into the window): ${stats.longTasks.slice(0, 20).map((d, k) => `${stats.longTaskAt[k].toFixed(1)} (${d.toFixed(0)} ms)`).join(', ')}`);
    }
    const frames = [...stats.longFrames].sort((a, b) => b.blocking - a.blocking).slice(0, 8);
    for (const f of frames) {
      console.log(`long frame ${f.duration} ms (blocking ${f.blocking}, style+layout ${f.styleLayout}, render ${f.render}): ${f.scripts.join('; ') || 'no script'}`);
    }
    if (threadsBefore && threadsAfter) {
      const shares = threadShares(threadsBefore, threadsAfter, wall);
      const total = shares.reduce((sum, [, share]) => sum + share, 0);
      console.log(`\nChromium's CPU by thread over the window (share of one core; ${(total * 100).toFixed(0)}% in all):`);
      for (const [key, share] of shares.filter(([, v]) => v >= 0.005)) console.log(`  ${(share * 100).toFixed(1).padStart(6)}%  ${key}`);
    }
    if (profile) {
      console.log('\nmain-thread self time by function (CPU profile, top 25):');
      for (const [name, ms] of selfTimeByFunction(profile).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
    }
    if (tracePath) {
      const all = attributeLongTasks(tracePath, 0);
      const tasks = all.filter((t) => t.durationMs > 50);
      const cpuLong = all.filter((t) => t.cpuMs > 50);
      const cpuTotal = all.reduce((sum, t) => sum + t.cpuMs, 0);
      const gcTotal = all.reduce((sum, t) => sum + t.selfMs.filter(([name]) => /GC/.test(name)).reduce((a, [, ms]) => a + ms, 0), 0);
      const byCpu = [...all].sort((a, b) => b.cpuMs - a.cpuMs);
      console.log(`\ntrace: main thread ${cpuTotal.toFixed(0)} ms CPU in ${all.length} tasks (${gcTotal.toFixed(0)} ms in GC); CPU per task: max ${byCpu[0]?.cpuMs.toFixed(1) ?? 0} ms, ${all.filter((t) => t.cpuMs > 16).length} over 16 ms`);
      for (const k of cpuByKind(all)) {
        console.log(`trace: ${k.kind} tasks: ${k.count} (${(k.count / wall).toFixed(0)}/s), ${k.totalMs.toFixed(0)} ms CPU; per task p50 ${k.p50.toFixed(1)}, p90 ${k.p90.toFixed(1)}, p99 ${k.p99.toFixed(1)}, max ${k.max.toFixed(1)} ms`);
      }
      console.log(`trace: ${tasks.length} main-thread tasks over 50 ms wall, ${cpuLong.length} over 50 ms of CPU (the rest waited for a core)`);
      for (const task of byCpu.slice(0, 5)) {
        const parts = task.selfMs.slice(0, 6).map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
        console.log(`trace: most CPU: task at ${(task.startMs / 1000).toFixed(1)} s, ${task.durationMs.toFixed(1)} ms wall, ${task.cpuMs.toFixed(1)} ms CPU: ${parts.join(', ')}`);
      }
      for (const task of tasks.slice(0, 10)) {
        const parts = task.selfMs.slice(0, 6).map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
        console.log(`trace: task at ${(task.startMs / 1000).toFixed(1)} s, ${task.durationMs.toFixed(1)} ms wall, ${task.cpuMs.toFixed(1)} ms CPU: ${parts.join(', ')}`);
      }
    }
    if (process.argv.includes('--control')) {
      // The app's workers: one per network (two here), at most one per core.
      const workers = Math.min(2, await page.evaluate(() => navigator.hardwareConcurrency || 1));
      await page.close();
      const control = await runControlPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }), Math.round(wall), workers);
      const longest = longestFirst(control.longTasks);
      console.log(`\ncontrol page, ${Math.round(wall)} s, ${workers} busy workers (./controlPage.ts): ${control.longTasks.length} long tasks (> 50 ms)${longest ? `: ${longest} ms` : ''}; ${(control.frames / Math.round(wall)).toFixed(1)} fps`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:ui failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
