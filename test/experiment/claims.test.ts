import { describe, expect, it } from 'vitest';
import { claimsHorizon, claimText, evaluateClaim, formatMeasured } from '../../src/experiment/claims.ts';
import type { Claim, ClaimSeries } from '../../src/experiment/claims.ts';
import type { NetworkId } from '../../src/experiment/types.ts';
import { configForPreset, PRESETS } from '../../src/experiment/presets.ts';
import { networksFor } from '../../src/experiment/variants.ts';

/** A series evaluated every 100 steps up to `last`, with figures given as functions of the step. */
function series(last: number, figures: { acc: (s: number) => number; p50?: (s: number) => number; sat?: (s: number) => number; train?: (s: number) => number; test?: (s: number) => number; shift?: (s: number) => number }, divergedStep: number | null = null): ClaimSeries {
  const steps = Array.from({ length: last / 100 }, (_, i) => (i + 1) * 100);
  return {
    testSteps: steps,
    testAccuracy: steps.map(figures.acc),
    testLoss: steps.map(figures.test ?? (() => 1)),
    steps,
    trainLoss: steps.map(figures.train ?? (() => 1)),
    p50: steps.map(figures.p50 ?? (() => 0)),
    saturation: [steps.map(() => 0), steps.map(figures.sat ?? (() => 0))],
    shift: [steps.map(() => 1), steps.map(figures.shift ?? (() => 1))],
    divergedStep,
  };
}

const runs = (byId: Partial<Record<NetworkId, ClaimSeries>>) => (id: NetworkId) => byId[id];

describe('evaluateClaim', () => {
  const plain = series(3000, { acc: (s) => (s < 1500 ? 0.1 : 0.5), p50: (s) => s / 1000, sat: (s) => (s >= 1000 ? 0.8 : 0), train: () => 0.5, test: () => 0.9 });
  const bn = series(3000, { acc: () => 0.9, p50: (s) => (s / 1000) * 0.2, train: () => 1.25, test: () => 0.25 });
  const both = runs({ plain, bn });

  it('measures an accuracy lead in points at the first evaluation at or after the step', () => {
    const result = evaluateClaim({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 50 }, both);
    expect(result.measured).toBeCloseTo(80, 10);
    expect(result.holds).toBe(true);
    expect(evaluateClaim({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 2000, points: 50 }, both).holds).toBe(false);
    expect(evaluateClaim({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 950, points: 80 }, both).measured).toBeCloseTo(80, 10);
  });

  it('says closeness holds on either side', () => {
    const claim: Claim = { type: 'accuracyClose', network: 'plain', of: 'bn', atStep: 3000, points: 40 };
    expect(evaluateClaim(claim, both)).toMatchObject({ holds: true });
    expect(evaluateClaim({ ...claim, points: 39 }, both)).toMatchObject({ holds: false });
  });

  it('checks thresholds on accuracy, saturation and the tracked median', () => {
    expect(evaluateClaim({ type: 'accuracyAtLeast', network: 'bn', atStep: 500, atLeast: 0.9 }, both).holds).toBe(true);
    expect(evaluateClaim({ type: 'accuracyBelow', network: 'plain', atStep: 1000, below: 0.1 }, both).holds).toBe(false);
    expect(evaluateClaim({ type: 'saturation', network: 'plain', layer: -1, atStep: 1000, atLeast: 0.8 }, both).holds).toBe(true);
    expect(evaluateClaim({ type: 'saturation', network: 'plain', layer: 0, atStep: 1000, below: 0.01 }, both).holds).toBe(true);
    const range = evaluateClaim({ type: 'medianRange', network: 'plain', untilStep: 2000, atLeast: 1.9 }, both);
    expect(range.measured).toBeCloseTo(1.9, 10);
    expect(range.holds).toBe(true);
    expect(evaluateClaim({ type: 'medianRange', network: 'bn', untilStep: 3000, below: 0.5 }, both).holds).toBe(false);
    const ratio = evaluateClaim({ type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 3000, times: 5 }, both);
    expect(ratio.measured).toBeCloseTo(5, 6);
  });

  it('compares losses', () => {
    expect(evaluateClaim({ type: 'testLossBelow', network: 'bn', other: 'plain', atStep: 1000 }, both)).toMatchObject({ holds: true });
    expect(evaluateClaim({ type: 'testLossBelow', network: 'plain', other: 'bn', atStep: 1000 }, both)).toMatchObject({ holds: false });
    const gap = evaluateClaim({ type: 'trainLossAboveTest', network: 'bn', fromStep: 1000, untilStep: 3000, atLeast: 1 }, both);
    expect(gap.measured).toBe(1);
    expect(gap.holds).toBe(true);
  });

  it('bounds a train-test gap from above, and says so in its sentence', () => {
    const claim: Claim = { type: 'trainLossAboveTest', network: 'plain', fromStep: 1000, untilStep: 3000, below: 0.2 };
    // Plain: training 0.5, test 0.9: the gap is -0.4, under 0.2.
    expect(evaluateClaim(claim, both).measured).toBeCloseTo(-0.4, 10);
    expect(evaluateClaim(claim, both).holds).toBe(true);
    expect(evaluateClaim({ ...claim, network: 'bn' }, both)).toMatchObject({ measured: 1, holds: false });
    expect(claimText(claim)).toBe('Over steps 1,000-3,000, the plain network\'s training loss sits less than 0.2 above its test loss.');
    expect(evaluateClaim({ ...claim, untilStep: 4000 }, both)).toMatchObject({ measured: null, holds: null });
  });

  it('compares two networks\' mean training loss over a span as a ratio', () => {
    // Ghost: training loss 0.3 before step 1,000 and 0.6 from it; BN 0.4 throughout.
    const ghost = series(3000, { acc: () => 0.9, train: (s) => (s < 1000 ? 0.3 : 0.6) });
    const bn4 = series(3000, { acc: () => 0.9, train: () => 0.4 });
    const claim: Claim = { type: 'trainLossRatio', network: 'ghost', over: 'bn', fromStep: 1000, untilStep: 3000, atLeast: 1.49 };
    const measured = evaluateClaim(claim, runs({ ghost, bn: bn4 }));
    expect(measured.measured).toBeCloseTo(1.5, 10);
    expect(measured.holds).toBe(true);
    expect(evaluateClaim({ ...claim, atLeast: 1.51 }, runs({ ghost, bn: bn4 })).holds).toBe(false);
    // From step 500: (5 * 0.3 + 21 * 0.6) / 26 over 0.4.
    expect(evaluateClaim({ ...claim, fromStep: 500 }, runs({ ghost, bn: bn4 })).measured).toBeCloseTo((5 * 0.3 + 21 * 0.6) / 26 / 0.4, 10);
    expect(evaluateClaim({ type: 'trainLossRatio', network: 'ghost', over: 'bn', fromStep: 0, untilStep: 900, below: 1 }, runs({ ghost, bn: bn4 })).holds).toBe(true);
    expect(evaluateClaim(claim, runs({ ghost }))).toMatchObject({ measured: null, holds: null });
    expect(claimText(claim)).toBe('Over steps 1,000-3,000, the ghost BN network\'s training loss is at least 1.49 times the BN network\'s.');
    expect(formatMeasured(claim, 1.4567)).toBe('1.46x');
  });

  it('measures a median range from a later step when asked, leaving out the first steps', () => {
    // The plain median is step / 1,000: 0.1..3 over all points, 1..3 from step 1,000.
    const claim: Claim = { type: 'medianRange', network: 'plain', fromStep: 1000, untilStep: 3000, below: 2.01 };
    expect(evaluateClaim(claim, both)).toMatchObject({ measured: 2, holds: true });
    expect(evaluateClaim({ ...claim, fromStep: undefined }, both)).toMatchObject({ measured: 2.9, holds: false });
    expect(claimText(claim)).toBe('Over steps 1,000-3,000, the plain network\'s tracked median stays within a range of 2.01.');
  });

  it('compares the mean shift of a layer over a span of steps, as a ratio', () => {
    // Last layer: plain moves 2 sd per 1,000 steps from step 1,000, 4 before; BN 0.5 throughout.
    const a = series(3000, { acc: () => 0.5, shift: (s) => (s < 1000 ? 4 : 2) });
    const b = series(3000, { acc: () => 0.5, shift: () => 0.5 });
    const claim: Claim = { type: 'shiftRatio', network: 'bn', over: 'plain', layer: -1, fromStep: 1000, untilStep: 3000, below: 0.3 };
    expect(evaluateClaim(claim, runs({ plain: a, bn: b }))).toMatchObject({ measured: 0.25, holds: true });
    expect(evaluateClaim({ ...claim, below: 0.25 }, runs({ plain: a, bn: b })).holds).toBe(false);
    // From step 100 the plain mean is (9 * 4 + 21 * 2) / 30 = 2.6.
    expect(evaluateClaim({ ...claim, fromStep: 100 }, runs({ plain: a, bn: b })).measured).toBeCloseTo(0.5 / 2.6, 10);
    // Layer 0 is 1 everywhere for both: ratio 1, which "at least 1" accepts.
    expect(evaluateClaim({ ...claim, layer: 0, below: undefined, atLeast: 1 }, runs({ plain: a, bn: b }))).toMatchObject({ measured: 1, holds: true });
    expect(evaluateClaim({ ...claim, untilStep: 3100 }, runs({ plain: a, bn: b })).measured).toBeNull();
    expect(claimText(claim)).toBe('Over steps 1,000-3,000, the BN network\'s last hidden layer inputs move less than 0.3 times as far in 1,000 steps as the plain network\'s (in their own standard deviations).');
    expect(formatMeasured(claim, 0.25)).toBe('0.25x');
  });

  it('compares two networks\' weight norms of a layer and bounds BN\'s effective step, failing when false', () => {
    const withWeights = (base: ClaimSeries, norm: (s: number) => number, bnAfter: boolean): ClaimSeries => ({
      ...base,
      weightNorm: [base.testSteps.map(norm), base.testSteps.map(() => 1)],
      effectiveStep: [bnAfter ? base.testSteps.map((s) => 0.5 / norm(s) ** 2) : null, bnAfter ? base.testSteps.map(() => 0.5) : null],
    });
    const decayed = runs({ plain: withWeights(plain, (s) => 2 / (1 + s / 1000), false), bn: withWeights(bn, (s) => 2 + s / 1000, true) });
    const ratio: Claim = { type: 'weightNormRatio', network: 'bn', over: 'plain', layer: 0, atStep: 3000, atLeast: 9 };
    // At step 3,000: BN's norm 5, plain's 0.5.
    expect(evaluateClaim(ratio, decayed)).toMatchObject({ measured: 10, holds: true });
    expect(evaluateClaim({ ...ratio, atLeast: 11 }, decayed).holds).toBe(false);
    expect(evaluateClaim({ ...ratio, atLeast: undefined, below: 9 }, decayed).holds).toBe(false);
    expect(evaluateClaim({ ...ratio, atStep: 1000 }, decayed)).toMatchObject({ measured: 3, holds: false });
    expect(claimText(ratio)).toBe('At step 3,000, the weights feeding the BN network\'s hidden layer 1 have a norm ‖W‖ at least 9 times the plain network\'s.');
    const step: Claim = { type: 'effectiveStep', network: 'bn', layer: 0, atStep: 3000, atLeast: 0.02 };
    expect(evaluateClaim(step, decayed).measured).toBeCloseTo(0.02, 12);
    expect(evaluateClaim(step, decayed).holds).toBe(true);
    expect(evaluateClaim({ ...step, atLeast: 0.021 }, decayed).holds).toBe(false);
    expect(evaluateClaim({ ...step, atStep: 0, atLeast: undefined, below: 0.1 }, decayed)).toMatchObject({ holds: false });
    expect(formatMeasured(step, 0.0403)).toBe('0.040');
    expect(formatMeasured(step, 12.5)).toBe('13');
    expect(formatMeasured(ratio, 10.84)).toBe('10.8x');
    expect(claimText(step)).toBe('At step 3,000, the BN network\'s effective step on hidden layer 1, η / ‖W‖², is at least 0.02.');
    // No BN after the plain network's layers: no effective step to measure, so the claim stays pending.
    expect(evaluateClaim({ ...step, network: 'plain' }, decayed)).toMatchObject({ measured: null, holds: null });
    // A run recorded before weight norms were: pending, not false.
    expect(evaluateClaim(ratio, both)).toMatchObject({ measured: null, holds: null });
  });

  it('is pending (measured null) until the run reaches the step, and for a network the run lacks', () => {
    const short = runs({ plain: series(500, { acc: () => 0.1 }), bn: series(500, { acc: () => 0.9 }) });
    expect(evaluateClaim({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 1 }, short)).toMatchObject({ measured: null, holds: null });
    expect(evaluateClaim({ type: 'medianRange', network: 'plain', untilStep: 1000, atLeast: 0 }, short)).toMatchObject({ measured: null, holds: null });
    expect(evaluateClaim({ type: 'accuracyClose', network: 'noisy', of: 'bn', atStep: 100, points: 3 }, short)).toMatchObject({ holds: null });
  });

  it('counts a network that diverged before the step as 0% accurate', () => {
    const diverged = runs({ plain: series(300, { acc: () => 0.5 }, 300), bn: series(1000, { acc: () => 0.9 }) });
    expect(evaluateClaim({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 85 }, diverged)).toMatchObject({ holds: true });
  });
});

describe('the claims of every preset', () => {
  it('gives every preset at least two claims, each a sentence with its step and threshold', () => {
    for (const preset of PRESETS) {
      expect(preset.claims.length, preset.id).toBeGreaterThanOrEqual(2);
      for (const claim of preset.claims) {
        const text = claimText(claim);
        expect(text).toMatch(/^(At step|Over steps) [\d,]+/);
        expect(text.endsWith('.')).toBe(true);
      }
    }
  });

  it('names only networks the preset trains', () => {
    for (const preset of PRESETS) {
      const trained: string[] = networksFor(configForPreset(preset.id));
      for (const claim of preset.claims) {
        for (const key of ['network', 'over', 'of', 'other'] as const) {
          const id = (claim as Record<string, unknown>)[key];
          if (id !== undefined) expect(trained, `${preset.id}: ${claimText(claim)}`).toContain(id);
        }
      }
    }
  });

  it('trains each preset only as long as its claims need', () => {
    expect(claimsHorizon(PRESETS[0].claims)).toBe(3000);
    expect(claimsHorizon([{ type: 'accuracyAtLeast', network: 'bn', atStep: 700, atLeast: 0 }])).toBe(700);
  });

  it('formats each figure the way its sentence reads', () => {
    expect(formatMeasured({ type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1, points: 1 }, 62.4)).toBe('+62 points');
    expect(formatMeasured({ type: 'accuracyBelow', network: 'plain', atStep: 1, below: 0.2 }, 0.126)).toBe('13%');
    expect(formatMeasured({ type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 1, times: 1 }, 2.96)).toBe('3.0x');
  });
});
