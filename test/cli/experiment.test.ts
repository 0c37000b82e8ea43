import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/cli/runner.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import type { Run } from '../../src/experiment/types.ts';

const root = join(import.meta.dirname, '..', '..');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/experiment.ts'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const isFiniteDeep = (value: unknown): boolean =>
  typeof value === 'number' ? Number.isFinite(value)
    : Array.isArray(value) ? value.every(isFiniteDeep)
      : value !== null && typeof value === 'object' ? Object.values(value).every(isFiniteDeep) : true;

function expectRunSchema(run: Run, points: number, depth: number): void {
  expect(run.steps).toHaveLength(points);
  for (const series of [run.trainLoss, run.testAccuracy, run.testLoss, run.trackedUnit.p15, run.trackedUnit.p50, run.trackedUnit.p85]) {
    expect(series).toHaveLength(points);
  }
  expect(run.saturation).toHaveLength(depth);
  expect(run.drift).toHaveLength(depth);
  for (const layer of [...run.saturation, ...run.drift]) expect(layer).toHaveLength(points);
  expect(isFiniteDeep(run)).toBe(true);
}

describe('the experiment CLI', () => {
  it('writes { config, plain, bn } for a short spiral run and prints a one-line summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-cli-'));
    const out = join(dir, 'run.json');
    const result = cli(['--preset', 'spiral', '--steps', '300', '--seed', '2', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^plain: test acc [\d.]+%.* \| bn: test acc [\d.]+%.* \| \d+ steps\/s$/m);
    const record = JSON.parse(readFileSync(out, 'utf8')) as { config: { seed: number; depth: number }; plain: Run; bn: Run };
    expect(record.config).toEqual({ ...configForPreset('spiral'), seed: 2, maxSteps: 300 });
    for (const run of [record.plain, record.bn]) {
      expectRunSchema(run, 6, 3);
      expect(run.steps).toEqual([50, 100, 150, 200, 250, 300]);
      expect(run.trackedUnit).toMatchObject({ layer: 2, unit: 0 });
    }
  });

  it('writes { config, plain, noisy } for --variants plain,noisy, one summary part per network', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-cli-'));
    const out = join(dir, 'run.json');
    const result = cli(['--preset', 'spiral', '--steps', '100', '--variants', 'noisy,plain', '--set', 'evalEvery=50', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^plain: test acc [\d.]+%.* \| noisy: test acc [\d.]+%.* \| \d+ steps\/s\n$/);
    const record = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['config', 'plain', 'noisy']);
    for (const run of [record.plain, record.noisy] as Run[]) {
      expectRunSchema(run, 2, 3);
      expect(run.steps).toEqual([50, 100]);
    }
  });

  it('trains plain, bn and noisy in process, with the same plain and BN runs as without the third', () => {
    const config = { ...configForPreset('spiral'), evalEvery: 20 };
    const three = runExperiment(config, 60, { networks: ['plain', 'bn', 'noisy'] });
    const two = runExperiment(config, 60);
    expect(three.networks).toEqual(['plain', 'bn', 'noisy']);
    expect(three.record.plain).toEqual(two.record.plain);
    expect(three.record.bn).toEqual(two.record.bn);
    expectRunSchema(three.record.noisy as Run, 3, 3);
    expect(three.record.noisy?.trainLoss).not.toEqual(three.record.bn?.trainLoss);
  });

  it('evaluates the last step too, also when it comes before the first evalEvery', () => {
    const config = { ...configForPreset('spiral'), evalEvery: 300 };
    const long = runExperiment(config, 1000);
    expect(long.record.plain?.steps).toEqual([300, 600, 900, 1000]);
    expect(long.record.bn?.steps).toEqual([300, 600, 900, 1000]);
    expect(long.record.config.evalEvery).toBe(300);
    // Evaluating the last step changes nothing before it.
    const upTo900 = runExperiment(config, 900);
    expect(long.record.bn?.testAccuracy.slice(0, 3)).toEqual(upTo900.record.bn?.testAccuracy);
    expect(long.record.bn?.trackedUnit.p50.slice(0, 3)).toEqual(upTo900.record.bn?.trackedUnit.p50);
    const short = runExperiment(config, 100);
    for (const id of ['plain', 'bn'] as const) {
      expectRunSchema(short.record[id] as Run, 1, 3);
      expect(short.record[id]?.steps).toEqual([100]);
      expect(short.summaries[id]?.finalAccuracy).toBeGreaterThan(0);
    }
  });

  it('checks --out before training: exit 2, one line naming the path, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-cli-'));
    const cases: [string, string][] = [
      ['/nonexistent/dir/x.json', 'experiment: --out "/nonexistent/dir/x.json": the directory "/nonexistent/dir" does not exist\n'],
      [dir, `experiment: --out "${dir}" is a directory; give a file name\n`],
      ['/proc/x', 'experiment: --out "/proc/x" is under /dev, /proc or /sys, where no output file can go; leave out --out to write to stdout\n'],
    ];
    for (const [out, stderr] of cases) {
      // Ten million steps: the check must come before them, or the 60 s timeout ends the process.
      const result = cli(['--preset', 'spiral', '--steps', '10000000', '--quiet', '--out', out]);
      expect(result.status, out).toBe(2);
      expect(result.stderr).toBe(stderr);
      expect(result.stdout).toBe('');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces a previous --out file whole, through a temporary file, and ends on the last step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-cli-'));
    const out = join(dir, 'run.json');
    writeFileSync(out, 'the previous run');
    const result = cli(['--preset', 'spiral', '--steps', '120', '--eval-every', '50', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    const record = JSON.parse(readFileSync(out, 'utf8')) as { plain: Run; bn: Run };
    expect(record.plain.steps).toEqual([50, 100, 120]);
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it('refuses conflicting options with exit 2 before training', () => {
    for (const [args, line] of [
      [['--preset', 'spiral', '--preset', 'lr-x5'], 'experiment: --preset given twice ("spiral" and "lr-x5"); give it once\n'],
      [['--seed', '3', '--set', 'seed=4'], 'experiment: --set "seed=4" conflicts with --seed "3": give seed once\n'],
      [['--variants', 'noisy', '--set', 'noisyBn=false'], 'experiment: --set "noisyBn=false" conflicts with --variants "noisy": noisyBn says whether the noisy network trains; give one of them\n'],
    ] as [string[], string][]) {
      const result = cli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(line);
    }
  });

  it('exits with code 2 and one line, no stack trace, on a bad option', () => {
    const result = cli(['--set', 'learningRate=abc']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('experiment: --set: learningRate must be a number from 0.0001 to 100 (got "abc")\n');
    expect(result.stdout).toBe('');
  });

  it('prints the help on --help', () => {
    const result = cli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Train the paired experiment/);
  });

  it('records a diverged network with its step and no NaN', () => {
    const config = {
      ...configForPreset('spiral'), activation: 'linear' as const, initScheme: 'gaussian' as const,
      initStd: 1, initScale: 1000, learningRate: 1, evalEvery: 10,
    };
    const { record } = runExperiment(config, 40);
    expect(record.plain?.diverged?.step).toBeGreaterThan(0);
    expect(record.bn?.diverged).toBeUndefined();
    expect(record.bn?.steps).toEqual([10, 20, 30, 40]);
    expect(isFiniteDeep(record)).toBe(true);
  });
});
