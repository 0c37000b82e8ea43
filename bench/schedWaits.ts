/**
 * Why a page's main thread was off its core: reads a Linux ftrace text dump of sched_switch and
 * sched_wakeup events and prints, for one thread, its off-CPU intervals grouped by how it left
 * (R: preempted while runnable, S: asleep, waiting for something) and, for sleeps, which thread
 * woke it. A long task whose CPU time is short either waited runnable (the cores were taken) or
 * slept (it waited on another thread: the compositor's commit, GC helpers); this tells which.
 *
 * Record (root, tracefs), while `bench:ui` runs:
 *   cd /sys/kernel/tracing && echo 'sched:sched_switch sched:sched_wakeup' > set_event
 *   echo 1 > tracing_on; sleep 20; echo 0 > tracing_on; cat trace > /tmp/ftrace.txt
 * then: npx tsx bench/schedWaits.ts /tmp/ftrace.txt <renderer main thread id> [thread names file: "tid name" lines]
 */
import { readFileSync } from 'node:fs';
import { percentiles } from '../src/experiment/metrics.ts';

const SWITCH = /\s(\d+\.\d+): sched_switch: prev_comm=.*? prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=.*? next_pid=(\d+)/;
const WAKEUP = /^\s*.+?-(\d+)\s+\[\d+\].*?\s\d+\.\d+: sched_wakeup: comm=.*? pid=(\d+) /;

/** Off-CPU intervals of `tid` in ms, keyed by "state" or "state, woken by <tid>". */
export function offCpuWaits(trace: string, tid: string): Map<string, number[]> {
  const waits = new Map<string, number[]>();
  let leftAt: number | null = null;
  let state = '';
  let waker: string | null = null;
  for (const line of trace.split('\n')) {
    const switched = SWITCH.exec(line);
    if (switched) {
      const [, ts, prev, prevState, next] = switched;
      if (prev === tid) {
        leftAt = Number(ts);
        state = prevState;
        waker = null;
      }
      if (next === tid && leftAt !== null) {
        const key = waker ? `${state}, woken by ${waker}` : state;
        const list = waits.get(key) ?? [];
        list.push((Number(ts) - leftAt) * 1000);
        waits.set(key, list);
        leftAt = null;
      }
      continue;
    }
    const woke = WAKEUP.exec(line);
    if (woke && woke[2] === tid && leftAt !== null) waker = woke[1];
  }
  return waits;
}

function main(): void {
  const [tracePath, tid, namesPath] = process.argv.slice(2);
  if (!tracePath || !tid) {
    console.error('usage: npx tsx bench/schedWaits.ts <ftrace text> <thread id> [names file]');
    process.exit(2);
  }
  const names = new Map<string, string>();
  if (namesPath) {
    for (const line of readFileSync(namesPath, 'utf8').split('\n')) {
      const [id, ...name] = line.trim().split(' ');
      if (id) names.set(id, name.join(' '));
    }
  }
  const waits = offCpuWaits(readFileSync(tracePath, 'utf8'), tid);
  const rows = [...waits].sort((a, b) => b[1].length - a[1].length).slice(0, 12);
  console.log('| left the core | count | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|');
  for (const [key, list] of rows) {
    const [p50, p99, max] = percentiles(list, [50, 99, 100]).map((ms) => ms.toFixed(1));
    const label = key.replace(/woken by (\d+)/, (_, id: string) => `woken by ${names.get(id) ?? id} (${id})`);
    console.log(`| ${label} | ${list.length} | ${p50} | ${p99} | ${max} |`);
  }
}

if (process.argv[1]?.endsWith('schedWaits.ts')) main();
