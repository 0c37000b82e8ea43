import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST_DIR, shownStep, watchPage } from './harness.ts';
import { useServedApp } from './suite.ts';

const app = useServedApp();

/**
 * Records every Content-Security-Policy violation of the page in window.__cspViolations.
 * Plain JS text, not a function: tsx/esbuild would wrap a function with a __name helper the page lacks.
 */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

const violations = (page: Page): Promise<string[]> =>
  page.evaluate('window.__cspViolations ? window.__cspViolations.slice() : ["the recorder did not run"]') as Promise<string[]>;

/** The directives of a policy: name -> sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

function expectStrictScripts(policy: string): void {
  const parsed = directives(policy);
  const scripts = parsed.get('script-src') ?? parsed.get('default-src') ?? [];
  expect(scripts).toContain("'self'");
  // WebAssembly compilation only ('wasm-unsafe-eval'): no eval, no inline script, no other host.
  expect(scripts.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'")).toEqual([]);
  expect(parsed.get('object-src')).toEqual(["'none'"]);
  expect(parsed.get('connect-src') ?? parsed.get('default-src')).toEqual(["'self'"]);
}

describe('the built app is locked down', () => {
  it('ships a Content-Security-Policy meta that allows scripts from its own origin only', () => {
    const html = readFileSync(resolve(DIST_DIR, 'index.html'), 'utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    expect(meta).not.toBeNull();
    expectStrictScripts(meta![1].replace(/&#39;/g, "'"));
    // No inline script for the policy to have to allow.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
  });

  it('trains under that policy with no violation and no request leaving the origin', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    const watch = await watchPage(page, app.url);
    await page.goto(app.url);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expectStrictScripts(policy ?? '');
    await expect.poll(() => shownStep(page), { timeout: 25_000 }).toBeGreaterThanOrEqual(200);
    expect(await violations(page)).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);

    // The recorder works: an inline script is blocked and reported, once by each policy (the header's and the meta tag's).
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.appendChild(s);");
    const inline = expect.stringMatching(/^script-src(-elem)? blocked inline/);
    await expect.poll(() => violations(page)).toEqual([inline, inline]);
    expect(await page.evaluate('window.__ran')).toBeUndefined();
    await page.close();
  });

  it('sends the policy, with frame-ancestors, as a header on every response, as dist/_headers writes it', async () => {
    const page = await app.browser.newPage();
    const workerScript = page.waitForResponse(/\/assets\/training\.worker-[^/]+\.js$/);
    const pageResponse = await page.goto(`${app.url}?preset=spiral`);
    const responses = [pageResponse!, await workerScript, await page.request.get(`${app.url}sw.js`), await page.request.get(`${app.url}data/mnist.bin`)];
    const headersFile = readFileSync(resolve(DIST_DIR, '_headers'), 'utf8');
    // Every path ('/*'), then the headers indented under it.
    expect(headersFile).toMatch(/^\/\*$/m);
    const filePolicy = headersFile.match(/^ {2}Content-Security-Policy: (.+)$/m)?.[1];
    expect(filePolicy).toBeDefined();
    expectStrictScripts(filePolicy!);
    expect(directives(filePolicy!).get('frame-ancestors')).toBeDefined();
    for (const response of responses) {
      expect(response.headers()['content-security-policy'], response.url()).toBe(filePolicy);
      expect(response.headers()['x-content-type-options'], response.url()).toBe('nosniff');
    }
    expect(readFileSync(resolve(DIST_DIR, '.htaccess'), 'utf8')).toContain(`Header always set Content-Security-Policy "${filePolicy}"`);
    await page.close();
  });

  it('holds in the training worker: a cross-origin fetch and string code are blocked there', async () => {
    // Another origin that would answer anyone (CORS *): without the worker's policy the fetch succeeds and is counted.
    let hits = 0;
    const other = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('leaked');
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    const port = (other.address() as AddressInfo).port;
    const page = await app.browser.newPage();
    const workerCreated = page.waitForEvent('worker', (w) => /training\.worker/.test(w.url()));
    await page.goto(`${app.url}?preset=spiral`);
    const worker = await workerCreated;
    await expect.poll(() => shownStep(page), { timeout: 25_000 }).toBeGreaterThanOrEqual(100);
    // Plain JS text (see RECORD_CSP_VIOLATIONS). The string timer and the eval run in later tasks of the
    // worker, outside the evaluation itself (which DevTools exempts from the policy).
    const outcome = await worker.evaluate(`(async () => {
      const violations = [];
      self.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetched;
      try { fetched = 'sent: ' + (await (await fetch('http://localhost:${port}/leak')).text()); } catch (e) { fetched = 'blocked: ' + e.name; }
      self.__stringTimer = 'did not run';
      setTimeout("self.__stringTimer = 'ran'", 0);
      const evaluated = await new Promise((done) => setTimeout(() => {
        try { done('ran: ' + eval('1 + 1')); } catch (e) { done('blocked: ' + e.name); }
      }, 0));
      await new Promise((done) => setTimeout(done, 200));
      return { fetched, stringTimer: self.__stringTimer, evaluated, violations };
    })()`) as { fetched: string; stringTimer: string; evaluated: string; violations: string[] };
    other.close();
    expect(outcome.fetched).toBe('blocked: TypeError');
    expect(hits).toBe(0);
    expect(outcome.stringTimer).toBe('did not run');
    expect(outcome.evaluated).toBe('blocked: EvalError');
    expect(outcome.violations).toContain('connect-src');
    expect(outcome.violations).toContain('script-src');
    // The worker still trains.
    const step = await shownStep(page);
    await expect.poll(() => shownStep(page), { timeout: 10_000 }).toBeGreaterThan(step);
    await page.close();
  });
});

/** `count` unknown keys: `k0=1&k1=1...` (1,500 make a 9.4 KB link). */
const junkKeys = (count: number): string => Array.from({ length: count }, (_, i) => `k${i}=1`).join('&');

describe('hostile links', () => {
  it('name every unusable value in one notice, fall back to the defaults, and keep commas in the address bar', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    const link = `${app.url}?preset=spiral&${junkKeys(1_500)}&depth=99&guide=999&present=junk&theme=solarized&controls=play,reset,learningRate,lab,tour&lab=lr-sweep&lab.steps=20&lab.factors=0.1,1&lab.zz=1`;
    expect(link.length).toBeGreaterThan(9_000);
    await page.goto(link);
    const notices = page.locator('.notices > li');
    // Six problems, five named and one counted: the tour's and the lab's (loaded on demand) come last, to the same notice.
    const items = notices.first().locator('.notice-items > li');
    await expect.poll(() => items.allInnerTexts(), { timeout: 20_000 }).toHaveLength(6);
    expect(await items.last().innerText()).toBe('and 1 more.');
    expect(await notices.count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(1);
    const text = await notices.first().innerText();
    expect(text).toMatch(/^Parts of this link could not be used/);
    expect(text).toMatch(/unknown settings "k0", "k1", "k2", "k3", "k4" and 1,495 more/);
    expect(text).toMatch(/depth must be a whole number/);
    expect(text).toMatch(/present must be 1 or 0 \(got "junk"\); presentation mode off/);
    expect(text).toMatch(/guide must be a tour step from 1 to \d+ \(got "999"\)/);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(8_000);
    // The defaults: the tour closed, no presentation mode, the preset's depth; the lab's small job ran
    // (the link's controls, a classroom link's, keep the lab and the tour).
    expect(await page.getByRole('button', { name: 'Start the tour' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.className)).not.toMatch(/present/);
    await page.locator('figure.lab-sweep').waitFor({ timeout: 60_000 });
    // The address bar: the junk gone, the page's own values as written (commas, not %2C).
    await expect.poll(() => new URL(page.url()).search, { timeout: 5_000 }).toBe('?preset=spiral&controls=play,reset,learningRate,lab,tour&lab=lr-sweep&lab.steps=20&lab.factors=0.1,1');
    expect(page.url()).not.toMatch(/%2C/i);
    console.info(`hostile link: ${link.length} characters, 1 notice, page ${height} px tall`);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });

  it('names an embed value that is neither on nor off and opens the full page', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    await page.goto(`${app.url}?preset=spiral&embed=%3Cx%3E&view=fig1&controls=${'zz,'.repeat(500)}play,lab`);
    const notice = page.locator('.notices > li');
    await expect.poll(() => notice.first().innerText(), { timeout: 20_000 }).toMatch(/embed must be 1 or 0 \(got "<x>"\); embed mode off/);
    expect(await notice.count()).toBe(1);
    expect(await notice.first().innerText()).toMatch(/unknown control "zz"/);
    expect(await page.getByRole('button', { name: 'Open the lab' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.classList.contains('embed-page'))).toBe(false);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  });

  it('asks before a link\'s lab job of over 100,000 steps, and Cancel leaves the lab ready', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, app.url);
    const factors = Array.from({ length: 16 }, (_, i) => i + 1).join(',');
    await page.goto(`${app.url}?preset=spiral&lab=lr-sweep&lab.steps=100000&lab.factors=${factors}`);
    const confirm = page.getByRole('group', { name: /This link asks for/ });
    await confirm.waitFor({ timeout: 20_000 });
    expect(await confirm.innerText()).toMatch(/This link asks for 3,200,000 training steps, (about \d+ min at the live run's speed|time unknown .*)\. Run it\?/);
    await page.waitForTimeout(1_000);
    expect(await page.getByRole('progressbar', { name: 'Lab job progress' }).count()).toBe(0);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run' }).isEnabled()).toBe(true);
    expect(await page.getByRole('progressbar', { name: 'Lab job progress' }).count()).toBe(0);
    expect(new URL(page.url()).search).toContain(`lab.factors=${factors}`);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  });
});
