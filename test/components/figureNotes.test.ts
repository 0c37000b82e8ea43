import { describe, expect, it } from 'vitest';
import type { PercentileSeries } from '../../src/charts/series.ts';
import { accuracyLeadNote, driftNote, formatNoteNumber, shiftNote } from '../../src/components/figureNotes.ts';
import type { LayerHistory } from '../../src/store/types.ts';

const net = (id: 'plain' | 'bn', testSteps: number[], testAccuracy: number[]) => ({ id, testSteps, testAccuracy });

/** A tracked unit whose median follows `p50` with a band of ±`half` around it. */
function unit(p50: number[], half: number, id: 'plain' | 'bn' = 'plain'): PercentileSeries {
  return { id, xs: p50.map((_, i) => i * 100), p15: p50.map((v) => v - half), p50, p85: p50.map((v) => v + half) };
}

describe('accuracyLeadNote', () => {
  const plain = net('plain', [0, 500, 1000], [0.1, 0.11, 0.2]);
  const bn = net('bn', [0, 500, 1000], [0.1, 0.7, 0.82]);

  it('says who leads by how many points at the latest step both networks were tested', () => {
    expect(accuracyLeadNote([plain, bn], null)).toMatchObject({ text: 'With BN ahead by 62 points at step 1,000', network: 'bn' });
  });

  it('follows the scrubber to the evaluation at or before the marked step', () => {
    expect(accuracyLeadNote([plain, bn], 999)?.text).toBe('With BN ahead by 59 points at step 500');
    expect(accuracyLeadNote([plain, bn], 0)).toMatchObject({ text: 'Level at step 0', network: null });
  });

  it('names the plain network when it leads, in the singular for one point', () => {
    expect(accuracyLeadNote([net('plain', [100], [0.5]), net('bn', [100], [0.49])], null)).toMatchObject({ text: 'Without BN ahead by 1 point at step 100', network: 'plain' });
  });

  it('uses only steps both networks reached, and says nothing before that or without both networks', () => {
    // The BN network has been tested once more than the plain one: the note stays at their common step.
    expect(accuracyLeadNote([plain, net('bn', [0, 500, 1000, 1100], [0.1, 0.7, 0.82, 0.9])], null)?.text).toBe('With BN ahead by 62 points at step 1,000');
    expect(accuracyLeadNote([net('plain', [], []), bn], null)).toBeNull();
    expect(accuracyLeadNote([bn], null)).toBeNull();
  });

  it('skips an evaluation that is not a number (a diverged network)', () => {
    expect(accuracyLeadNote([net('plain', [0, 100], [0.1, Number.NaN]), net('bn', [0, 100], [0.3, 0.5])], null)?.text).toBe('With BN ahead by 20 points at step 0');
  });
});

describe('driftNote', () => {
  it('calls a median that wanders across more than its spread drifting, in multiples of that spread', () => {
    const note = driftNote(unit([0, -1.5, -2, -2.8, -2.5], 0.5), null);
    expect(note).toMatchObject({ text: 'drifts: median moved 2.8× its spread', network: 'plain' });
    expect(note?.detail).toMatch(/^Over steps 0–400 the median moved across 2\.8, 2\.8 times its typical 15–85% spread of 1\. /);
  });

  it('calls a median that moves less than its spread near 0 centred, and away from 0 near where it is', () => {
    expect(driftNote(unit([0.1, -0.2, 0.15, 0.05], 1.2, 'bn'), null)).toMatchObject({ text: 'stays centred: median moved 0.15× its spread', network: 'bn' });
    expect(driftNote(unit([3, 3.2, 2.9, 3.1], 1), null)?.text).toBe('stays near 3.1: median moved 0.15× its spread');
  });

  it('says a median that jumped and then froze has settled, and does not call a spreadless saturated unit drifting', () => {
    // Learning rate x30: the plain unit runs to -95 in the first snapshots and stays there, all its values alike.
    expect(driftNote(unit([0, -60, -95, -95.01, -95, -95.02, -95], 0.001), null)?.text).toBe('settled at −95 after moving 10× its spread');
    expect(driftNote(unit([-9.3, -9.32, -9.28, -9.3], 0.001), null)?.text).toBe('stays near −9.3: median moved 0.043× its spread');
    // A slow network's few snapshots: two in the later half that agree are enough.
    expect(driftNote({ id: 'plain', xs: [0, 250, 500, 750], p15: [0, -95, -95, -95], p50: [0, -95, -95, -95], p85: [0, -95, -95, -95] }, null)?.text)
      .toBe('settled at −95 after moving 10× its spread');
  });

  it('keeps calling a median that still moves in the later half drifting', () => {
    expect(driftNote(unit([0, -1, -2, -3, -4, -5], 0.5), null)?.text).toBe('drifts: median moved 5× its spread');
  });

  it('reads only up to the marked step, and needs three finite snapshots', () => {
    expect(driftNote(unit([0, 0.1, 0.05, -3, -4], 0.5), 200)?.text).toBe('stays centred: median moved 0.1× its spread');
    expect(driftNote(unit([0, 0.1, 0.05, -3, -4], 0.5), 400)?.text).toMatch(/^drifts/);
    expect(driftNote(unit([0, 1], 0.5), null)).toBeNull();
    const gaps = unit([0, 1, 2, 3], 0.5);
    gaps.p50[1] = null;
    gaps.p15[2] = Number.NaN;
    expect(driftNote(gaps, null)).toBeNull();
  });
});

describe('formatNoteNumber', () => {
  it('writes two significant digits with a true minus and no exponent', () => {
    expect([0, 2.83, -9.31, 0.354, 1234, 0.004, -0.004].map(formatNoteNumber)).toEqual(['0', '2.8', '−9.3', '0.35', '1,200', '< 0.01', '> −0.01']);
  });
});

describe('shiftNote', () => {
  /** A network whose layer 1 had shift `drift[i]` at `steps[i]`. */
  const shifts = (id: 'plain' | 'bn', steps: number[], drift: number[]) =>
    ({ id, steps, layers: [{ drift } as unknown as LayerHistory] });
  const steps = [0, 500, 1000, 1500, 2000];

  it('calls BN steadier when its inputs moved at least 1.25 times less over the same 1,000 steps', () => {
    const note = shiftNote([shifts('plain', steps, [0, 3, 2.1, 2, 1.9]), shifts('bn', steps, [0, 1, 0.4, 0.5, 0.6])], 0, null);
    expect(note).toMatchObject({ text: 'Steadier with BN: 0.6σ vs 1.9σ without', network: 'bn' });
    expect(note?.detail).toContain('steps 1,000-2,000');
  });

  it('says so when the measure does not favour BN, and about equal in between', () => {
    const plain = shifts('plain', steps, [0, 1, 1, 1, 1]);
    expect(shiftNote([plain, shifts('bn', steps, [0, 1, 1, 1, 1.3])], 0, null))
      .toMatchObject({ text: 'Not favouring BN here: 1.3σ with BN vs 1σ without', network: 'plain' });
    expect(shiftNote([plain, shifts('bn', steps, [0, 1, 1, 1, 1.2])], 0, null)).toMatchObject({ text: 'About equal: 1.2σ with BN, 1σ without', network: null });
  });

  it('follows the scrubber, and says nothing before a full window or without both networks', () => {
    const plain = shifts('plain', steps, [0, 3, 2, 1, 1]);
    const bn = shifts('bn', steps, [0, 1, 0.5, 1, 2]);
    expect(shiftNote([plain, bn], 0, 1499)?.text).toBe('Steadier with BN: 0.5σ vs 2σ without');
    expect(shiftNote([plain, bn], 0, 999)).toBeNull();
    expect(shiftNote([bn], 0, null)).toBeNull();
    // Snapshots of the two workers fall on different steps: the plain one at most 100 steps before counts.
    expect(shiftNote([shifts('plain', [0, 1430], [0, 3]), shifts('bn', [0, 1490], [0, 0.5])], 0, null)?.text).toBe('Steadier with BN: 0.5σ vs 3σ without');
    expect(shiftNote([shifts('plain', [0, 1380], [0, 3]), shifts('bn', [0, 1490], [0, 0.5])], 0, null)).toBeNull();
    // A diverged network's missing figure is skipped back to the last step both have.
    expect(shiftNote([shifts('plain', steps, [0, 3, 2, Number.NaN, 0]), bn], 0, null)?.text).toBe('Steadier with BN: 0.5σ vs 2σ without');
  });
});
