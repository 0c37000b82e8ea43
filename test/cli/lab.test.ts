import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabArgs } from '../../src/cli/lab.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { lrSweepJob } from '../../src/lab/sweeps.ts';
import { LAB_JOBS } from '../../src/lab/jobs.ts';

const root = join(import.meta.dirname, '..', '..');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/experiment.ts'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lab command line', () => {
  it('takes the preset, --set and the job\'s params', () => {
    const parsed = parseLabArgs(['lr-sweep', '--preset', 'spiral', '--set', 'batchSize=16', '--steps', '20', '--factors=1,10', '--out', 'x.json', '--quiet']);
    expect(parsed).toEqual({ kind: 'run', options: { job: lrSweepJob, params: { steps: 20, factors: [1, 10], units: 'relu-he' }, config: { ...configForPreset('spiral'), batchSize: 16 }, out: 'x.json', quiet: true } });
  });

  it('gives one line for every kind of bad option', () => {
    const cases: [string[], string][] = [
      [['nope'], 'unknown lab job "nope" (jobs: '],
      [['lr-sweep', '--steps', '0'], 'lr-sweep: rejected: steps must be a whole number from 1 to 100000 (got "0")'],
      [['lr-sweep', '--rate', '1'], 'lr-sweep: rejected: unknown parameter "rate"'],
      [['smoothness', '--minFactor', '3', '--maxFactor', '2'], 'smoothness: rejected: minFactor (3) is above maxFactor (2)'],
      [['lr-sweep', '--steps', '5', '--steps', '6'], '--steps given twice ("5" and "6"); give it once'],
      [['lr-sweep', '--out', 'a', '--out', 'b'], '--out given twice ("a" and "b"); give it once'],
      [['lr-sweep', '--seed', '3', '--set', 'seed=4'], '--set "seed=4" conflicts with --seed "3": give seed once'],
      [['lr-sweep', '--preset', 'nope'], '--preset must be one of'],
      [['lr-sweep', '--set', 'learningRate=-1'], '--set: learningRate'],
      [['lr-sweep', 'extra'], 'unexpected argument "extra"'],
      [['lr-sweep', '--steps'], '--steps needs a value'],
      [['lr-sweep', '--out', ''], '--out needs a file name'],
    ];
    for (const [argv, start] of cases) {
      const parsed = parseLabArgs(argv);
      expect(parsed.kind, argv.join(' ')).toBe('error');
      if (parsed.kind === 'error') {
        expect(parsed.message).toContain(start);
        expect(parsed.message).not.toContain('\n');
        // Nothing runs: the page's "...; using 1000" would say the opposite.
        expect(parsed.message).not.toContain('; using');
      }
    }
  });

  it('lists every job in its help, also for no job at all', () => {
    for (const argv of [[], ['--help'], ['lr-sweep', '--help']]) {
      const parsed = parseLabArgs(argv);
      expect(parsed.kind).toBe('help');
      if (parsed.kind === 'help') for (const job of LAB_JOBS) expect(parsed.text).toContain(job.id);
    }
  });
});

describe('npm run experiment -- lab', () => {
  it('writes { job, params, config, result } and the same numbers as the job run in-process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-lab-'));
    const out = join(dir, 'sweep.json');
    const result = cli(['lab', 'lr-sweep', '--preset', 'spiral', '--steps', '15', '--factors', '1,1000', '--out', out]);
    expect(result.stderr).toMatch(/lab: lr-sweep done in [\d.]+ s, written to/);
    expect(result.stderr).toMatch(/lab: 60\/60 steps \(100%\)/);
    expect(result.status).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const config = configForPreset('spiral');
    expect(written.job).toBe('lr-sweep');
    expect(written.params).toEqual({ steps: 15, factors: [1, 1000], units: 'relu-he' });
    expect(written.config).toEqual(config);
    const { makeSynthetic } = await import('../../src/data/synthetic.ts');
    const data = makeSynthetic('spiral', config.seed);
    const direct = await lrSweepJob.run(written.params, config, { dataset: async () => data, progress: async () => {} });
    expect(written.result).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('exits 2 with one line for a bad option and 0 with the job list for --help', () => {
    const bad = cli(['lab', 'lr-sweep', '--factors', 'a,b']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^experiment lab: lr-sweep: rejected: factors must be [^;]*\n$/);
    const unknown = cli(['lab', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('lr-sweep, init-sweep');
    // --out is checked before the job: 100,000 steps would outlast the timeout.
    const out = cli(['lab', 'lr-sweep', '--preset', 'spiral', '--steps', '100000', '--out', '/nonexistent/dir/x.json']);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('experiment lab: --out "/nonexistent/dir/x.json": the directory "/nonexistent/dir" does not exist\n');
    const help = cli(['lab', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run experiment -- lab <job-id>');
  });
});
