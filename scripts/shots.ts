/**
 * Screenshots of the built app for looking at (not a test): every preset, or those named,
 * at 1440x900 and 390x844, light (and dark with --dark), after --wait seconds of training.
 *   npm run build && npx tsx scripts/shots.ts [--wait 15] [--preset spiral,...] [--size 1440x900] [--query "&x=1"] [--dir DIR] [--full]
 * Writes DIR/<preset>-<w>x<h>[-dark].png (default test-results/shots/).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness.ts';
import { PRESETS } from '../src/experiment/presets.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const wait = Number(option('wait', '15'));
const presets = option('preset', PRESETS.map((p) => p.id).join(',')).split(',');
const sizes = option('size', '1440x900,390x844').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const dir = resolve(option('dir', 'test-results/shots'));
const query = option('query', '');
const themes = process.argv.includes('--dark') ? ['light', 'dark'] : ['light'];
const full = process.argv.includes('--full');
mkdirSync(dir, { recursive: true });

const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const preset of presets) {
    for (const [width, height] of sizes) {
      for (const theme of themes) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme === 'dark' ? 'dark' : 'light' });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`${preset}: page error ${String(e)}`));
        await page.goto(`${server.url}?preset=${preset}${query}`);
        await page.waitForTimeout(wait * 1000);
        const path = resolve(dir, `${preset}-${width}x${height}${theme === 'dark' ? '-dark' : ''}.png`);
        await page.screenshot({ path, fullPage: full });
        console.log(path);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
