import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputProblem, saveOutput, writeFileAtomic } from '../../src/cli/output.ts';
import type { WriteAll } from '../../src/cli/output.ts';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'bn-out-'));

/** A writer that gets half the text out, then meets a full disk. */
const fullDisk: WriteAll = (fd, text) => {
  writeSync(fd, text.slice(0, text.length >> 1));
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

describe('outputProblem (--out, checked before training)', () => {
  it('accepts a new or existing file in a writable directory, and leaves nothing behind', () => {
    const dir = freshDir();
    expect(outputProblem(join(dir, 'run.json'))).toBeNull();
    writeFileSync(join(dir, 'old.json'), 'good');
    expect(outputProblem(join(dir, 'old.json'))).toBeNull();
    expect(readdirSync(dir)).toEqual(['old.json']);
  });

  it('names the path and what is wrong with it, in one line', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'file'), '');
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const cases: [string, string][] = [
      ['/nonexistent/dir/x.json', '--out "/nonexistent/dir/x.json": the directory "/nonexistent/dir" does not exist'],
      [join(dir, 'sub'), `--out "${join(dir, 'sub')}" is a directory; give a file name`],
      [`${join(dir, 'new')}/`, `--out "${join(dir, 'new')}/" is a directory; give a file name`],
      [join(dir, 'file', 'x.json'), `--out "${join(dir, 'file', 'x.json')}": "${join(dir, 'file')}" is not a directory`],
      [join(dir, 'fifo'), `--out "${join(dir, 'fifo')}" is not a regular file (a device, pipe or socket); leave out --out to write to stdout`],
    ];
    for (const [path, message] of cases) expect(outputProblem(path), path).toBe(message);
    for (const path of ['/dev/full', '/proc/x', '/dev/stdout', '/sys/x']) {
      expect(outputProblem(path)).toBe(`--out "${path}" is under /dev, /proc or /sys, where no output file can go; leave out --out to write to stdout`);
    }
    expect(readdirSync(dir).sort()).toEqual(['fifo', 'file', 'sub']);
  });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one whole, keeping its permissions', () => {
    const dir = freshDir();
    const path = join(dir, 'run.json');
    writeFileAtomic(path, '{"a":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    chmodSync(path, 0o600);
    writeFileAtomic(path, '{"b":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"b":2}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['run.json']);
    // The temporary name stays within the file system's 255 bytes for the longest names.
    const long = join(dir, `${'x'.repeat(250)}.json`);
    expect(outputProblem(long)).toBeNull();
    writeFileAtomic(long, 'long');
    expect(readFileSync(long, 'utf8')).toBe('long');
    expect(outputProblem(join(dir, `${'x'.repeat(300)}.json`))).toMatch(/^--out ".*cannot be checked: name too long \(ENAMETOOLONG\)$/);
  });

  it('writes through a symlink to the file it points to', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json']);
  });

  it('leaves the previous file as it was when the write fails (a full disk), and no temporary file', () => {
    const dir = freshDir();
    const path = join(dir, 'run.json');
    writeFileSync(path, '{"good":true}');
    expect(() => writeFileAtomic(path, '{"new":"x".repeat(100)}', fullDisk))
      .toThrow(`could not write "${path}": no space left on the device (ENOSPC); the previous file is unchanged`);
    expect(readFileSync(path, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(dir)).toEqual(['run.json']);
    expect(() => writeFileAtomic(join(dir, 'new.json'), 'text', fullDisk)).toThrow(/; no file was made$/);
    expect(readdirSync(dir)).toEqual(['run.json']);
  });
});

describe('saveOutput', () => {
  it('saves finished work in the temp directory when --out fails, and says where', () => {
    const dir = freshDir();
    const rescueDir = freshDir();
    const path = join(dir, 'run.json');
    writeFileSync(path, 'good');
    const saved = saveOutput(path, 'finished work', fullDisk, rescueDir);
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.message).toMatch(/^could not write ".*run\.json": no space left on the device \(ENOSPC\); the previous file is unchanged; the output is saved in .*run\.json instead$/);
    const [rescued] = readdirSync(rescueDir);
    expect(saved.message).toContain(join(rescueDir, rescued));
    expect(readFileSync(join(rescueDir, rescued), 'utf8')).toBe('finished work');
    expect(readFileSync(path, 'utf8')).toBe('good');
    expect(saveOutput(path, 'next')).toEqual({ ok: true });
    expect(readFileSync(path, 'utf8')).toBe('next');
  });
});
