/**
 * `npm run experiment -- lab <job-id> [--preset P] [--set k=v] [--seed N] [--<param> value ...] [--out file.json]`:
 * a lab job headless, on the same code as the page's lab worker, written as
 * `{ job, params, config, result }`. Bad options (a parameter out of range, an option given twice,
 * an --out that cannot be written) print one line and exit 2 before anything runs.
 */
import { LAB_JOBS, labJobById } from '../lab/jobs.ts';
import type { AnyLabJob, LabContext } from '../lab/types.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import { quoteForMessage } from '../experiment/validate.ts';
import { parseArgs } from './args.ts';
import { outputProblem, saveOutput } from './output.ts';
import { loadDataset } from './runner.ts';

/** Options that set up the experiment: handed to the experiment CLI's parser (./args.ts). */
const EXPERIMENT_OPTIONS = new Set(['--preset', '--set', '--seed', '--eval-every']);

/** A valid lab command line. */
export interface LabCliOptions {
  job: AnyLabJob;
  params: unknown;
  config: ExperimentConfig;
  out: string | null;
  quiet: boolean;
}

/** The outcome of parsing: run, help (with the text), or one error line. */
export type ParsedLabArgs =
  | { kind: 'run'; options: LabCliOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** The help text: usage and every job with its params and defaults (on the paper preset). */
export function labHelpText(config: ExperimentConfig): string {
  const jobs = LAB_JOBS.map((job) => {
    const defaults = Object.entries(job.defaults(config) as Record<string, unknown>)
      .map(([name, value]) => `--${name} ${Array.isArray(value) ? value.join(',') : String(value)}`).join(' ');
    return `  ${job.id.padEnd(18)} ${job.title}\n  ${''.padEnd(18)} params (defaults): ${defaults}`;
  }).join('\n');
  return `Run a lab job headless and write { job, params, config, result } as JSON.

Usage: npm run experiment -- lab <job-id> [options] [--<param> value ...]

  --preset ID        the experiment the job runs on (default paper-fig1)
  --set NAME=VALUE   change any setting (repeatable; see npm run experiment -- --help)
  --seed N           seed of weights, split and batches
  --out FILE         write the JSON here (default: stdout); checked before the job runs
  --quiet            no progress on stderr
  --help             this text

Jobs:
${jobs}
`;
}

/**
 * A job's param error as the CLI means it: rejected, nothing run. The jobs' parsers word errors for
 * the page, which runs with the default instead ("...; using 1000"): that tail is dropped here.
 */
export function rejectedMessage(jobId: string, error: string): string {
  return `${jobId}: rejected: ${error.replace(/; using [^;]*$/, '')}`;
}

/** Parse the arguments after `lab`. Never throws. */
export function parseLabArgs(argv: readonly string[]): ParsedLabArgs {
  const base = parseArgs([]);
  const paperConfig = base.kind === 'run' ? base.options.config : null;
  const help = (): ParsedLabArgs => ({ kind: 'help', text: paperConfig ? labHelpText(paperConfig) : '' });
  const [jobId, ...rest] = argv;
  if (jobId === undefined || jobId === '--help' || jobId === '-h') return help();
  const job = labJobById(jobId);
  if (!job) return { kind: 'error', message: `unknown lab job ${quoteForMessage(jobId)} (jobs: ${LAB_JOBS.map((j) => j.id).join(', ')}; see lab --help)` };
  const experimentArgs: string[] = [];
  const raw: Record<string, string> = {};
  let out: string | null = null;
  let quiet = false;
  /** Each option once: its first value, to name both in the error. */
  const seen = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return help();
    if (arg === '--quiet') {
      quiet = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length <= 2) return { kind: 'error', message: `unexpected argument ${quoteForMessage(arg)} (options start with --; see lab --help)` };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < rest.length) value = rest[++i];
    else return { kind: 'error', message: `${name} needs a value (see lab --help)` };
    const before = seen.get(name);
    // --set is repeatable (once per setting: ./args.ts checks that).
    if (before !== undefined && name !== '--set') return { kind: 'error', message: `${name} given twice (${quoteForMessage(before)} and ${quoteForMessage(value)}); give it once` };
    seen.set(name, value);
    if (EXPERIMENT_OPTIONS.has(name)) experimentArgs.push(name, value);
    else if (name === '--out') {
      if (value === '') return { kind: 'error', message: '--out needs a file name' };
      out = value;
    } else raw[name.slice(2)] = value;
  }
  const experiment = parseArgs(experimentArgs);
  if (experiment.kind === 'error') return experiment;
  if (experiment.kind !== 'run') return help();
  const config = experiment.options.config;
  const parsed = job.parse(raw, config);
  if (parsed.errors.length > 0) return { kind: 'error', message: rejectedMessage(job.id, parsed.errors[0]) };
  return { kind: 'run', options: { job, params: parsed.params, config, out, quiet } };
}

/** A Node LabContext: the CLI's datasets, progress on stderr (at most 5 lines a second), never cancelled. */
export function nodeLabContext(quiet: boolean): LabContext {
  let last = 0;
  return {
    dataset: async (config) => loadDataset(config),
    async progress(done, total) {
      if (quiet) return;
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      process.stderr.write(`lab: ${done}/${total} steps (${percent}%)\n`);
    },
  };
}

/** Run `npm run experiment -- lab ...` (argv after `lab`); resolves to the exit code. */
export async function runLabCli(argv: readonly string[]): Promise<number> {
  const parsed = parseLabArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`experiment lab: ${parsed.message}\n`);
    return 2;
  }
  const { job, params, config, out, quiet } = parsed.options;
  const outProblem = out === null ? null : outputProblem(out);
  if (outProblem !== null) {
    process.stderr.write(`experiment lab: ${outProblem}\n`);
    return 2;
  }
  const started = Date.now();
  const result: unknown = await job.run(params, config, nodeLabContext(quiet));
  const json = JSON.stringify({ job: job.id, params, config, result });
  const saved = out === null ? null : saveOutput(out, json);
  if (out === null) process.stdout.write(`${json}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (saved && !saved.ok) {
    process.stderr.write(`experiment lab: ${job.id} done in ${seconds} s, but ${saved.message}\n`);
    return 1;
  }
  process.stderr.write(`lab: ${job.id} done in ${seconds} s${out ? `, written to ${out}` : ''}\n`);
  return 0;
}
