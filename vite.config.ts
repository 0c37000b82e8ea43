/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin, ResolvedConfig } from 'vite';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { transform } from 'esbuild';
import { oembedFiles } from './scripts/oembedPlugin.ts';
import { securityHeadersPlugin } from './scripts/securityHeaders.ts';

/**
 * The strict Content-Security-Policy of the built app (dev keeps Vite's inline HMR preamble): a meta tag in
 * index.html for hosts that send no header, and (with frame-ancestors) the headers of scripts/securityHeaders.ts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'bn-explorer-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/**
 * The offline service worker: compiles src/sw/sw.ts to `sw.js` at the root of the build, with its
 * precache list (every emitted file but source maps and the manifest, plus public/, e.g. data/mnist.bin)
 * and a cache version hashed from those files, so each new build replaces the cache.
 */
function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'bn-explorer-sw',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((name) => !name.endsWith('.map') && !name.startsWith('.vite/'));
      const publicFiles = config.publicDir ? filesUnder(config.publicDir) : [];
      const precache = [...new Set(['index.html', ...emitted, ...publicFiles])].filter((name) => name !== 'sw.js').sort();
      const hash = createHash('sha256');
      for (const name of precache) {
        hash.update(name);
        const item = bundle[name];
        if (item) hash.update(item.type === 'chunk' ? item.code : item.source);
        else if (publicFiles.includes(name)) hash.update(readFileSync(join(config.publicDir, name)));
      }
      const source = readFileSync(resolve(config.root, 'src/sw/sw.ts'), 'utf8');
      hash.update(source);
      const { code } = await transform(source, {
        loader: 'ts',
        format: 'iife',
        target: 'es2022',
        minify: true,
        define: { PRECACHE: JSON.stringify(precache), CACHE_VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}

// Relative base so the built app runs from any static host, sub-folder or file share.
export default defineConfig({
  base: './',
  // oembedFiles: oembed/<preset>.json and the discovery link (BN_EXPLORER_URL makes their addresses absolute).
  // securityHeadersPlugin: the policy as headers (dist/_headers, dist/.htaccess, and the preview server), which workers obey.
  plugins: [react(), contentSecurityPolicy(), securityHeadersPlugin(CONTENT_SECURITY_POLICY), oembedFiles(), serviceWorker()],
  worker: { format: 'es' },
  // The manifest lets scripts/budget.ts tell the first-paint chunks from the lazy ones.
  // No source maps unless asked for: SOURCEMAP=1 npm run build.
  build: { target: 'es2022', sourcemap: process.env.SOURCEMAP === '1', manifest: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
