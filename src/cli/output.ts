/**
 * The CLIs' `--out` file. It is checked before any training, so a path that cannot be written
 * costs nothing (exit 2, one line naming it), and written through a temporary file in the same
 * directory renamed over it, so a failed write (a full disk) never leaves a broken file where a
 * good one was. If the write fails after all, the output is saved in the temp directory instead.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { quoteForMessage } from '../experiment/validate.ts';

/** Writes all of `text` to the open file `fd` (the default: writeFileSync on the descriptor). */
export type WriteAll = (fd: number, text: string) => void;

const writeAll: WriteAll = (fd, text) => writeFileSync(fd, text);

/** Plain words for the errors a file write meets. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ENOENT: 'no new files can be made there',
  ENAMETOOLONG: 'name too long',
};

/** The error's code in words ("no space left on the device (ENOSPC)"), else its message. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  return error instanceof Error ? error.message : String(error);
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** Where `path` really writes: the file a symlink points to, else the path made absolute. */
function targetOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A fresh name next to `target` for the file written before the rename (short enough for any name `target` may have). */
function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target).slice(0, 100)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** statSync, or null when nothing is there (also when a parent is not a directory). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Device and kernel file systems (not /dev/shm, a plain tmpfs): nothing to rename over there, and
 * /dev/stdout leads (through /proc/self/fd) to whatever stdout is, which a rename must not replace.
 */
const SYSTEM_DIRS = /^\/(dev(?!\/shm(\/|$))|proc|sys)(\/|$)/;

/**
 * Why `path` cannot take the output, as one line naming it, or null when it can: its directory
 * must exist and let us create a file (checked by creating and removing an empty one), and the
 * path must not be a directory, device, pipe, socket or system file. Run it before training.
 */
export function outputProblem(path: string, option = '--out'): string | null {
  const shown = `${option} ${quoteForMessage(path)}`;
  if (/[\\/]$/.test(path)) return `${shown} is a directory; give a file name`;
  if (SYSTEM_DIRS.test(resolve(path))) return `${shown} is under /dev, /proc or /sys, where no output file can go; leave out ${option} to write to stdout`;
  const notRegular = `${shown} is not a regular file (a device, pipe or socket); leave out ${option} to write to stdout`;
  const target = targetOf(path);
  const dir = dirname(target);
  try {
    const stats = statOrNull(target);
    if (stats?.isDirectory()) return `${shown} is a directory; give a file name`;
    if (stats && !stats.isFile()) return notRegular;
    const dirStats = statOrNull(dir);
    if (!dirStats) return `${shown}: the directory ${quoteForMessage(dir)} does not exist`;
    if (!dirStats.isDirectory()) return `${shown}: ${quoteForMessage(dir)} is not a directory`;
  } catch (error) {
    return `${shown} cannot be checked: ${reasonOf(error)}`;
  }
  const probe = tempNameFor(target);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    return `${shown}: cannot create a file in ${quoteForMessage(dir)}: ${reasonOf(error)}`;
  }
  return null;
}

/**
 * Write `text` to `path`: into a new file next to it, flushed, then renamed over it (keeping an
 * existing file's permissions). On failure the temporary file is removed, `path` is as it was,
 * and the Error says so.
 */
export function writeFileAtomic(path: string, text: string, write: WriteAll = writeAll): void {
  const target = targetOf(path);
  const temp = tempNameFor(target);
  const existing = statOrNull(target);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx');
    if (existing) fchmodSync(fd, existing.mode & 0o7777);
    write(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) closeQuietly(fd);
    removeQuietly(temp);
    const kept = existing ? 'the previous file is unchanged' : 'no file was made';
    throw new Error(`could not write ${quoteForMessage(path)}: ${reasonOf(error)}; ${kept}`, { cause: error });
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one to report.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never made, or already gone.
  }
}

/** The outcome of saveOutput: written, or one line saying what happened and where the output is. */
export type SaveResult = { ok: true } | { ok: false; message: string };

/**
 * Write finished work to `path` (writeFileAtomic). If that fails, save it in the system's temp
 * directory instead and say where, so hours of training are not lost to a full disk.
 */
export function saveOutput(path: string, text: string, write: WriteAll = writeAll, rescueDir = tmpdir()): SaveResult {
  try {
    writeFileAtomic(path, text, write);
    return { ok: true };
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    const rescue = join(rescueDir, `experiment-${Date.now()}-${process.pid}-${basename(targetOf(path))}`);
    try {
      writeFileAtomic(rescue, text);
      return { ok: false, message: `${failed}; the output is saved in ${rescue} instead` };
    } catch (second) {
      return { ok: false, message: `${failed}; saving it in ${rescueDir} failed too (${reasonOf((second as { cause?: unknown }).cause ?? second)})` };
    }
  }
}
