/**
 * Screenshots of embed mode for looking at (not a test): each view at 320, 360, 640 and 1024 px wide,
 * full page, after --wait seconds of training. Measures each page's scroll height too.
 *   npm run build && npx tsx scripts/embedShots.ts [--wait 8] [--views fig1,all] [--widths 320,360,640,1024] [--query "&theme=dark"] [--dir DIR]
 * Writes DIR/embed-<view>-<width>.png (default test-results/shots/). E2E_DIST serves another build.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const wait = Number(option('wait', '8'));
const views = option('views', 'fig1,all').split(',');
const widths = option('widths', '320,360,640,1024').split(',').map(Number);
const query = option('query', '');
const dir = resolve(option('dir', 'test-results/shots'));
mkdirSync(dir, { recursive: true });

const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const view of views) {
    for (const width of widths) {
      const page = await browser.newPage({ viewport: { width, height: 480 } });
      page.on('pageerror', (e) => console.error(`${view}@${width}: page error ${String(e)}`));
      await page.goto(`${server.url}?embed=1&preset=lr-x30&view=${view}${query}`);
      await page.waitForTimeout(wait * 1000);
      const size = await page.evaluate(() => ({ scroll: document.scrollingElement?.scrollHeight ?? 0, scrollWidth: document.documentElement.scrollWidth }));
      const path = resolve(dir, `embed-${view}-${width}.png`);
      await page.screenshot({ path, fullPage: true });
      console.log(`${path} height ${size.scroll} scrollWidth ${size.scrollWidth}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
