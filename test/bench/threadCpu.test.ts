import { describe, expect, it } from 'vitest';
import { threadShares } from '../../bench/threadCpu.ts';

describe('threadShares', () => {
  it('sums threads of one kind, counts a thread born in the window from zero, and sorts by share of one core', () => {
    const before = new Map([
      ['1:1', { key: 'renderer / chromium', ticks: 100 }],
      ['1:2', { key: 'renderer / ThreadPoolForeg', ticks: 10 }],
      ['1:3', { key: 'renderer / ThreadPoolForeg', ticks: 20 }],
    ]);
    const after = new Map([
      ['1:1', { key: 'renderer / chromium', ticks: 300 }],
      ['1:2', { key: 'renderer / ThreadPoolForeg', ticks: 60 }],
      ['1:3', { key: 'renderer / ThreadPoolForeg', ticks: 70 }],
      ['1:4', { key: 'renderer / DedicatedWorker 4', ticks: 800 }],
    ]);
    // 10 s at 100 ticks a second: 200 ticks is 20% of a core.
    expect(threadShares(before, after, 10)).toEqual([
      ['renderer / DedicatedWorker 4', 0.8],
      ['renderer / chromium', 0.2],
      ['renderer / ThreadPoolForeg', 0.1],
    ]);
  });
});
