/**
 * End-to-end harness: serves the built app (dist/) on 127.0.0.1 with Vite's preview server
 * and drives Debian's Chromium through playwright-core. No browser is downloaded.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve('test-results/screenshots');

/** Where Debian's chromium lives (overridable for other machines). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

/** The built app to serve: dist/, or E2E_DIST (a build made with `vite build --outDir <dir>`). */
export const DIST_DIR = resolve(process.env.E2E_DIST ?? 'dist');

/** The served dist/: its base URL, a switch that takes the host off the network, and close. */
export interface ServedDist {
  url: string;
  /**
   * While down, the server drops every connection it is sent without an answer, as an unreachable
   * host does; `refused()` counts the requests dropped. A browser's own offline emulation differs
   * between Chromium versions, the host going away does not.
   */
  setDown: (down: boolean) => void;
  refused: () => number;
  close: () => Promise<void>;
}

/** Serve DIST_DIR on a free port of 127.0.0.1. */
export async function serveDist(): Promise<ServedDist> {
  if (!existsSync(resolve(DIST_DIR, 'index.html'))) throw new Error(`${DIST_DIR} is missing: run \`npm run build\` first`);
  let down = false;
  let refused = 0;
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    build: { outDir: DIST_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    plugins: [{
      name: 'e2e-host-down',
      configurePreviewServer(previewServer) {
        previewServer.middlewares.use((req, _res, next) => {
          if (!down) return next();
          refused += 1;
          req.socket.destroy();
        });
      },
    }],
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    setDown: (value) => { down = value; },
    refused: () => refused,
    close: () => server.close(),
  };
}

/** Launch headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
      // Investigations only (bench:ui): more flags, space-separated, e.g. to see which Chromium thread a wait is on.
      ...(process.env.CHROMIUM_EXTRA_ARGS ?? '').split(' ').filter(Boolean),
    ],
  });
}

/** What a page did that a test must see: console errors, page errors, requests that left the origin. */
export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
}

/** Record console errors, uncaught errors and any request to another origin (those are also aborted). */
export async function watchPage(page: Page, baseUrl: string): Promise<PageWatch> {
  const origin = new URL(baseUrl).origin;
  const watch: PageWatch = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.pageErrors.push(String(err)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
    watch.foreignRequests.push(url);
    return route.abort();
  });
  return watch;
}

/** Save a screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Every attribute of every SVG element on the page that contains NaN or Infinity. */
export function badSvgAttributes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('svg, svg *'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/NaN|Infinity/.test(attr.value)) bad.push(`<${el.tagName} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
    }
    return bad;
  });
}

/**
 * Make every 2-D canvas call with a non-finite number (NaN, Infinity) among its arguments, or a
 * pixel buffer holding one, count in `window.__canvasNaN` (a canvas drops such calls silently, so
 * a chart would look fine while drawing garbage). Call before the page loads; read with canvasNaNCalls.
 */
export async function watchCanvasNumbers(page: Page): Promise<void> {
  await page.addInitScript(`{
    const calls = (window.__canvasNaN = []);
    const proto = CanvasRenderingContext2D.prototype;
    const bad = (v) => (typeof v === 'number' && !Number.isFinite(v))
      || (ArrayBuffer.isView(v) && v instanceof Float32Array && v.some((x) => !Number.isFinite(x)));
    for (const name of ['fillRect', 'strokeRect', 'clearRect', 'rect', 'moveTo', 'lineTo', 'bezierCurveTo', 'quadraticCurveTo', 'arc', 'arcTo', 'ellipse', 'drawImage', 'putImageData', 'fillText', 'strokeText', 'translate', 'scale', 'setTransform', 'transform', 'createImageData']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        if (args.some(bad)) calls.push(name + '(' + args.map((a) => (typeof a === 'number' ? String(a) : typeof a)).join(', ') + ')');
        return original.apply(this, args);
      };
    }
  }`);
}

/** The canvas calls watchCanvasNumbers caught with a non-finite argument. */
export function canvasNaNCalls(page: Page): Promise<string[]> {
  return page.evaluate('window.__canvasNaN ?? ["canvas calls were not watched"]') as Promise<string[]>;
}

/** How many of the page's canvases have painted pixels (any non-transparent one). */
export function paintedCanvases(page: Page): Promise<number> {
  return page.$$eval('canvas', (canvases) => canvases.filter((c) => {
    const data = c.width > 0 && c.height > 0 ? c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data : undefined;
    return !!data && data.some((value, i) => i % 4 === 3 && value > 0);
  }).length);
}

/** The current step shown by the page's step counter. */
export async function shownStep(page: Page): Promise<number> {
  const text = await page.getByTestId('step-counter').innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}
