import { describe, expect, it } from 'vitest';
import type { ClaimSeries } from '../../../src/experiment/claims.ts';
import { choiceFor, reveal, revealSentences } from '../../../src/components/guide/prediction.ts';
import type { GuidePrediction } from '../../../src/components/guide/steps.ts';

const prediction: GuidePrediction = {
  question: 'Which network will be ahead at step 1,000?',
  claim: { type: 'accuracyLead', network: 'bn', over: 'plain', atStep: 1000, points: 50 },
  figure: 'the BN network\'s lead at step 1,000',
  choices: [
    { label: 'With BN, by 50 points or more', min: 50 },
    { label: 'With BN, by less', min: 5, max: 50 },
    { label: 'Neither', min: -5, max: 5 },
    { label: 'Without BN', max: -5 },
  ],
  expected: 0,
  source: 'the 2015 paper',
};

function network(steps: number[], accuracy: number[]): ClaimSeries {
  return { testSteps: steps, testAccuracy: accuracy, testLoss: steps.map(() => 1), steps, trainLoss: steps.map(() => 1), p50: steps.map(() => 0), saturation: [], shift: [], divergedStep: null };
}

describe('predict, then reveal', () => {
  it('reads the choice from the claim\'s measured figure, edges included once', () => {
    expect(choiceFor(prediction, 76)).toBe(0);
    expect(choiceFor(prediction, 50)).toBe(0);
    expect(choiceFor(prediction, 49.9)).toBe(1);
    expect(choiceFor(prediction, 0)).toBe(2);
    expect(choiceFor(prediction, -5)).toBe(2);
    expect(choiceFor(prediction, -30)).toBe(3);
  });

  it('waits for the run to reach the claim\'s step', () => {
    const series = { plain: network([0, 500], [0.1, 0.1]), bn: network([0, 500], [0.1, 0.8]) };
    expect(reveal(prediction, (id) => series[id as 'plain' | 'bn'])).toEqual({ type: 'pending', atStep: 1000 });
  });

  it('answers from the run: the figure, whether the student and the paper agree with it', () => {
    const series = { plain: network([0, 1000], [0.1, 0.13]), bn: network([0, 1000], [0.1, 0.89]) };
    const result = reveal(prediction, (id) => series[id as 'plain' | 'bn']);
    expect(result).toMatchObject({ type: 'answered', shown: '+76 points', answer: 0, claimHolds: true });
    if (result.type !== 'answered') throw new Error('not answered');
    expect(revealSentences(prediction, 0, result)).toEqual([
      'In this run, the BN network\'s lead at step 1,000 is +76 points: "With BN, by 50 points or more".',
      'You predicted "With BN, by 50 points or more": the run agrees.',
      'The 2015 paper expects "With BN, by 50 points or more", and this run agrees.',
    ]);
    expect(revealSentences(prediction, 3, result)[1]).toBe('You predicted "Without BN": the run disagrees.');
  });

  it('says so when the run disagrees with the paper', () => {
    const series = { plain: network([0, 1000], [0.1, 0.6]), bn: network([0, 1000], [0.1, 0.7]) };
    const result = reveal(prediction, (id) => series[id as 'plain' | 'bn']);
    expect(result).toMatchObject({ type: 'answered', answer: 1, claimHolds: false });
    if (result.type !== 'answered') throw new Error('not answered');
    const sentences = revealSentences(prediction, 1, result);
    expect(sentences[1]).toBe('You predicted "With BN, by less": the run agrees.');
    expect(sentences[2]).toMatch(/^The 2015 paper expects "With BN, by 50 points or more": this run disagrees\./);
  });
});
