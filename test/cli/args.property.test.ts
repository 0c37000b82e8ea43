import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { configForPreset, PRESETS } from '../../src/experiment/presets.ts';
import { SETTINGS } from '../../src/experiment/settings.ts';
import type { Setting } from '../../src/experiment/settings.ts';
import { configProblems, expectedFromText, isOneShortLine, nastyKey, nastyText, settingNamed, validList } from '../experiment/configOracle.ts';

const RUNS = 10_000;
const PRESET_IDS = PRESETS.map((p) => p.id);
const NETWORKS = ['plain', 'bn', 'noisy', 'bn-after', 'ghost', 'ln', 'gn'];
const OPTIONS = ['--preset', '--steps', '--seed', '--eval-every', '--set', '--out', '--variants', '--quiet', '--help', '-h'];

/** Command lines from real options, near misses and hostile values, in both `--x v` and `--x=v` forms. */
const hostileArgv = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...OPTIONS.filter((o) => o !== '--help' && o !== '-h')), nastyText).map(([o, v]) => [o, v]),
    fc.tuple(fc.constantFrom(...OPTIONS), nastyText).map(([o, v]) => [`${o}=${v}`]),
    fc.tuple(nastyKey, nastyText).map(([k, v]) => ['--set', `${k}=${v}`]),
    fc.constantFrom(['--preset'], ['--set'], ['--quiet'], ['--steps'], ['-'], [''], ['--'], ['--Preset', 'spiral'], ['--set='], ['--set', '=1']),
    nastyText.map((t) => [t]),
  ),
  { maxLength: 8 },
).map((groups) => groups.flat());

/** A value that `setting` must refuse, as text. */
const invalidText = (setting: Setting): fc.Arbitrary<string> => nastyText.filter((t) => expectedFromText(setting, t) === undefined);
/** A value that `setting` accepts, as text. */
const validText = (setting: Setting): fc.Arbitrary<string> => {
  switch (setting.kind) {
    case 'number':
      return (setting.integer ? fc.integer({ min: setting.min, max: setting.max }) : fc.double({ min: setting.min, max: setting.max, noNaN: true })).map(String);
    case 'choice':
      return fc.constantFrom(...setting.options);
    case 'list':
      return validList(setting);
    case 'boolean':
      return fc.constantFrom('true', 'false', '1', '0');
  }
};

// Settings whose change cannot make the tracked unit fall outside the network.
const FREE = SETTINGS.filter((s) => !['depth', 'width', 'trackedLayer', 'trackedUnit'].includes(s.key));

/** One option of a valid command line, and what it does to the expected result. */
interface Item {
  /** What it sets: the option, or the setting's key (--seed and --set seed= set the same). A line sets each once. */
  key: string;
  argv: string[];
  apply(expected: Expected): void;
}

/** What a valid command line must give. */
interface Expected {
  presetId: string;
  overrides: [string, unknown][];
  steps: number | null;
  out: string | null;
  quiet: boolean;
  networks: string[] | null;
}

const validItem: fc.Arbitrary<Item> = fc.oneof(
  fc.constantFrom(...PRESET_IDS).map((id): Item => ({ key: '--preset', argv: ['--preset', id], apply: (e) => { e.presetId = id; } })),
  fc.integer({ min: 1, max: 10_000_000 }).map((n): Item => ({ key: '--steps', argv: [`--steps=${n}`], apply: (e) => { e.steps = n; } })),
  fc.integer({ min: 0, max: 2_147_483_647 }).map((n): Item => ({ key: 'seed', argv: ['--seed', String(n)], apply: (e) => { e.overrides.push(['seed', n]); } })),
  fc.integer({ min: 1, max: 100_000 }).map((n): Item => ({ key: 'evalEvery', argv: ['--eval-every', String(n)], apply: (e) => { e.overrides.push(['evalEvery', n]); } })),
  fc.constantFrom(...FREE).chain((s) => validText(s).map((v): Item => ({
    key: s.key, argv: ['--set', `${s.key}=${v}`], apply: (e) => { e.overrides.push([s.key, expectedFromText(s, v)]); },
  }))),
  fc.string({ minLength: 1 }).filter((f) => !f.startsWith('-')).map((f): Item => ({ key: '--out', argv: ['--out', f], apply: (e) => { e.out = f; } })),
  fc.constant<Item>({ key: '--quiet', argv: ['--quiet'], apply: (e) => { e.quiet = true; } }),
  fc.shuffledSubarray(NETWORKS, { minLength: 1 }).map((ids): Item => ({
    key: 'variants', argv: ['--variants', ids.join(',')], apply: (e) => { e.networks = NETWORKS.filter((id) => ids.includes(id)); },
  })),
);

/** Valid options, each setting one thing once, and never both --variants and noisyBn (they conflict unless they agree). */
const validItems = (maxLength: number): fc.Arbitrary<Item[]> =>
  fc.uniqueArray(validItem, { maxLength, selector: (item) => item.key })
    .filter((items) => !(items.some((i) => i.argv[0] === '--variants') && items.some((i) => i.key === 'noisyBn')));

/** A bad option, what it sets (as Item.key) and the start its one-line message must have. */
const badItem: fc.Arbitrary<{ key: string; argv: string[]; starts: string }> = fc.oneof(
  fc.constantFrom(...SETTINGS).chain((s) => invalidText(s).map((v) => ({ key: s.key, argv: ['--set', `${s.key}=${v}`], starts: `--set: ${s.key} must be ` }))),
  invalidText(settingNamed('seed')!).map((v) => ({ key: 'seed', argv: ['--seed', v], starts: '--seed: seed must be ' })),
  invalidText(settingNamed('evalEvery')!).map((v) => ({ key: 'evalEvery', argv: [`--eval-every=${v}`], starts: '--eval-every: evalEvery must be ' })),
  invalidText(settingNamed('maxSteps')!).map((v) => ({ key: '--steps', argv: ['--steps', v], starts: '--steps must be a whole number from 1 to 10000000 (got ' })),
  nastyText.filter((v) => !PRESET_IDS.includes(v)).map((v) => ({ key: '--preset', argv: ['--preset', v], starts: '--preset must be one of ' })),
  nastyKey.filter((k) => k !== '' && !k.includes('=') && !settingNamed(k)).map((k) => ({ key: k, argv: ['--set', `${k}=1`], starts: '--set: unknown setting ' })),
  nastyText.filter((v) => v.split(',').some((id) => id.trim() !== '' && !NETWORKS.includes(id.trim())) || v.split(',').every((id) => id.trim() === ''))
    .map((v) => ({ key: 'variants', argv: ['--variants', v], starts: '--variants must list networks of ' })),
);

describe('parseArgs on 10,000 hostile command lines', () => {
  it('never throws; a run has a valid config, an error is one short line with no stack trace', () => {
    fc.assert(
      fc.property(hostileArgv, (argv) => {
        const parsed = parseArgs(argv);
        if (parsed.kind === 'error') {
          expect(isOneShortLine(parsed.message), parsed.message).toBe(true);
          // It names an option (or the tracked unit a --set moved out of the network), never an exception.
          expect(parsed.message).toMatch(/^(--[a-z-]+[: ]|unknown option "|tracked(Layer|Unit) must be )/);
        } else if (parsed.kind === 'run') {
          expect(configProblems(parsed.options.config as unknown as Record<string, unknown>)).toEqual([]);
          expect(parsed.options.steps).toBe(parsed.options.config.maxSteps);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('runs exactly the valid command line it was given: preset, then every override in order', () => {
    fc.assert(
      fc.property(validItems(8), (items) => {
        const expected: Expected = { presetId: 'paper-fig1', overrides: [], steps: null, out: null, quiet: false, networks: null };
        for (const item of items) item.apply(expected);
        const config: Record<string, unknown> = { ...configForPreset(expected.presetId) };
        for (const [key, value] of expected.overrides) config[key] = value;
        // Without --variants: the config's variants, and the noisy network too when the (overridden) config says noisyBn.
        const listed = String(config.variants).split(',');
        const networks = expected.networks ?? NETWORKS.filter((id) => listed.includes(id) || (id === 'noisy' && config.noisyBn === true));
        // With --variants, they are the config's variants, and noisyBn says whether the noisy network is among them.
        if (expected.networks) {
          config.noisyBn = expected.networks.includes('noisy');
          config.variants = expected.networks.join(',');
        }
        const steps = expected.steps ?? (config.maxSteps as number);
        expect(parseArgs(items.flatMap((i) => i.argv))).toEqual({
          kind: 'run',
          options: { presetId: expected.presetId, config: { ...config, maxSteps: steps }, steps, out: expected.out, quiet: expected.quiet, networks },
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a valid command line with one bad option in it, in one line naming that option and what it accepts', () => {
    fc.assert(
      fc.property(validItems(8), badItem, fc.nat(8), (items, bad, at) => {
        // The others set other things: the same one twice is an error of its own (tested in args.test.ts).
        const others = items.filter((i) => i.key !== bad.key);
        const argv = [...others.slice(0, at).flatMap((i) => i.argv), ...bad.argv, ...others.slice(at).flatMap((i) => i.argv)];
        const parsed = parseArgs(argv);
        expect(parsed.kind).toBe('error');
        if (parsed.kind !== 'error') return;
        expect(parsed.message.startsWith(bad.starts), parsed.message).toBe(true);
        expect(isOneShortLine(parsed.message), parsed.message).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
