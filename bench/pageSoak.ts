/**
 * Browser heap soak (`npm run soak:page`): the built app's paper preset (paper-fig1) training in
 * headless Chromium (--enable-precise-memory-info, --js-flags=--expose-gc) for N minutes. Every
 * 30 s it forces a full GC (CDP HeapProfiler.collectGarbage, then window.gc) and reads the page's
 * heap used (CDP Runtime.getHeapUsage, and performance.memory.usedJSHeapSize beside it), three times
 * 250 ms apart, and keeps the smallest (heapAfterGc says why; the largest is printed beside it), with the
 * step the counter shows and the snapshots the slowest training worker has posted (the history keeps
 * DEFAULT_HISTORY_CAPS.snapshots a network, then evicts one per new one: until then it grows by design). Prints the table and the verdict: heap after GC flat within 2 MB after
 * the first 2 minutes, or not.
 * Options: --minutes N (default 30), --every S (seconds between samples, default 30), --readings N (per sample, default 3; 1: a single reading),
 * --query "preset=..." (default preset=paper-fig1&maxSteps=10000000),
 * --snapshots (a heap snapshot at 2 minutes and at the end: prints the object kinds that grew most between them),
 * --kinds (a heap snapshot at every sample after 2 minutes: prints the object kinds whose total size varies most between samples,
 * which is what makes the heap jitter rather than grow).
 * Serves E2E_DIST when set (a build made with `vite build --outDir <dir>`), else dist/ (`npm run build` first).
 * Exit code 0 whatever the verdict: it measures, it does not gate.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, serveDist, shownStep } from '../test/e2e/harness.ts';
import { DEFAULT_HISTORY_CAPS } from '../src/store/history.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const MINUTES = Number(arg('minutes', '30'));
const EVERY_S = Number(arg('every', '30'));
// The preset stops at step 50,000: without a higher stop the soak would measure an idle page.
const QUERY = arg('query', 'preset=paper-fig1&maxSteps=10000000');
const SNAPSHOTS = process.argv.includes('--snapshots');
const KINDS = process.argv.includes('--kinds');
/** The verdict's terms: samples from this minute on must lie within this many MB of each other. */
const WARMUP_MIN = 2;
const FLAT_MB = 2;
/** Readings per sample (each after a full GC) and the pause between them: the sample is their smallest. */
const READINGS = Number(arg('readings', '3'));
const READING_GAP_MS = 250;

if (!(MINUTES > 0) || !(EVERY_S > 0) || !(READINGS >= 1)) throw new Error('--minutes, --every and --readings must be positive numbers');

const MB = 1024 * 1024;
/** The history's cap: until every network has sent this many, the heap includes the history filling up. */
const HISTORY_CAP = DEFAULT_HISTORY_CAPS.snapshots;

/** Counts the snapshots each training worker posts (one worker per network), without touching the app. Plain JS text. */
const COUNT_SNAPSHOTS = `
  window.__soakSnapshots = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (!/training\\.worker/.test(String(url))) return;
      const slot = window.__soakSnapshots.push(0) - 1;
      this.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'snapshot') window.__soakSnapshots[slot]++;
      });
    }
  };
`;

interface Sample {
  seconds: number;
  step: number;
  /** Snapshots posted by the training worker that has sent fewest (each network's history keeps up to HISTORY_CAP). */
  snapshots: number;
  /** Runtime.getHeapUsage's usedSize after a forced GC, bytes: the smallest of the sample's readings. */
  used: number;
  /** The largest of the sample's readings (a GC that landed while a task held transient objects), bytes. */
  usedMax: number;
  /** performance.memory.usedJSHeapSize after the forced GC (precise with --enable-precise-memory-info), bytes. */
  memory: number;
}

/** One reading: a full GC (CDP, then window.gc from --expose-gc for what the first freed late), then the heap used. */
async function readAfterGc(page: Page, cdp: CDPSession): Promise<{ used: number; memory: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate('typeof window.gc === "function" ? window.gc() : undefined');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const memory = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0')) as number;
  return { used: usedSize, memory };
}

/**
 * The heap the page retains: the smallest of READINGS readings, each after a full GC, READING_GAP_MS apart.
 * A single reading also counts what the task running at that moment holds (a chart being drawn, a batch
 * of worker messages being merged): up to 2 MB on the paper preset, gone a moment later. Those transients
 * are not retained memory, and the smallest of three is the page's floor at that time. The largest reading
 * is kept too (the table prints both), so a transient is seen rather than hidden.
 */
async function heapAfterGc(page: Page, cdp: CDPSession): Promise<{ used: number; memory: number; usedMax: number }> {
  const readings: { used: number; memory: number }[] = [];
  for (let i = 0; i < READINGS; i++) {
    if (i > 0) await page.waitForTimeout(READING_GAP_MS);
    readings.push(await readAfterGc(page, cdp));
  }
  const floor = readings.reduce((a, b) => (b.used < a.used ? b : a));
  return { ...floor, usedMax: Math.max(...readings.map((r) => r.used)) };
}

/** A heap snapshot as V8 writes it (the fields this script reads). */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

async function takeSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }): void => void chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}

/** Reads a snapshot's nodes: kind (type and, for objects, constructor name), id, size, and first strong retainer. */
function snapshotReader(snapshot: HeapSnapshot) {
  const { node_fields: fields, node_types: [types], edge_fields: edgeFields, edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const [typeAt, nameAt, idAt, sizeAt, edgeCountAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => fields.indexOf(f));
  const [edgeTypeAt, edgeNameAt, edgeToAt] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / fields.length;
  const type = (n: number): string => types[nodes[n * fields.length + typeAt]];
  // Strings and code by their type only: their "names" are their contents.
  const kind = (n: number): string => {
    const t = type(n);
    return t === 'object' || t === 'native' || t === 'closure' ? `${t} ${strings[nodes[n * fields.length + nameAt]]}` : t;
  };
  // First retainer of each node over a strong edge (weak edges and the snapshot's synthetic roots skipped).
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge = new Array<string>(count);
  for (let n = 0, e = 0; n < count; n++) {
    const edgeCount = nodes[n * fields.length + edgeCountAt];
    for (let k = 0; k < edgeCount; k++, e += edgeFields.length) {
      const edgeType = edgeTypes[edges[e + edgeTypeAt]];
      if (edgeType === 'weak' || edgeType === 'shortcut') continue;
      const to = edges[e + edgeToAt] / fields.length;
      if (retainer[to] >= 0) continue;
      retainer[to] = n;
      const name = edges[e + edgeNameAt];
      retainerEdge[to] = edgeType === 'element' || edgeType === 'hidden' ? `[${name}]` : String(strings[name]);
    }
  }
  return {
    count,
    kind,
    id: (n: number): number => nodes[n * fields.length + idAt],
    size: (n: number): number => nodes[n * fields.length + sizeAt],
    /** The chain of retainers of `n`, past strings and arrays' internals, `depth` steps up. */
    path: (n: number, depth: number): string => {
      const parts: string[] = [];
      for (let at = n, steps = 0; steps < 40 && parts.length < depth && retainer[at] >= 0; steps++) {
        const edge = retainerEdge[at];
        at = retainer[at];
        const k = kind(at);
        if (/string$/.test(k) || k === 'array' || k === 'hidden') continue;
        parts.push(`${edge} <- ${k.slice(0, 40)}`);
      }
      return parts.join(' | ');
    },
  };
}

/** Count and self size per object kind, and the node ids (stable across one session's snapshots). */
type HeapSummary = { kinds: Map<string, { count: number; size: number }>; ids: Set<number> };

async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const read = snapshotReader(await takeSnapshot(cdp));
  const kinds: HeapSummary['kinds'] = new Map();
  const ids = new Set<number>();
  for (let n = 0; n < read.count; n++) {
    ids.add(read.id(n));
    const entry = kinds.get(read.kind(n)) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += read.size(n);
    kinds.set(read.kind(n), entry);
  }
  return { kinds, ids };
}

/** The kinds that grew most between `before` and the heap now, and what holds their new objects. */
async function printGrowth(before: HeapSummary, cdp: CDPSession): Promise<void> {
  const read = snapshotReader(await takeSnapshot(cdp));
  const kinds = new Map<string, { count: number; size: number; paths: Map<string, number> }>();
  for (let n = 0; n < read.count; n++) {
    if (before.ids.has(read.id(n))) continue;
    const entry = kinds.get(read.kind(n)) ?? { count: 0, size: 0, paths: new Map() };
    entry.count += 1;
    entry.size += read.size(n);
    const path = read.path(n, 4);
    entry.paths.set(path, (entry.paths.get(path) ?? 0) + 1);
    kinds.set(read.kind(n), entry);
  }
  const rows = [...kinds].map(([name, grown]) => ({ name, grown, was: before.kinds.get(name) ?? { count: 0, size: 0 } }));
  console.log('\nobjects allocated since the first snapshot and still alive, by kind (count, self size; the kind\'s total at the first snapshot),');
  console.log('with the retainer chains holding most of them:');
  for (const r of rows.sort((x, y) => y.grown.size - x.grown.size).slice(0, 10)) {
    console.log(`  ${r.name.slice(0, 50).padEnd(50)} ${String(r.grown.count).padStart(8)} ${(r.grown.size / 1024).toFixed(1).padStart(9)} KB  (was ${r.was.count}, ${(r.was.size / 1024).toFixed(1)} KB)`);
    for (const [path, n] of [...r.grown.paths].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`      ${String(n).padStart(7)}  ${path}`);
  }
}

/** The kinds whose total self size differs most between the samples: each one's total and count at every sample. */
function printVariation(samples: { seconds: number; used: number; kinds: HeapSummary['kinds'] }[]): void {
  const names = new Set(samples.flatMap((s) => [...s.kinds.keys()]));
  const rows = [...names].map((name) => {
    const sizes = samples.map((s) => s.kinds.get(name)?.size ?? 0);
    const counts = samples.map((s) => s.kinds.get(name)?.count ?? 0);
    return { name, sizes, counts, range: Math.max(...sizes) - Math.min(...sizes) };
  });
  console.log('\nobject kinds whose total self size varies most between the samples after the warm-up (KB at each sample; count in brackets):');
  console.log(`  ${'heap used (MB)'.padEnd(40)} ${samples.map((s) => (s.used / MB).toFixed(2).padStart(9)).join(' ')}`);
  for (const r of rows.sort((a, b) => b.range - a.range).slice(0, 12)) {
    console.log(`  ${r.name.slice(0, 40).padEnd(40)} ${r.sizes.map((v) => (v / 1024).toFixed(0).padStart(9)).join(' ')}`);
    console.log(`  ${''.padEnd(40)} ${r.counts.map((v) => `[${v}]`.padStart(9)).join(' ')}`);
  }
}

async function main(): Promise<void> {
  process.env.CHROMIUM_EXTRA_ARGS = [process.env.CHROMIUM_EXTRA_ARGS ?? '', '--enable-precise-memory-info', '--js-flags=--expose-gc'].join(' ').trim();
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    console.log(`page soak: ?${QUERY} for ${MINUTES} min, heap after forced GC every ${EVERY_S} s (${server.url})`);
    await page.addInitScript({ content: COUNT_SNAPSHOTS });
    await page.goto(`${server.url}?${QUERY}`);
    const t0 = Date.now();
    const samples: Sample[] = [];
    let early: HeapSummary | null = null;
    const kindSamples: { seconds: number; used: number; kinds: HeapSummary['kinds'] }[] = [];
    console.log(`   time     step snapshots  heap used (CDP; least of ${READINGS} GCs)  most of them   performance.memory`);
    for (let k = 1; k * EVERY_S <= MINUTES * 60; k++) {
      const wait = t0 + k * EVERY_S * 1000 - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
      const step = await shownStep(page);
      const posted = (await page.evaluate('window.__soakSnapshots.slice()')) as number[];
      const snapshots = posted.length > 0 ? Math.min(...posted) : 0;
      const heap = await heapAfterGc(page, cdp);
      const sample = { seconds: Math.round((Date.now() - t0) / 1000), step, snapshots, ...heap };
      samples.push(sample);
      console.log(`${String(sample.seconds).padStart(6)} s ${String(step).padStart(8)} ${String(snapshots).padStart(9)} ${(heap.used / MB).toFixed(2).padStart(28)} MB ${(heap.usedMax / MB).toFixed(2).padStart(10)} MB ${(heap.memory / MB).toFixed(2).padStart(15)} MB`);
      if (SNAPSHOTS && !early && sample.seconds >= WARMUP_MIN * 60) early = await heapSummary(cdp);
      if (KINDS && sample.seconds >= WARMUP_MIN * 60) kindSamples.push({ seconds: sample.seconds, used: sample.used, kinds: (await heapSummary(cdp)).kinds });
    }
    const settled = samples.filter((s) => s.seconds >= WARMUP_MIN * 60);
    const last = samples[samples.length - 1];
    if (settled.length < 2) {
      console.log(`\nverdict: too short to judge (needs two samples after the first ${WARMUP_MIN} minutes)`);
    } else {
      const used = settled.map((s) => s.used);
      const spread = (used.reduce((a, b) => Math.max(a, b), -Infinity) - used.reduce((a, b) => Math.min(a, b), Infinity)) / MB;
      const drift = (settled[settled.length - 1].used - settled[0].used) / MB;
      const minutes = (settled[settled.length - 1].seconds - settled[0].seconds) / 60;
      const flat = spread <= FLAT_MB;
      console.log(`\nverdict: heap after GC ${flat ? '' : 'NOT '}flat within ${FLAT_MB} MB after the first ${WARMUP_MIN} minutes` +
        ` (range ${spread.toFixed(2)} MB, ${drift >= 0 ? '+' : ''}${drift.toFixed(2)} MB from ${settled[0].seconds} s to ${last.seconds} s, ${(drift / minutes).toFixed(3)} MB/min);` +
        ` ${last.step.toLocaleString('en-US')} steps reached in ${(last.seconds / 60).toFixed(1)} min`);
    }
    const full = samples.find((x) => x.snapshots >= HISTORY_CAP);
    if (full) {
      const after = samples.filter((x) => x.seconds >= full.seconds).map((x) => x.used);
      const range = (after.reduce((a, b) => Math.max(a, b), -Infinity) - after.reduce((a, b) => Math.min(a, b), Infinity)) / MB;
      console.log(`history at its cap (${HISTORY_CAP} snapshots a network) from ${full.seconds} s: heap after GC within ${range.toFixed(2)} MB from then on`);
    } else {
      console.log(`the history never reached its cap (${HISTORY_CAP} snapshots a network; ${last.snapshots} at the end): the heap above includes the history filling up, so run longer to judge`);
    }
    if (SNAPSHOTS && early) await printGrowth(early, cdp);
    if (KINDS && kindSamples.length > 1) printVariation(kindSamples);
    if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
