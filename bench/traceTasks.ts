/**
 * Long-task attribution from a Chromium trace (browser.startTracing's JSON): the page's
 * main-thread tasks over a threshold, each with where its time went (self time by event
 * name, e.g. MajorGC, FunctionCall, Paint), so a long task can be blamed on what caused it.
 */
import { readFileSync } from 'node:fs';
import { percentiles } from '../src/experiment/metrics.ts';

/** One trace event, as much of it as the attribution reads. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, in µs: wall time less the time the thread was descheduled. */
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/**
 * A main-thread task over the threshold: its wall and CPU (thread) time, and its self CPU time per
 * event name, in ms, largest first. On a loaded machine wall time includes the time the thread
 * waited for a core; CPU time is what the page itself spent.
 */
export interface AttributedTask {
  startMs: number;
  durationMs: number;
  cpuMs: number;
  selfMs: [string, number][];
}

/** CPU time of an event in µs (its wall time where the trace has no thread clock). */
const cpu = (e: TraceEvent): number => e.tdur ?? e.dur ?? 0;

/** The label of an event in the attribution: its name, with a function or event type where the trace gives one. */
function label(e: TraceEvent): string {
  const data = e.args?.data;
  if (e.name === 'FunctionCall' && data?.functionName) return `FunctionCall ${data.functionName}`;
  if (e.name === 'EventDispatch' && data?.type) return `EventDispatch ${data.type}`;
  return e.name;
}

/**
 * Tasks of the renderer's main thread (CrRendererMain) longer than `thresholdMs` (wall), longest first.
 * Complete events ('X') on one thread nest properly, so a stack gives each one its self time.
 */
export function attributeLongTasks(tracePath: string, thresholdMs = 50): AttributedTask[] {
  const parsed = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const tasks: AttributedTask[] = [];
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const t0 = list.length > 0 ? list[0].ts : 0;
    let current: { task: TraceEvent; self: Map<string, number>; stack: { e: TraceEvent; child: number }[] } | null = null;
    const close = (): void => {
      if (!current) return;
      while (current.stack.length > 0) {
        const top = current.stack.pop() as { e: TraceEvent; child: number };
        const self = cpu(top.e) - top.child;
        current.self.set(label(top.e), (current.self.get(label(top.e)) ?? 0) + self);
      }
      const task = current.task;
      tasks.push({
        startMs: (task.ts - t0) / 1000,
        durationMs: (task.dur ?? 0) / 1000,
        cpuMs: cpu(task) / 1000,
        selfMs: [...current.self].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]),
      });
      current = null;
    };
    for (const e of list) {
      const end = e.ts + (e.dur ?? 0);
      if (current && e.ts >= current.task.ts + (current.task.dur ?? 0)) close();
      if (!current) {
        if ((e.dur ?? 0) / 1000 <= thresholdMs) continue;
        current = { task: e, self: new Map(), stack: [{ e, child: 0 }] };
        continue;
      }
      // Pop what ended before this event starts; their time is their own less their children's.
      while (current.stack.length > 1) {
        const top = current.stack[current.stack.length - 1];
        if (e.ts < top.e.ts + (top.e.dur ?? 0)) break;
        current.stack.pop();
        current.self.set(label(top.e), (current.self.get(label(top.e)) ?? 0) + cpu(top.e) - top.child);
      }
      const parent = current.stack[current.stack.length - 1];
      const clipped = Math.max(0, Math.min(end, parent.e.ts + (parent.e.dur ?? 0)) - e.ts);
      const clippedCpu = e.dur ? (cpu(e) * clipped) / e.dur : 0;
      parent.child += clippedCpu;
      current.stack.push({ e: { ...e, dur: clipped, tdur: clippedCpu }, child: 0 });
    }
    close();
  }
  return tasks.sort((a, b) => b.durationMs - a.durationMs);
}

/** A CDP Profiler.Profile, as much of it as selfTimeByFunction reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function (name, file and line) of a CPU profile, in ms, largest first. */
export function selfTimeByFunction(profile: CpuProfile): [string, number][] {
  const nameOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.slice(url.lastIndexOf('/') + 1) : '';
    nameOf.set(node.id, `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`);
  }
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const name = nameOf.get(samples[i]) ?? '?';
    // Each sample's delta is the time since the previous one: charge it to this sample's function.
    totals.set(name, (totals.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Percentiles of main-thread CPU per task for one kind of task, in ms. */
export interface TaskKindStats {
  kind: string;
  count: number;
  totalMs: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * The kind of a task: 'rendering' when it paints (style, layout, paint: the frame update),
 * 'script' when it runs a function (a React render, a worker message, a timer), else 'other'.
 */
export function taskKind(task: AttributedTask): 'rendering' | 'script' | 'other' {
  if (task.selfMs.some(([name]) => name === 'Paint' || name === 'PrePaint' || name === 'Layout')) return 'rendering';
  if (task.selfMs.some(([name]) => name.startsWith('FunctionCall'))) return 'script';
  return 'other';
}

/** CPU per task by kind (tasks from attributeLongTasks with threshold 0), largest total first. */
export function cpuByKind(tasks: AttributedTask[]): TaskKindStats[] {
  const byKind = new Map<string, number[]>();
  for (const task of tasks) {
    const kind = taskKind(task);
    const list = byKind.get(kind) ?? [];
    list.push(task.cpuMs);
    byKind.set(kind, list);
  }
  return [...byKind].map(([kind, list]) => {
    const [p50, p90, p99, max] = percentiles(list, [50, 90, 99, 100]);
    return { kind, count: list.length, totalMs: list.reduce((a, b) => a + b, 0), p50, p90, p99, max };
  }).sort((a, b) => b.totalMs - a.totalMs);
}
