/**
 * No call spreads an array that grows with the data: `Math.min(...values)`, `push(...rows)` and
 * the like pass every element as an argument and throw "Maximum call stack size exceeded" above
 * about 125k elements (a long run). The few spreads left are over lists with a small fixed bound,
 * each listed below with its bound; a new one fails here until it is a loop, a d3-array min / max /
 * extent, or bounded and listed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** A call of a function that takes its arguments one by one, with a spread among them (one level of nested parentheses). */
const SPREAD_CALL = /(\bMath\.(min|max|hypot)|\.(push|unshift|splice)|\bfromCharCode|\bfromCodePoint|\.apply)\s*\((?:[^()]|\([^()]*\))*\.\.\./;

/** [file, code on the line, bound]: spreads over lists that cannot grow with the data. */
const BOUNDED: [string, string, string][] = [
  ['src/components/presentation/narration.ts', 'Math.min(...history.networks.map(', 'networks: at most 3'],
  ['src/engine/network.ts', 'Math.max(...config.layers)', 'layer sizes: depth at most 10, plus input and output'],
  ['src/engine/wasm/selectKernels.ts', 'Math.max(...layers)', 'layer sizes'],
  ['src/worker/pool.ts', 'Math.min(...running.map(', 'pool members: one per network'],
  ['src/worker/pool.ts', 'Math.max(...frames.map(', 'frames of a snapshot: one per network'],
  ['src/worker/progress.ts', 'Math.min(...steps)', 'pool members'],
  ['src/worker/progress.ts', 'Math.min(...active.map(', 'pool members'],
  ['src/export/csv.ts', 'Math.max(0, ...networksOf(file)', 'networks: at most 3'],
  ['src/export/savedRun.ts', 'Math.max(0, ...networksOf(run)', 'networks: at most 3'],
  ['src/url/codec.ts', 'errors.push(...checked.errors)', 'at most one error per setting'],
  ['src/export/png.ts', 'String.fromCharCode(...bytes.subarray(i, i + 0x8000))', 'chunks of 32,768 bytes'],
  ['src/charts/Axis.tsx', 'Math.min(...range), Math.max(...range)', 'a scale\'s range: its two ends'],
  ['src/charts/ticks.ts', 'Math.min(...finite)', 'an axis domain (spanOf): its ends'],
  ['src/charts/ticks.ts', 'Math.max(...finite)', 'an axis domain (spanOf): its ends'],
  ['src/charts/ticks.ts', 'Math.max(...scaled.map(Math.abs))', 'an axis\'s tick values: about ten'],
];

describe('the app source', () => {
  it('spreads no data-sized array into a call\'s arguments', () => {
    const hits: string[] = [];
    for (const file of sourceFiles(join(root, 'src'))) {
      const name = relative(root, file).split('\\').join('/');
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\/\*|\*)/.test(line) || !SPREAD_CALL.test(line)) return;
        if (BOUNDED.some(([where, code]) => where === name && line.includes(code))) return;
        hits.push(`${name}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('has a pattern that catches what it looks for', () => {
    for (const line of ['Math.min(...all)', 'const hi = Math.max(1, ...xs.map((x) => f(x)));', 'lines.push(...rowsOf(id, run, depth));', 'String.fromCharCode(...bytes)']) {
      expect(SPREAD_CALL.test(line), line).toBe(true);
    }
    for (const line of ['const all = [...a, ...b];', 'Math.max(1, max(xs) ?? 0)', 'f({ ...state })', 'lines.push(row); g(...args)']) {
      expect(SPREAD_CALL.test(line), line).toBe(false);
    }
  });
});
