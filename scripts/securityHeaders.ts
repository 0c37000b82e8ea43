/**
 * The app's security headers, where workers receive them. A <meta> Content-Security-Policy covers
 * the page only: dedicated workers take their policy from the HTTP response of their own script,
 * and frame-ancestors is ignored in a meta tag. So the build also writes the policy as headers
 * for the static hosts that read a file of them, and the preview server (`npm run preview`, the
 * e2e harness) sends them with every response:
 * - `dist/_headers`: Netlify and Cloudflare Pages;
 * - `dist/.htaccess`: Apache, where the folder allows it (`AllowOverride FileInfo`) and mod_headers is on.
 * Other hosts (nginx, GitHub Pages, S3...) need the lines of README's "Security headers"; a host that
 * sends none keeps the meta tag's policy for the page, with workers unrestricted.
 * BN_EXPLORER_FRAME_ANCESTORS (build time) sets who may frame the app: `*` by default, since embedding
 * in other sites' pages is a feature; e.g. "'self' https://course.example.edu" to restrict it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** Who may put the app in a frame: any site unless the build is told otherwise. */
export function frameAncestors(value: string | undefined = process.env.BN_EXPLORER_FRAME_ANCESTORS): string {
  const sources = (value ?? '').trim();
  if (!sources) return '*';
  if (/[;,\r\n]/.test(sources)) throw new Error(`BN_EXPLORER_FRAME_ANCESTORS must be a list of sources separated by spaces, not "${sources}"`);
  return sources;
}

/** The headers every response of the app gets: the page's policy plus frame-ancestors, and nosniff. */
export function securityHeaders(policy: string, ancestors: string = frameAncestors()): Record<string, string> {
  return {
    'Content-Security-Policy': `${policy}; frame-ancestors ${ancestors}`,
    'X-Content-Type-Options': 'nosniff',
  };
}

/** `_headers` (Netlify, Cloudflare Pages): every path of the site. */
export function netlifyHeadersFile(headers: Record<string, string>): string {
  return ['# Security headers for every file (Netlify, Cloudflare Pages). Written by the build (scripts/securityHeaders.ts).', '/*',
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

/** `.htaccess` (Apache with mod_headers, where the folder allows overrides). */
export function htaccessFile(headers: Record<string, string>): string {
  return ['# Security headers for every file (Apache, mod_headers). Written by the build (scripts/securityHeaders.ts).', '<IfModule mod_headers.c>',
    ...Object.entries(headers).map(([name, value]) => `  Header always set ${name} "${value.replace(/"/g, '\\"')}"`), '</IfModule>', ''].join('\n');
}

/**
 * Vite plugin: writes `_headers` and `.htaccess` beside index.html after the build (outside the bundle,
 * so the service worker does not precache them), and makes the preview server send the same headers
 * with every response, workers' scripts included.
 */
export function securityHeadersPlugin(policy: string): Plugin {
  const headers = securityHeaders(policy);
  let config: ResolvedConfig;
  return {
    name: 'bn-explorer-security-headers',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      if (config.command !== 'build' || config.build.ssr) return;
      const outDir = resolve(config.root, config.build.outDir);
      if (!existsSync(resolve(outDir, 'index.html'))) return;
      writeFileSync(resolve(outDir, '_headers'), netlifyHeadersFile(headers));
      writeFileSync(resolve(outDir, '.htaccess'), htaccessFile(headers));
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
    },
  };
}
