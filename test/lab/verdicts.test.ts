import { describe, expect, it } from 'vitest';
import type { SmoothnessResult } from '../../src/lab/smoothness.ts';
import type { SweepResult } from '../../src/lab/sweeps.ts';
import { smoothnessVerdict, sweepVerdict } from '../../src/lab/verdicts.ts';

const outcome = (testAccuracy: number | null, divergedAt: number | null = null) => ({ testAccuracy, trainLoss: testAccuracy === null ? null : 0.5, divergedAt });

/** The shape of the paper preset's default sweep (ReLU twin, 1,000 steps), measured with `lab lr-sweep --preset paper-fig1`. */
const sweep: SweepResult = {
  setting: 'learningRate', base: 0.5, steps: 1000, units: 'relu-he', networks: ['plain', 'bn'],
  points: [
    { factor: 0.1, value: 0.05, networks: { plain: outcome(0.92), bn: outcome(0.93) } },
    { factor: 1, value: 0.5, networks: { plain: outcome(0.93), bn: outcome(0.95) } },
    { factor: 3, value: 1.5, networks: { plain: outcome(null, 9), bn: outcome(0.94) } },
    { factor: 10, value: 5, networks: { plain: outcome(null, 8), bn: outcome(0.39) } },
  ],
};

describe('sweepVerdict', () => {
  it('says up to which value each network trained and how it failed above it', () => {
    expect(sweepVerdict(sweep)).toBe('In this run: without BN it trained up to 0.5 and blew up at 1.5; '
      + 'with BN it trained up to 1.5 and stopped learning at 5 (a run "trains" when it reaches 80% of its best test accuracy in the sweep).');
  });

  it('says when a network trained at every value, or at none', () => {
    const easy: SweepResult = { ...sweep, points: sweep.points.slice(0, 2) };
    expect(sweepVerdict(easy)).toMatch(/without BN it trained up to 0\.5, the highest tried/);
    const dead: SweepResult = { ...sweep, points: [{ factor: 1, value: 1, networks: { plain: outcome(null, 3), bn: outcome(0.9) } }] };
    expect(sweepVerdict(dead)).toMatch(/without BN no learning rate trained/);
  });
});

const smoothness = (betas: Record<'plain' | 'bn', number[]>): SmoothnessResult => ({
  steps: betas.plain.map((_, i) => 100 * i), etas: [0.25, 2],
  networks: (['plain', 'bn'] as const).map((id) => ({
    id, divergedAt: null,
    points: betas[id].map((beta) => ({ loss: 1, gradientNorm: 1, lossMin: 0.9, lossMax: 1.1, gradientChangeMin: 0.1, gradientChangeMax: 0.2, beta })),
  })),
  cost: 0,
} as unknown as SmoothnessResult);

describe('smoothnessVerdict', () => {
  it('agrees with Santurkar et al. when BN\'s median beta is smaller', () => {
    expect(smoothnessVerdict(smoothness({ plain: [3, 4, 5], bn: [1, 2, 9] }))).toBe('In this run: median β 2 with BN against 4 without: smoother with BN, as Santurkar et al. found.');
  });

  it('says plainly when this run does not agree, and why it may not', () => {
    const text = smoothnessVerdict(smoothness({ plain: [0.2, 0.3, 0.4], bn: [2, 2.1, 2.2] }));
    expect(text).toMatch(/^In this run: median β 2\.1 with BN against 0\.3 without: not smoother with BN here/);
    expect(text).toMatch(/plateau/);
  });
});
