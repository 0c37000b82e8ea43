import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClaimsArgs } from '../../src/cli/claims.ts';
import { PRESETS } from '../../src/experiment/presets.ts';

describe('claims options', () => {
  it('defaults to seed 1 and every preset', () => {
    expect(parseClaimsArgs([])).toEqual({ seed: 1, presets: PRESETS.map((p) => p.id), out: null });
    expect(parseClaimsArgs(['--seed', '2', '--preset=spiral'])).toEqual({ seed: 2, presets: ['spiral'], out: null });
  });

  it('refuses bad values, repeats and unknown options in one line each', () => {
    expect(parseClaimsArgs(['--seed', 'x'])).toEqual({ error: '--seed must be a whole number (got "x")' });
    expect(parseClaimsArgs(['--preset', 'nope'])).toMatchObject({ error: expect.stringMatching(/^--preset must be one of paper-fig1, /) });
    expect(parseClaimsArgs(['--seed', '1', '--seed', '2'])).toEqual({ error: '--seed is given twice' });
    expect(parseClaimsArgs(['--steps', '3'])).toMatchObject({ error: expect.stringMatching(/^unknown option "--steps"/) });
    expect(parseClaimsArgs(['--out', '/nonexistent/dir/x.json'])).toMatchObject({ error: expect.stringMatching(/\/nonexistent\/dir/) });
  });
});

describe('npm run experiment -- claims', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/experiment.ts', 'claims', ...args], { encoding: 'utf8' });

  it('trains a preset, prints the table and writes { seed, presets: [{ id, claims: [{ text, measured, holds }] }] }', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'claims-')), 'claims.json');
    const result = cli(['--preset', 'spiral', '--seed', '2', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^spiral +holds +\+\d+ points +At step 1,000, the BN network leads/m);
    expect(result.stdout).toMatch(/every claim holds/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.seed).toBe(2);
    expect(report.presets.map((p: { id: string }) => p.id)).toEqual(['spiral']);
    for (const claim of report.presets[0].claims) expect(Object.keys(claim).sort()).toEqual(['holds', 'measured', 'text']);
  }, 120_000);

  it('exits 2 with one line for a bad option, before training', () => {
    const result = cli(['--preset', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});


describe('claims --help', () => {
  it('names every option', () => {
    const text = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/experiment.ts', 'claims', '--help'], { encoding: 'utf8' });
    for (const option of ['--seed', '--preset', '--out']) expect(text).toContain(option);
  });
});
