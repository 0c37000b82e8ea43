/**
 * `npm run experiment -- claims [--seed N] [--preset ID] [--out FILE]`: train every preset (or
 * one) headless, measure the claims its caption makes, print one table and write
 * `{ seed, presets: [{ id, claims: [{ text, measured, holds }] }] }`. Exit 0 when every claim
 * holds, 1 when one does not, 2 for a bad option.
 */
import { checkPresetClaims, claimsConfig } from '../experiment/checkClaims.ts';
import { formatMeasured } from '../experiment/claims.ts';
import type { PresetClaims } from '../experiment/checkClaims.ts';
import { PRESETS, presetById } from '../experiment/presets.ts';
import { quoteForMessage } from '../experiment/validate.ts';
import { outputProblem, saveOutput } from './output.ts';
import { loadDataset } from './runner.ts';

/** What `claims` writes. */
export interface ClaimsReport {
  seed: number;
  presets: PresetClaims[];
}

/** Parsed `claims` options, or the one-line error. */
export type ClaimsArgs = { seed: number; presets: string[]; out: string | null } | { error: string } | { help: true };

/** The `claims --help` text. */
export function claimsHelp(): string {
  return `Train every preset headless and check the claims its caption makes.

Usage: npm run experiment -- claims [--seed N] [--preset ID] [--out FILE]

  --seed N      seed of weights, split and batches (default 1); claims must hold on any seed
  --preset ID   only this preset, of ${PRESETS.map((p) => p.id).join(', ')}
  --out FILE    also write { seed, presets: [{ id, claims: [{ text, measured, holds }] }] } here
Exit code: 0 every claim holds, 1 one does not, 2 a bad option.
`;
}

/** Parse the options after `claims`. Never throws. */
export function parseClaimsArgs(argv: readonly string[]): ClaimsArgs {
  let seed: number | null = null;
  let preset: string | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--seed' && name !== '--preset' && name !== '--out') return { error: `unknown option ${quoteForMessage(arg)} (see claims --help)` };
    const value = name !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { error: `${name} needs a value (see claims --help)` };
    const given = name === '--seed' ? seed : name === '--preset' ? preset : out;
    if (given !== null) return { error: `${name} is given twice` };
    if (name === '--seed') {
      const parsed = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) return { error: `--seed must be a whole number (got ${quoteForMessage(value)})` };
      seed = parsed;
    } else if (name === '--preset') {
      if (!presetById(value)) return { error: `--preset must be one of ${PRESETS.map((p) => p.id).join(', ')} (got ${quoteForMessage(value)})` };
      preset = value;
    } else {
      const problem = outputProblem(value);
      if (problem !== null) return { error: problem };
      out = value;
    }
  }
  return { seed: seed ?? 1, presets: preset ? [preset] : PRESETS.map((p) => p.id), out };
}

/** Check the claims of `presets` at `seed`; `onPreset` after each. */
export function checkClaims(presets: readonly string[], seed: number, onPreset?: (result: PresetClaims) => void): ClaimsReport {
  const results = presets.map((id) => {
    const result = checkPresetClaims(id, seed, loadDataset(claimsConfig(id, seed)));
    onPreset?.(result);
    return result;
  });
  return { seed, presets: results };
}

/** The table rows of one preset's claims: preset, holds, measured (as its sentence reads it), claim. */
export function claimRows(result: PresetClaims): string[] {
  const claims = presetById(result.id)?.claims ?? [];
  return result.claims.map((claim, i) => {
    const verdict = claim.holds === true ? 'holds' : claim.holds === false ? 'FAILS' : 'n/a';
    const measured = claim.measured === null || !claims[i] ? 'not reached' : formatMeasured(claims[i], claim.measured);
    return `${result.id.padEnd(13)} ${verdict.padEnd(5)} ${measured.padStart(11)}  ${claim.text}`;
  });
}

/** Run `claims` with `argv`; returns the exit code. */
export function runClaimsCli(argv: readonly string[]): number {
  const args = parseClaimsArgs(argv);
  if ('help' in args) {
    process.stdout.write(claimsHelp());
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`experiment claims: ${args.error}\n`);
    return 2;
  }
  process.stdout.write(`${'preset'.padEnd(13)} ${'holds'.padEnd(5)} ${'measured'.padStart(11)}  claim (seed ${args.seed})\n`);
  const report = checkClaims(args.presets, args.seed, (result) => process.stdout.write(`${claimRows(result).join('\n')}\n`));
  const saved = args.out === null ? null : saveOutput(args.out, `${JSON.stringify(report, null, 1)}\n`);
  const failed = report.presets.flatMap((p) => p.claims).filter((c) => c.holds !== true).length;
  process.stdout.write(failed === 0 ? 'every claim holds\n' : `${failed} claim(s) do not hold\n`);
  if (saved && !saved.ok) process.stderr.write(`experiment claims: ${saved.message}\n`);
  return failed === 0 && (!saved || saved.ok) ? 0 : 1;
}
