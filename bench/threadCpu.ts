/**
 * CPU per Chromium thread over a window (`bench:ui --threads`, Linux only): reads /proc before and
 * after, sums by process type and thread name (the two training workers are both "DedicatedWorker"
 * and are listed one by one), as a share of one core. Shows who has the cores while the page trains:
 * the workers, the renderer's main thread, its compositor and raster/GC pool, the display compositor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One thread's name, its process's Chromium type, and its CPU ticks so far. */
interface ThreadTicks {
  key: string;
  ticks: number;
}

/** Chromium's threads now: key "process type / thread name", ticks of user + system time. */
export function chromiumThreads(): Map<string, ThreadTicks> | null {
  if (!existsSync('/proc/self/task')) return null;
  const threads = new Map<string, ThreadTicks>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // gone, or not ours to read
    }
    if (!/chrom/i.test(cmd.split(' ')[0] ?? '')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // Fields after the name: state is the 3rd field of stat; utime and stime are the 14th and 15th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const key = `${type} / ${name}${name === 'DedicatedWorker' ? ` ${tid}` : ''}`;
        threads.set(`${pid}:${tid}`, { key, ticks });
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return threads;
}

/** Share of one core each thread kind used between two readings `seconds` apart, largest first (ticks at 100 Hz). */
export function threadShares(before: Map<string, ThreadTicks>, after: Map<string, ThreadTicks>, seconds: number, ticksPerSecond = 100): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, now] of after) {
    const used = now.ticks - (before.get(id)?.ticks ?? 0);
    sums.set(now.key, (sums.get(now.key) ?? 0) + used / ticksPerSecond / seconds);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}
