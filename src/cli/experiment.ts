/**
 * `npm run experiment -- --preset paper-fig1 --steps 5000 --seed 1 --out run.json`
 * (`--variants plain,bn,noisy` adds Santurkar's noisy BN; `lab <job> ...` runs a lab job, ./lab.ts): the paired experiment headless, on the same engine and presets as the app. Bad options print one line
 * and exit with code 2, as does an --out that cannot be written (checked before training).
 */
import { parseArgs, helpText } from './args.ts';
import { runClaimsCli } from './claims.ts';
import { runLabCli } from './lab.ts';
import { outputProblem, saveOutput } from './output.ts';
import { runExperiment, summaryLine } from './runner.ts';

function progressBar(total: number): (step: number) => void {
  if (!process.stderr.isTTY) return () => {};
  let last = 0;
  return (step) => {
    const now = Date.now();
    if (now - last < 200 && step < total) return;
    last = now;
    const width = 30;
    const filled = Math.round((step / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total} steps`);
    if (step >= total) process.stderr.write('\n');
  };
}

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`experiment: ${parsed.message}\n`);
    return 2;
  }
  const { config, steps, out, quiet, networks } = parsed.options;
  const outProblem = out === null ? null : outputProblem(out);
  if (outProblem !== null) {
    process.stderr.write(`experiment: ${outProblem}\n`);
    return 2;
  }
  const result = runExperiment(config, steps, { networks, onProgress: quiet ? undefined : progressBar(steps) });
  const json = JSON.stringify(result.record);
  const saved = out === null ? null : saveOutput(out, json);
  if (out === null) process.stdout.write(`${json}\n`);
  process.stderr.write(`${summaryLine(result)}\n`);
  if (saved && !saved.ok) process.stderr.write(`experiment: ${saved.message}\n`);
  return saved && !saved.ok ? 1 : 0;
}

const fail = (error: unknown): void => {
  process.stderr.write(`experiment: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
};

const argv = process.argv.slice(2);
if (argv[0] === 'claims') {
  try {
    process.exitCode = runClaimsCli(argv.slice(1));
  } catch (error) {
    fail(error);
  }
} else if (argv[0] === 'lab') {
  runLabCli(argv.slice(1)).then((code) => {
    process.exitCode = code;
  }, fail);
} else {
  try {
    process.exitCode = main(argv);
  } catch (error) {
    fail(error);
  }
}
