import { describe, expect, it } from 'vitest';
import { anchorFits, anchorFor, describeNarration, NARRATION_NOTE, slowestStep } from '../../../src/components/presentation/narration.ts';
import { makeHistory, makeNetwork } from '../../charts/fixtures.ts';

/** Plain: median -2.00 at step 0, -2.25 at 600, -2.80 at 1,200; BN: 0.10, 0.05, 0.02. */
function history() {
  const plain = makeNetwork('plain', [0, 600, 1200], {
    tracked: [{ p15: -2.01, p50: -2, p85: -1.99 }, { p15: -2.5, p50: -2.25, p85: -2 }, { p15: -3.5, p50: -2.8, p85: -2.1 }],
    testSteps: [0, 1000],
    testAccuracy: [0.098, 0.126],
  });
  const bn = makeNetwork('bn', [0, 600, 1200], {
    tracked: [{ p15: -1.2, p50: 0.1, p85: 1.3 }, { p15: -1.4, p50: 0.05, p85: 1.5 }, { p15: -1.5, p50: 0.02, p85: 1.6 }],
    testSteps: [0, 1000],
    testAccuracy: [0.101, 0.8864],
  });
  return makeHistory([plain, bn]);
}

describe('describeNarration', () => {
  it('says how far each median moved since the anchor step, with the spreads then and now, from the history', () => {
    const h = history();
    const caption = describeNarration(h, { runId: h.runId, steps: { plain: 600, bn: 600 }, layer: 1, unit: 0 });
    expect(caption.step).toBe(1200);
    expect(caption.heading).toBe('Step 1,200: the input of hidden layer 2 (the last), unit 0');
    // |-2.80 - -2.25| = 0.55; spreads 0.50 -> 1.40. BN: |0.02 - 0.05| = 0.03; spreads 2.90 -> 3.10.
    expect(caption.lines).toEqual([
      'Without BN (step 600 → 1,200): median input moved 0.55 (−2.25 → −2.80), 15–85% spread 0.50 → 1.40; test accuracy 12.6% (step 1,000).',
      'With BN (step 600 → 1,200): median input moved 0.03 (0.05 → 0.02), 15–85% spread 2.90 → 3.10; test accuracy 88.6% (step 1,000).',
    ]);
  });

  it('reads the snapshot kept at or before the anchor when the anchor step was thinned away', () => {
    const h = history();
    const caption = describeNarration(h, { runId: h.runId, steps: { plain: 900, bn: 900 }, layer: 1, unit: 0 });
    expect(caption.lines[0]).toContain('(step 600 → 1,200): median input moved 0.55 (−2.25 → −2.80)');
  });

  it('gives the current figures only when nothing has happened since the anchor', () => {
    const h = history();
    const caption = describeNarration(h, anchorFor(h));
    expect(caption.heading).toBe('Step 1,200: the input of hidden layer 2 (the last), unit 0');
    expect(caption.lines[0]).toBe('Without BN (step 1,200): median input −2.80, 15–85% spread 1.40; test accuracy 12.6% (step 1,000).');
  });

  it('says a diverged network diverged instead of quoting its percentiles', () => {
    const h = history();
    h.networks[0].status = { type: 'diverged', step: 700, reason: 'loss is NaN' };
    const caption = describeNarration(h, { runId: h.runId, steps: { plain: 0, bn: 0 }, layer: 1, unit: 0 });
    expect(caption.lines[0]).toBe('Without BN: diverged at step 700; test accuracy 12.6% (step 1,000).');
  });

  it('skips missing percentiles and says when there is no test accuracy yet', () => {
    const h = history();
    h.networks[1].tracked[2] = null;
    h.networks[1].testAccuracy = [];
    h.networks[1].testSteps = [];
    const caption = describeNarration(h, { runId: h.runId, steps: { plain: 0, bn: 0 }, layer: 1, unit: 0 });
    // Latest usable percentiles are step 600's: |0.05 - 0.10| = 0.05.
    expect(caption.lines[1]).toBe('With BN (step 0 → 600): median input moved 0.05 (0.10 → 0.05), 15–85% spread 2.50 → 2.90; no test accuracy yet.');
  });

  it('never writes NaN and never claims BN removes the shift', () => {
    const h = history();
    const text = [describeNarration(h, { runId: h.runId, steps: { plain: 0, bn: 0 }, layer: 1, unit: 0 }), describeNarration(h, anchorFor(h))]
      .flatMap((c) => [c.heading, ...c.lines]).join(' ');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(`${text} ${NARRATION_NOTE}`).not.toMatch(/removes|eliminates|because of internal covariate/i);
    expect(NARRATION_NOTE).toContain('Santurkar et al. (2018) dispute');
  });
});

describe('networks at different steps', () => {
  it('compares each network with its own step at the anchor, and heads the caption with the slower one', () => {
    const h = history();
    // BN's worker is behind: its latest kept snapshot is step 600.
    h.networks[1].steps = [0, 600];
    h.networks[1].tracked = h.networks[1].tracked.slice(0, 2);
    const anchor = anchorFor({ ...h, networks: [{ ...h.networks[0], steps: [0, 600], tracked: h.networks[0].tracked.slice(0, 2) }, { ...h.networks[1], steps: [0], tracked: h.networks[1].tracked.slice(0, 1) }] });
    expect(anchor.steps).toEqual({ plain: 600, bn: 0 });
    const caption = describeNarration(h, anchor);
    expect(caption.step).toBe(600);
    expect(caption.heading).toBe('Step 600: the input of hidden layer 2 (the last), unit 0');
    expect(caption.lines[0]).toContain('Without BN (step 600 → 1,200): median input moved 0.55');
    // |0.05 - 0.10| = 0.05; spreads 2.50 -> 2.90.
    expect(caption.lines[1]).toContain('With BN (step 0 → 600): median input moved 0.05 (0.10 → 0.05), 15–85% spread 2.50 → 2.90');
  });
});

describe('anchors', () => {
  it('start at the latest step and no longer fit after a new run or a new tracked unit', () => {
    const h = history();
    const anchor = anchorFor(h);
    expect(anchor).toEqual({ runId: h.runId, steps: { plain: 1200, bn: 1200 }, layer: 1, unit: 0 });
    expect(slowestStep(h)).toBe(1200);
    expect(anchorFits(anchor, h)).toBe(true);
    expect(anchorFits(anchor, { ...h, runId: h.runId + 1 })).toBe(false);
    expect(anchorFits(anchor, { ...h, tracked: { layer: 1, unit: 3 } })).toBe(false);
  });
});
