/**
 * Command-line options of `npm run experiment`, parsed without side effects so tests can
 * check every error line. Settings are validated by the shared SETTINGS validator. Each option
 * counts once: the same one twice, or two that set the same setting (`--seed 3 --set seed=4`),
 * is an error rather than "the last one wins".
 */
import { PRESETS, presetById } from '../experiment/presets.ts';
import { SETTINGS, settingFor } from '../experiment/settings.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkId } from '../experiment/types.ts';
import { ALL_VARIANTS, networksFor, parseNetworkList } from '../experiment/variants.ts';
import { describeAccepted, parseSettingValue, quoteForMessage, validateConfig } from '../experiment/validate.ts';

/** A valid command line. */
export interface CliOptions {
  presetId: string;
  /** The full experiment config (preset, then --seed / --eval-every / --set, validated). */
  config: ExperimentConfig;
  /** Training steps to take. */
  steps: number;
  /** Where to write the JSON; null writes it to stdout. */
  out: string | null;
  /** No progress bar. */
  quiet: boolean;
  /** The networks to train, in display order (--variants, else the preset's, else plain and bn). */
  networks: NetworkId[];
}

export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help' }
  /** One line naming the option and what it accepts. */
  | { kind: 'error'; message: string };

/** The --help text. */
export function helpText(): string {
  const settings = SETTINGS.map((s) => `    ${s.key.padEnd(14)} ${describeAccepted(s)}`).join('\n');
  return `Train the paired experiment (with and without BN, or any networks of --variants below) headless, and write the run as JSON.

Usage: npm run experiment -- [options]

  --preset ID        one of ${PRESETS.map((p) => p.id).join(', ')} (default paper-fig1)
  --variants LIST    networks to train, comma-separated (same as --set variants=LIST; default: the
                     preset's, plain,bn, with noisy when noisyBn is on); every one from the same
                     weights and batches:
${NETWORK_HELP.map(([id, text]) => `                       ${id.padEnd(9)} ${text}`).join('\n')}
  --steps N          training steps (default: the preset's maxSteps)
  --seed N           seed of weights, split and batches (default 1)
  --eval-every N     steps between test evaluations (default: the preset's)
  --set NAME=VALUE   change any setting (repeatable); settings:
${settings}
  --out FILE         write { config, plain: Run, bn: Run, ... } (one Run per network) here (default: stdout);
                     checked before training, written to a temporary file and renamed
  --quiet            no progress bar
  --help             this text

Each option at most once, and each setting once (--seed or --set seed=, not both).
A bad option, or an --out that cannot be written, prints one line and exits 2.
`;
}

/** What each network of --variants is, for --help. */
const NETWORK_HELP: readonly (readonly [string, string])[] = ALL_VARIANTS.map((v) => [v.id, ({
  plain: 'no normalization',
  bn: 'BN before every nonlinearity (the paper)',
  noisy: 'BN + Santurkar et al.\'s noise',
  'bn-after': 'BN after every nonlinearity',
  ghost: 'ghost BN: statistics over virtual batches of ghostBatchSize',
  ln: 'LayerNorm (per example, over the layer)',
  gn: 'GroupNorm (per example, over normGroups groups of units)',
} satisfies Record<NetworkId, string>)[v.id]]);

const VALUED = new Set(['--preset', '--steps', '--seed', '--eval-every', '--set', '--out', '--variants']);

/** The ids of --variants LIST in display order, or the one-line error. */
function parseVariants(value: string): NetworkId[] | string {
  const parsed = parseNetworkList(value);
  const known = ALL_VARIANTS.map((v) => v.id).join(', ');
  if ('unknown' in parsed || parsed.ids.length === 0) return `--variants must list networks of ${known}, comma-separated (got ${quoteForMessage(value)})`;
  return parsed.ids;
}

/** [option, setting key, raw value]: one setting set on the command line (--seed, --eval-every, --set). */
type Override = [string, string, string];

/** `--seed "3"` / `--set "seed=4"`: how an option that set a setting was written, for messages. */
const shownOverride = ([option, key, raw]: Override): string =>
  `${option} ${quoteForMessage(option === '--set' ? `${key}=${raw}` : raw)}`;

/** An option given a second time (`seen` holds the first values), as one line; null the first time. */
function conflictOf(seen: ReadonlyMap<string, string>, name: string, value: string): string | null {
  const before = seen.get(name);
  return before === undefined ? null : `${name} given twice (${quoteForMessage(before)} and ${quoteForMessage(value)}); give it once`;
}

/** When --variants and an explicit noisyBn disagree: one line naming both. */
function variantsConflict(networks: readonly NetworkId[], variants: string, noisyBn: Override | undefined, value: unknown): string | null {
  if (!noisyBn || value === networks.includes('noisy')) return null;
  return `${shownOverride(noisyBn)} conflicts with --variants ${quoteForMessage(variants)}: noisyBn says whether the noisy network trains; give one of them`;
}

/** Parse argv (without node and the script). Never throws. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let presetId = 'paper-fig1';
  let steps: string | null = null;
  let out: string | null = null;
  let quiet = false;
  let networks: NetworkId[] | null = null;
  const overrides: Override[] = [];
  /** Option name -> its value as given, to refuse a second one (settings are checked by key below). */
  const seen = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--quiet') {
      quiet = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.has(name)) return { kind: 'error', message: `unknown option ${quoteForMessage(arg)} (see --help)` };
    let value: string;
    if (name !== arg) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else return { kind: 'error', message: `${name} needs a value (see --help)` };
    if (name !== '--set' && name !== '--seed' && name !== '--eval-every') {
      const twice = conflictOf(seen, name, value);
      if (twice) return { kind: 'error', message: twice };
      seen.set(name, value);
    }
    switch (name) {
      case '--preset':
        if (!presetById(value, PRESETS)) return { kind: 'error', message: `--preset must be one of ${PRESETS.map((p) => p.id).join(', ')} (got ${quoteForMessage(value)})` };
        presetId = value;
        break;
      case '--steps':
        steps = value;
        break;
      case '--variants': {
        const parsed = parseVariants(value);
        if (typeof parsed === 'string') return { kind: 'error', message: parsed };
        networks = parsed;
        break;
      }
      case '--out':
        if (value === '') return { kind: 'error', message: '--out needs a file name' };
        out = value;
        break;
      case '--seed':
        overrides.push(['--seed', 'seed', value]);
        break;
      case '--eval-every':
        overrides.push(['--eval-every', 'evalEvery', value]);
        break;
      case '--set': {
        const split = value.indexOf('=');
        if (split <= 0) return { kind: 'error', message: `--set expects NAME=VALUE, e.g. learningRate=0.1 (got ${quoteForMessage(value)})` };
        overrides.push(['--set', value.slice(0, split), value.slice(split + 1)]);
        break;
      }
    }
  }
  const preset = presetById(presetId, PRESETS);
  const partial: Record<string, unknown> = { ...preset?.config };
  const setBy = new Map<string, Override>();
  for (const override of overrides) {
    const [option, key, raw] = override;
    const parsed = parseSettingValue(key, raw);
    if (!parsed.ok) return { kind: 'error', message: `${option}: ${parsed.error}` };
    const earlier = setBy.get(key);
    if (earlier) return { kind: 'error', message: `${shownOverride(override)} conflicts with ${shownOverride(earlier)}: give ${key} once` };
    setBy.set(key, override);
    partial[key] = parsed.value;
  }
  if (networks !== null) {
    // --variants decides the networks; noisyBn in the output says whether the noisy one trained.
    const conflict = variantsConflict(networks, seen.get('--variants') ?? '', setBy.get('noisyBn'), partial.noisyBn);
    if (conflict) return { kind: 'error', message: conflict };
    const listed = setBy.get('variants');
    if (listed) return { kind: 'error', message: `--variants ${quoteForMessage(seen.get('--variants') ?? '')} conflicts with ${shownOverride(listed)}: give the networks once` };
    partial.noisyBn = networks.includes('noisy');
    partial.variants = networks.join(',');
  }
  const { config, errors } = validateConfig(partial);
  if (errors.length > 0) return { kind: 'error', message: errors[0] };
  let stepCount = config.maxSteps;
  if (steps !== null) {
    const parsed = parseSettingValue('maxSteps', steps);
    if (!parsed.ok) {
      const { min, max } = settingFor('maxSteps') as { min: number; max: number };
      return { kind: 'error', message: `--steps must be a whole number from ${min} to ${max} (got ${quoteForMessage(steps)})` };
    }
    stepCount = parsed.value as number;
  }
  networks ??= networksFor(config);
  return { kind: 'run', options: { presetId, config: { ...config, maxSteps: stepCount }, steps: stepCount, out, quiet, networks } };
}
