import { describe, expect, it } from 'vitest';
import { describeRunState, formatStep, stallOf } from '../../src/components/runStatus.ts';
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

describe('stallOf', () => {
  const evaluated = (id: 'plain' | 'bn', accuracy: (step: number) => number, saturation: number) => {
    const net = makeNetwork(id, [0, 100]);
    net.testSteps = Array.from({ length: 16 }, (_, i) => i * 100);
    net.testAccuracy = net.testSteps.map(accuracy);
    net.layers[net.layers.length - 1].saturation = [0, saturation];
    return net;
  };

  it('says a network stalled, and names its most saturated layer as the likely reason', () => {
    const net = evaluated('plain', () => 0.11, 1);
    expect(stallOf(net)).toBe(`Without BN stalled at 11%: layer ${net.layers.length} 100% saturated`);
    expect(describeRunState('running', null, makeHistory([net]))).toMatch(/^running · Without BN stalled at 11%/);
  });

  it('gives no reason when no layer is mostly saturated', () => {
    expect(stallOf(evaluated('plain', () => 0.1, 0.2))).toBe('Without BN stalled at 10%');
  });

  it('is silent while a network gains, once it is past 50%, and before 1,000 steps', () => {
    expect(stallOf(evaluated('plain', (s) => 0.1 + s / 10000, 1))).toBeNull();
    expect(stallOf(evaluated('bn', () => 0.9, 0))).toBeNull();
    const young = evaluated('plain', () => 0.1, 1);
    young.testSteps = young.testSteps.slice(0, 9);
    young.testAccuracy = young.testAccuracy.slice(0, 9);
    expect(stallOf(young)).toBeNull();
  });
});

describe('formatStep', () => {
  it('groups thousands', () => {
    expect(formatStep(12340)).toBe('12,340');
    expect(formatStep(Number.NaN)).toBe('0');
  });
});
