import { describe, expect, it } from 'vitest';
import { evaluateClaim } from '../../../src/experiment/claims.ts';
import type { Claim, ClaimSeries } from '../../../src/experiment/claims.ts';
import { PRESETS, presetById } from '../../../src/experiment/presets.ts';
import type { NetworkId } from '../../../src/experiment/types.ts';
import { LAB_JOBS } from '../../../src/lab/jobs.ts';
import { choiceFor } from '../../../src/components/guide/prediction.ts';
import { GUIDE_STEPS } from '../../../src/components/guide/steps.ts';
import type { GuidePrediction } from '../../../src/components/guide/steps.ts';

/** Series on which `claim` measures `value` (the claim types the tour's predictions read). */
function seriesMeasuring(claim: Claim, value: number): (id: NetworkId) => ClaimSeries {
  const flat = (accuracy: number, saturation = 0): ClaimSeries => ({
    testSteps: [0, 10_000], testAccuracy: [accuracy, accuracy], testLoss: [1, 1],
    steps: [0, 10_000], trainLoss: [1, 1], p50: [0, 0], saturation: [[saturation, saturation]], shift: [[1, 1]], divergedStep: null,
  });
  switch (claim.type) {
    case 'accuracyLead':
    case 'accuracyClose': {
      const other = claim.type === 'accuracyLead' ? claim.over : claim.of;
      return (id) => (id === claim.network ? flat(0.5 + value / 200) : id === other ? flat(0.5 - value / 200) : flat(0));
    }
    case 'accuracyBelow':
    case 'accuracyAtLeast':
      return () => flat(value);
    case 'saturation':
      return () => flat(0.5, value);
    default:
      throw new Error(`no test series for ${claim.type}`);
  }
}

/** A figure inside each choice's range. */
function insideEach(prediction: GuidePrediction): number[] {
  return prediction.choices.map((choice) => {
    if (choice.min !== undefined && choice.max !== undefined) return (choice.min + choice.max) / 2;
    if (choice.min !== undefined) return choice.min + Math.max(0.01, Math.abs(choice.min) * 0.1);
    return (choice.max ?? 0) - Math.max(0.01, Math.abs(choice.max ?? 0) * 0.1);
  });
}

describe('the guided tour\'s steps', () => {
  it('each train a preset of the app, open a lab job that exists, and read as short plain sentences', () => {
    expect(GUIDE_STEPS.length).toBeGreaterThanOrEqual(6);
    for (const step of GUIDE_STEPS) {
      expect(presetById(step.preset), step.title).toBeDefined();
      if (step.lab) expect(LAB_JOBS.map((job) => job.id), step.title).toContain(step.lab.job);
      for (const sentence of [...step.text, ...step.look]) expect(sentence.length, sentence).toBeLessThan(400);
    }
    // The path covers the paper's headline, the noisy-BN counter-experiment, and says the explanation is disputed.
    expect(GUIDE_STEPS[0].preset).toBe(PRESETS[0].id);
    expect(GUIDE_STEPS.some((step) => step.preset === 'noisy-bn')).toBe(true);
    expect(GUIDE_STEPS.map((step) => step.text.join(' ')).join(' ')).toMatch(/Santurkar et al\. \(2018\)/);
  });

  it('state only outcomes that are their preset\'s claims, which the test suite checks on seeds 1 and 2', () => {
    for (const step of GUIDE_STEPS) {
      const claims = presetById(step.preset)!.claims;
      for (const claim of step.claims) expect(claims, `${step.title}: ${JSON.stringify(claim)}`).toContainEqual(claim);
      if (step.prediction) expect(step.claims, step.title).toContainEqual(step.prediction.claim);
    }
  });

  it('ask for a prediction in at least three steps, with choices that cover every figure once', () => {
    const predictions = GUIDE_STEPS.flatMap((step) => (step.prediction ? [step.prediction] : []));
    expect(predictions.length).toBeGreaterThanOrEqual(3);
    for (const prediction of predictions) {
      expect(prediction.choices.length, prediction.question).toBeGreaterThanOrEqual(3);
      const values = insideEach(prediction);
      values.forEach((value, i) => expect(choiceFor(prediction, value), `${prediction.question} ${value}`).toBe(i));
      // Every boundary belongs to exactly one choice: no gap, no overlap.
      for (const choice of prediction.choices) {
        for (const edge of [choice.min, choice.max]) {
          if (edge === undefined) continue;
          const covering = prediction.choices.filter((c) => (c.min === undefined || edge >= c.min) && (c.max === undefined || edge < c.max));
          expect(covering.length, `${prediction.question} at ${edge}`).toBe(1);
        }
      }
    }
  });

  it('expect the choice where the claim holds, and only that one', () => {
    for (const step of GUIDE_STEPS) {
      const prediction = step.prediction;
      if (!prediction) continue;
      insideEach(prediction).forEach((value, i) => {
        const result = evaluateClaim(prediction.claim, seriesMeasuring(prediction.claim, value));
        expect(result.measured, `${step.title}: choice ${i}`).toBeCloseTo(value, 6);
        expect(result.holds, `${step.title}: choice ${i} (${value})`).toBe(i === prediction.expected);
      });
    }
  });

  it('point at a chart on the page', () => {
    for (const step of GUIDE_STEPS) expect(['fig1-accuracy', 'fig1-percentiles', 'fig1-loss', 'saturation-last', 'lab']).toContain(step.focus);
  });
});
