import { describe, expect, it } from 'vitest';
import { helpText, parseArgs } from '../../src/cli/args.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';

const error = (argv: string[]): string => {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${parsed.kind}`);
  return parsed.message;
};

describe('parseArgs', () => {
  it('defaults to paper-fig1 for its maxSteps, output on stdout', () => {
    expect(parseArgs([])).toEqual({
      kind: 'run',
      options: { presetId: 'paper-fig1', config: DEFAULT_CONFIG, steps: DEFAULT_CONFIG.maxSteps, out: null, quiet: false, networks: ['plain', 'bn'] },
    });
  });

  it('reads the documented command line', () => {
    const parsed = parseArgs(['--preset', 'lr-x5', '--steps', '5000', '--seed', '7', '--out', 'run.json',
      '--set', 'momentum=0.9', '--set=width=50', '--eval-every=20', '--quiet']);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        presetId: 'lr-x5', steps: 5000, out: 'run.json', quiet: true, networks: ['plain', 'bn'],
        config: { ...configForPreset('lr-x5'), seed: 7, momentum: 0.9, width: 50, evalEvery: 20, maxSteps: 5000 },
      },
    });
  });

  it('trains the networks of --variants in display order, else the preset\'s, else plain and bn', () => {
    const networks = (argv: string[]): unknown => {
      const parsed = parseArgs(argv);
      return parsed.kind === 'run' ? parsed.options.networks : parsed;
    };
    expect(networks(['--variants', 'noisy,plain,bn'])).toEqual(['plain', 'bn', 'noisy']);
    expect(networks(['--variants=bn, noisy'])).toEqual(['bn', 'noisy']);
    expect(networks(['--preset', 'noisy-bn'])).toEqual(['plain', 'bn', 'noisy']);
    expect(networks(['--preset', 'noisy-bn', '--variants', 'bn,noisy'])).toEqual(['bn', 'noisy']);
    const parsed = parseArgs(['--preset', 'noisy-bn']);
    expect(parsed.kind === 'run' && parsed.options.config).toEqual({ ...DEFAULT_CONFIG, noisyBn: true });
    expect(helpText()).toMatch(/--variants LIST\s+networks to train, comma-separated/);
    for (const id of ['plain', 'bn', 'noisy', 'bn-after', 'ghost', 'ln', 'gn']) expect(helpText()).toMatch(new RegExp(`^\\s+${id}\\s+\\S`, 'm'));
  });

  it('lets --set override what the preset sets', () => {
    const parsed = parseArgs(['--preset', 'spiral', '--set', 'activation=relu']);
    expect(parsed.kind === 'run' && parsed.options.config.activation).toBe('relu');
  });

  it('answers --help', () => {
    expect(parseArgs(['--steps', '3', '--help'])).toEqual({ kind: 'help' });
    expect(helpText()).toMatch(/--preset ID\s+one of paper-fig1, lr-x5/);
    expect(helpText()).toMatch(/learningRate\s+a number from 0.0001 to 100/);
  });

  it('refuses an option given twice, or two that set the same setting, naming both', () => {
    expect(error(['--preset', 'lr-x5', '--preset', 'spiral'])).toBe('--preset given twice ("lr-x5" and "spiral"); give it once');
    expect(error(['--steps', '5', '--steps=5'])).toBe('--steps given twice ("5" and "5"); give it once');
    expect(error(['--out', 'a.json', '--out', 'b.json'])).toBe('--out given twice ("a.json" and "b.json"); give it once');
    expect(error(['--variants', 'plain', '--variants', 'bn'])).toBe('--variants given twice ("plain" and "bn"); give it once');
    expect(error(['--seed', '3', '--set', 'seed=4'])).toBe('--set "seed=4" conflicts with --seed "3": give seed once');
    expect(error(['--set', 'seed=4', '--seed', '3'])).toBe('--seed "3" conflicts with --set "seed=4": give seed once');
    expect(error(['--eval-every', '5', '--set', 'evalEvery=6'])).toBe('--set "evalEvery=6" conflicts with --eval-every "5": give evalEvery once');
    expect(error(['--seed', '3', '--seed', '3'])).toBe('--seed "3" conflicts with --seed "3": give seed once');
    expect(error(['--set', 'width=2', '--set', 'width=3'])).toBe('--set "width=3" conflicts with --set "width=2": give width once');
    // A bad value is named before the conflict.
    expect(error(['--seed', '3', '--set', 'seed=x'])).toMatch(/^--set: seed must be a whole number/);
    // A flag twice asks for nothing different.
    expect(parseArgs(['--quiet', '--quiet']).kind).toBe('run');
  });

  it('refuses --variants against an explicit noisyBn, and otherwise records noisyBn as the networks trained', () => {
    expect(error(['--variants', 'noisy', '--set', 'noisyBn=false']))
      .toBe('--set "noisyBn=false" conflicts with --variants "noisy": noisyBn says whether the noisy network trains; give one of them');
    expect(error(['--set', 'noisyBn=true', '--variants', 'plain,bn'])).toMatch(/^--set "noisyBn=true" conflicts with --variants "plain,bn": /);
    const config = (argv: string[]): unknown => {
      const parsed = parseArgs(argv);
      return parsed.kind === 'run' ? { networks: parsed.options.networks, noisyBn: parsed.options.config.noisyBn } : parsed;
    };
    expect(config(['--variants', 'noisy', '--set', 'noisyBn=true'])).toEqual({ networks: ['noisy'], noisyBn: true });
    expect(config(['--variants', 'plain,noisy'])).toEqual({ networks: ['plain', 'noisy'], noisyBn: true });
    expect(config(['--preset', 'noisy-bn', '--variants', 'plain,bn'])).toEqual({ networks: ['plain', 'bn'], noisyBn: false });
    expect(config(['--set', 'noisyBn=true'])).toEqual({ networks: ['plain', 'bn', 'noisy'], noisyBn: true });
    expect(helpText()).toContain('Each option at most once');
  });

  it('names the option and what it accepts in one line', () => {
    expect(error(['--preset', 'fig9'])).toBe('--preset must be one of paper-fig1, lr-x5, lr-x30, bad-init, deep-sigmoid, tiny-batches, noisy-bn, spiral, tiny-norms, bn-after, ghost-bn, deep-residual, weight-decay (got "fig9")');
    expect(error(['--variants', 'plain,wild'])).toBe('--variants must list networks of plain, bn, noisy, bn-after, ghost, ln, gn, comma-separated (got "plain,wild")');
    expect(error(['--variants', ','])).toBe('--variants must list networks of plain, bn, noisy, bn-after, ghost, ln, gn, comma-separated (got ",")');
    expect(error(['--steps', 'many'])).toBe('--steps must be a whole number from 1 to 10000000 (got "many")');
    expect(error(['--steps', '0'])).toBe('--steps must be a whole number from 1 to 10000000 (got "0")');
    expect(error(['--seed', '-3'])).toBe('--seed: seed must be a whole number from 0 to 2147483647 (got "-3")');
    expect(error(['--eval-every', 'x'])).toBe('--eval-every: evalEvery must be a whole number from 1 to 100000 (got "x")');
    expect(error(['--set', 'learningRate=abc'])).toBe('--set: learningRate must be a number from 0.0001 to 100 (got "abc")');
    expect(error(['--set', 'lr=1'])).toMatch(/^--set: unknown setting "lr" \(settings: dataset, /);
    expect(error(['--set', 'learningRate'])).toBe('--set expects NAME=VALUE, e.g. learningRate=0.1 (got "learningRate")');
    expect(error(['--frobnicate'])).toBe('unknown option "--frobnicate" (see --help)');
    expect(error(['--out'])).toBe('--out needs a value (see --help)');
    for (const message of [error(['--set', 'depth=2', '--set', 'trackedLayer=5'])]) expect(message).not.toMatch(/\n/);
  });
});
