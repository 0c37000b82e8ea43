/**
 * What a snapshot costs next to a training step, on the paper preset in Node
 * (`npx tsx bench/snapshotCost.ts`): the worker's run loop spaces snapshots by this cost
 * (src/worker/runLoop.ts, snapshotShare). A snapshot is the probe pass (256 held-out digits
 * through every layer), the per-unit sorts behind the percentiles and drift, the histograms,
 * and, every evalEvery steps, the 2,000 test digits in inference mode.
 */
import { createDataset } from '../src/experiment/dataset.ts';
import { percentiles } from '../src/experiment/metrics.ts';
import { configForPreset } from '../src/experiment/presets.ts';
import { createSession } from '../src/experiment/session.ts';
import { variantsByIds } from '../src/experiment/variants.ts';
import { readMnistBytes } from './mnistFile.ts';

const config = configForPreset('paper-fig1');
const data = createDataset(config, readMnistBytes());
console.log('| network | one step | snapshot, median | with the test set, median | largest |\n|---|---:|---:|---:|---:|');
for (const id of ['plain', 'bn'] as const) {
  const session = createSession(config, data, { variants: variantsByIds([id]) });
  session.advance(500);
  session.snapshot(0);
  const t0 = performance.now();
  session.advance(2000);
  const stepUs = ((performance.now() - t0) / 2000) * 1000;
  const plain: number[] = [];
  const evaluated: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    // 34 steps apart: every third snapshot passes evalEvery (100) and evaluates the test set.
    session.advance(34);
    const before = performance.now();
    const snapshot = session.snapshot(0);
    const ms = performance.now() - before;
    (snapshot.frames[0].test?.step === snapshot.step ? evaluated : plain).push(ms);
  }
  const [p] = percentiles(plain, [50]);
  const [e] = percentiles(evaluated, [50]);
  console.log(`| ${id} | ${stepUs.toFixed(0)} µs | ${p.toFixed(2)} ms | ${e.toFixed(2)} ms | ${Math.max(...plain, ...evaluated).toFixed(2)} ms |`);
}
