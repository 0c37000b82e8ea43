/**
 * Size budgets of a built app: the JS each page loads before its first paint (gzip), all JS, and
 * the MNIST data file. `npx tsx scripts/budget.ts [distDir]` prints the table and exits 1 when a
 * budget is over; test/e2e/budget.e2e.ts runs the same function on the build it serves.
 *
 * "Before first paint" is the entry chunk and its static imports, plus the page's own root view
 * (src/components/App.tsx or src/embed/EmbedApp.tsx) and its static imports when main.tsx loads it
 * with a dynamic import; other lazy chunks and the training worker are not counted there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** One chunk of Vite's build manifest (`build.manifest: true` writes dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** One measured figure against its limit (limit null: reported only). */
export interface BudgetRow {
  name: string;
  /** Bytes as the budget counts them: gzip for JS, file size for the (already gzip-compressed) MNIST file. */
  bytes: number;
  limit: number | null;
  files: string[];
}

/** The budgets of issue #6, in bytes (1 KB = 1024 bytes). */
export const BUDGETS = {
  embedJs: 120 * 1024,
  mainJs: 150 * 1024,
  mnist: 2 * 1024 * 1024,
} as const;

/** Source paths of the root views main.tsx may load lazily. */
const MAIN_VIEW = 'src/components/App.tsx';
const EMBED_VIEW = 'src/embed/EmbedApp.tsx';

/** gzip size at level 9, as Vite and bench/ui.bench.ts report it. */
export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function readManifest(distDir: string): Record<string, ManifestChunk> | null {
  const path = join(distDir, '.vite', 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>) : null;
}

/** The JS files of `key` and, transitively, of its static imports. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Without a manifest: the module scripts and modulepreloads of index.html. */
function htmlScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(files)];
}

function allJs(distDir: string): string[] {
  const dir = join(distDir, 'assets');
  return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`).sort();
}

function jsRow(distDir: string, name: string, files: Iterable<string>, limit: number | null): BudgetRow {
  const list = [...files].sort();
  return { name, bytes: list.reduce((sum, f) => sum + gzipBytes(join(distDir, f)), 0), limit, files: list };
}

/** Measure every budget of the build in `distDir`. */
export function measureBudgets(distDir: string): BudgetRow[] {
  const dir = resolve(distDir);
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: build the app first (npx vite build --outDir ${distDir})`);
  const manifest = readManifest(dir);
  let main: Set<string>;
  let embed: Set<string>;
  if (manifest) {
    const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
    if (!entry) throw new Error(`${dir}/.vite/manifest.json has no entry chunk`);
    const entryFiles = staticClosure(manifest, entry);
    main = staticClosure(manifest, MAIN_VIEW, new Set(entryFiles));
    embed = staticClosure(manifest, EMBED_VIEW, new Set(entryFiles));
  } else {
    main = new Set(htmlScripts(dir));
    embed = main;
  }
  const js = allJs(dir);
  const workers = js.filter((f) => /\.worker-[^/]*\.js$/.test(f));
  const mnistPath = join(dir, 'data', 'mnist.bin');
  return [
    jsRow(dir, 'embed page JS before first paint (gzip)', embed, BUDGETS.embedJs),
    jsRow(dir, 'main page JS before first paint (gzip)', main, BUDGETS.mainJs),
    jsRow(dir, 'all page JS, lazy chunks included (gzip)', js.filter((f) => !workers.includes(f)), null),
    jsRow(dir, 'training worker JS (gzip)', workers, null),
    { name: 'MNIST data file (gzip inside, served as is)', bytes: existsSync(mnistPath) ? statSync(mnistPath).size : 0, limit: BUDGETS.mnist, files: ['data/mnist.bin'] },
  ];
}

/** The rows that are over their limit. */
export function overBudget(rows: readonly BudgetRow[]): BudgetRow[] {
  return rows.filter((row) => row.limit !== null && row.bytes > row.limit);
}

/** A markdown table of the rows. */
export function formatBudgets(rows: readonly BudgetRow[]): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = ['| figure | size | budget | files |', '|---|---:|---:|---:|'];
  for (const row of rows) {
    const verdict = row.limit === null ? '' : row.bytes > row.limit ? ' OVER' : ' ok';
    lines.push(`| ${row.name} | ${kb(row.bytes)} | ${row.limit === null ? '' : kb(row.limit)}${verdict} | ${row.files.length} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = measureBudgets(process.argv[2] ?? 'dist');
  console.log(formatBudgets(rows));
  const over = overBudget(rows);
  if (over.length > 0) {
    console.error(`over budget: ${over.map((row) => row.name).join(', ')}`);
    process.exit(1);
  }
}
