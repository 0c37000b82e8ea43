import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Code that turns text into code: what a strict script-src forbids, and what an injected link could feed. */
const TEXT_TO_CODE: [string, RegExp][] = [
  ['eval(', /(^|[^.\w$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(', /(^|[^.\w$])Function\s*\(/],
  ['setTimeout/setInterval with a string', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ['innerHTML / outerHTML / insertAdjacentHTML', /\b(innerHTML|outerHTML|insertAdjacentHTML)\b/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['document.write', /\bdocument\.write(ln)?\s*\(/],
];

describe('the app source', () => {
  const files = sourceFiles(join(root, 'src'));

  it('is found (the scan looks at something)', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith('main.tsx'))).toBe(true);
  });

  it('never turns text into code: no eval(, new Function or HTML strings', () => {
    const hits: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const [name, pattern] of TEXT_TO_CODE) {
          if (pattern.test(line)) hits.push(`${relative(root, file)}:${i + 1}: ${name}: ${line.trim()}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });

  it('has patterns that do catch what they look for', () => {
    const caught = (line: string) => TEXT_TO_CODE.filter(([, p]) => p.test(line)).map(([name]) => name);
    expect(caught('const f = eval("1");')).toEqual(['eval(']);
    expect(caught('return new Function("a", "return a");')).toEqual(['new Function', 'Function(']);
    expect(caught('setTimeout("alert(1)", 0)')).toEqual(['setTimeout/setInterval with a string']);
    expect(caught('el.innerHTML = text;')).toEqual(['innerHTML / outerHTML / insertAdjacentHTML']);
    expect(caught('network.evaluate(data.test); session.eval(x)')).toEqual([]);
  });
});
