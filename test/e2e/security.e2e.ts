import { readFileSync } from 'node:fs';
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

    // The recorder works: an inline script is blocked and reported.
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.appendChild(s);");
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src(-elem)? blocked inline/)]);
    expect(await page.evaluate('window.__ran')).toBeUndefined();
    await page.close();
  });
});
