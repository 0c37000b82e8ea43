import { describe, expect, it } from 'vitest';
import { describeRunState, formatStep } from '../../src/components/runStatus.ts';
import { makeHistory, makeNetwork } from '../charts/fixtures.ts';

describe('describeRunState', () => {
  it('names the run state', () => {
    expect(describeRunState('running', null, null)).toBe('running');
    expect(describeRunState('error', 'out of memory', null)).toBe('error: out of memory');
  });

  it('says which network diverged and when', () => {
    const h = makeHistory([
      makeNetwork('plain', [0], { status: { type: 'diverged', step: 12340, reason: 'loss NaN' } }),
      makeNetwork('bn', [0]),
    ]);
    expect(describeRunState('running', null, h)).toBe('running · Without BN diverged at step 12,340');
  });
});

describe('formatStep', () => {
  it('groups thousands', () => {
    expect(formatStep(12340)).toBe('12,340');
    expect(formatStep(Number.NaN)).toBe('0');
  });
});
