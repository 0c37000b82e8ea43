import { describe, expect, it } from 'vitest';
import { describeNarration, NARRATION_NOTE, narrationChunk, slowestStep } from '../../../src/components/presentation/narration.ts';
import { accuracyLeadNote, driftNote } from '../../../src/components/figureNotes.ts';
import { percentileSeries } from '../../../src/charts/series.ts';
import { makeHistory, makeNetwork } from '../../charts/fixtures.ts';
import type { TrackedPercentiles } from '../../../src/experiment/types.ts';

const steady = (p50: number, spread = 2): TrackedPercentiles => ({ p15: p50 - spread / 2, p50, p85: p50 + spread / 2 });

/** Plain: median 0 -> -2 over steps 0..1,200 with a spread of 0.5 (it drifts); BN: about 0.1 with a spread of 2.6 (it stays centred). */
function history() {
  const plain = makeNetwork('plain', [0, 600, 1200], {
    tracked: [steady(0, 0.5), steady(-1.2, 0.5), steady(-2, 0.5)],
    testSteps: [0, 1000],
    testAccuracy: [0.098, 0.126],
  });
  const bn = makeNetwork('bn', [0, 600, 1200], {
    tracked: [steady(0.1, 2.6), steady(0.05, 2.6), steady(0.02, 2.6)],
    testSteps: [0, 1000],
    testAccuracy: [0.101, 0.8864],
  });
  return makeHistory([plain, bn]);
}

describe('describeNarration', () => {
  it('says what Figure 1 shows in the words of its notes, with the figures behind them', () => {
    const h = history();
    const caption = describeNarration(h);
    expect(caption.step).toBe(1200);
    expect(caption.heading).toBe('Step 1,200: Figure 1 (b, c) follows unit 0 of hidden layer 2 (the last).');
    const lead = accuracyLeadNote(h.networks, null);
    const plainNote = driftNote(percentileSeries(h.networks[0]), null);
    const bnNote = driftNote(percentileSeries(h.networks[1]), null);
    expect(lead?.text).toBe('With BN ahead by 76 points at step 1,000');
    expect(caption.lines[0]).toBe(`(a) ${lead?.text}: With BN 89%, Without BN 13%. (b) Without BN ${plainNote?.text}; (c) With BN ${bnNote?.text}.`);
    expect(plainNote?.text).toMatch(/^drifts/);
    expect(bnNote?.text).toMatch(/^stays centred/);
  });

  it('measures the medians over the window the charts draw, steps 0 to now, on a checked claim', () => {
    const caption = describeNarration(history());
    // Plain's median spans 0..-2 = 2; BN's 0.02..0.1 = 0.08: 25 times.
    expect(caption.lines[1]).toContain("Over steps 0–1,200 the plain network's median moved across 25 times the range of BN's (2 against 0.08).");
    const ratio = caption.claims.find((c) => c.claim.type === 'medianRangeRatio');
    expect(ratio?.claim).toEqual({ type: 'medianRangeRatio', network: 'plain', over: 'bn', untilStep: 1200, times: 1.5 });
    expect(ratio?.result.holds).toBe(true);
  });

  it('says so when the run does not favour BN', () => {
    const h = history();
    h.networks[1].tracked = [steady(0, 2.6), steady(3, 2.6), steady(6, 2.6)];
    const caption = describeNarration(h);
    expect(caption.lines[1]).toContain("BN's median moved across 3 times the range of the plain network's (6 against 2): this run does not show a steadier input with BN.");
    expect(caption.lines.join(' ')).not.toContain("the plain network's median moved across");
    expect(caption.claims.find((c) => c.claim.type === 'medianRangeRatio')?.claim).toMatchObject({ network: 'bn', over: 'plain' });
  });

  it('says the ranges are alike when neither is 1.5 times the other', () => {
    const h = history();
    h.networks[1].tracked = [steady(0, 2.6), steady(-1, 2.6), steady(-1.5, 2.6)];
    expect(describeNarration(h).lines[1]).toContain("the two medians moved across similar ranges in the input's units (Without BN 2, With BN 1.5)");
  });

  it('rests every outcome sentence on a claim that holds on the same history', () => {
    for (const h of [history(), (() => { const x = history(); x.networks[1].testAccuracy = [0.1, 0.05]; return x; })()]) {
      const caption = describeNarration(h);
      expect(caption.claims.length).toBeGreaterThan(0);
      for (const { result } of caption.claims) expect(result.holds).toBe(true);
    }
    const behind = history();
    behind.networks[1].testAccuracy = [0.1, 0.05];
    expect(describeNarration(behind).lines[0]).toMatch(/^\(a\) Without BN ahead by 8 points at step 1,000: With BN 5%, Without BN 13%\./);
  });

  it('describes the scrubbed step when the charts are scrubbed back', () => {
    const caption = describeNarration(history(), { marker: 600 });
    expect(caption.step).toBe(600);
    expect(caption.lines[0]).toMatch(/^\(a\) Level at step 0: With BN 10%, Without BN 10%\./);
    expect(caption.lines[1]).toContain('Over steps 0–600');
  });

  it("prints the tracked layer's saturated share as its chart's caption does, and none for ReLU", () => {
    expect(describeNarration(history()).lines[1]).toContain('Layer 2 inputs saturated (|x| > 4): Without BN 10%, With BN 10%.');
    expect(describeNarration(history(), { saturates: false }).lines[1]).not.toContain('saturated');
  });

  it('says it replays the run when narration rewound it', () => {
    expect(describeNarration(history(), { start: 'replay' }).heading).toBe('Step 1,200 (replaying this run from step 0): Figure 1 (b, c) follows unit 0 of hidden layer 2 (the last).');
  });

  it('says a diverged network diverged, and never writes NaN or claims BN removes the shift', () => {
    const h = history();
    h.networks[0].status = { type: 'diverged', step: 700, reason: 'loss is NaN' };
    const caption = describeNarration(h);
    expect(caption.lines[0]).toContain('(b) Without BN diverged at step 700;');
    const text = [caption.heading, ...caption.lines, NARRATION_NOTE].join(' ');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(text).not.toMatch(/removes|eliminates|because of internal covariate/i);
    expect(NARRATION_NOTE).toContain('Santurkar et al. (2018) dispute');
  });

  it('waits for test evaluations and snapshots before saying anything about them', () => {
    const h = makeHistory([makeNetwork('plain', [0], { testSteps: [], testAccuracy: [] }), makeNetwork('bn', [0], { testSteps: [], testAccuracy: [] })]);
    const caption = describeNarration(h);
    expect(caption.lines[0]).toBe('(a) No test evaluation of both networks yet. (b) Without BN: too few snapshots yet; (c) With BN: too few snapshots yet.');
    expect(caption.claims).toEqual([]);
  });

  it('heads the caption with the slower network when the workers are apart', () => {
    const h = history();
    h.networks[1].steps = [0, 600];
    h.networks[1].tracked = h.networks[1].tracked.slice(0, 2);
    expect(slowestStep(h)).toBe(600);
    expect(describeNarration(h).step).toBe(600);
  });
});

describe('narrationChunk', () => {
  it('takes 20 steps at a time up to step 999, then more as the run goes on', () => {
    expect([0, 999, 1000, 1999, 2000, 4000, 10_000, 1e6].map(narrationChunk)).toEqual([20, 20, 50, 50, 100, 200, 500, 500]);
    expect(narrationChunk(Number.NaN)).toBe(20);
  });
});
