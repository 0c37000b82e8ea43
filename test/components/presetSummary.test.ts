import { describe, expect, it } from 'vitest';
import { splitSummary } from '../../src/components/presetSummary.ts';
import { PRESETS } from '../../src/experiment/presets.ts';

describe('splitSummary', () => {
  it('keeps the first sentence on screen and puts the rest behind the disclosure', () => {
    expect(splitSummary('Eight hidden sigmoid layers instead of three. Watch the plain network stay at chance.')).toEqual({
      lead: 'Eight hidden sigmoid layers instead of three.',
      rest: 'Watch the plain network stay at chance.',
    });
  });

  it('does not end a sentence inside a number, an abbreviation or a parenthesis', () => {
    expect(splitSummary('Section 4.1: std 0.01 (as Santurkar et al.\'s noise). Watch it.')).toEqual({
      lead: 'Section 4.1: std 0.01 (as Santurkar et al.\'s noise).',
      rest: 'Watch it.',
    });
  });

  it('leaves a one-sentence summary whole', () => {
    expect(splitSummary('Custom experiment: your own settings.')).toEqual({ lead: 'Custom experiment: your own settings.', rest: '' });
  });

  it('loses no word of any preset: lead and rest join back into the summary, and every preset has both', () => {
    for (const preset of PRESETS) {
      const { lead, rest } = splitSummary(preset.summary);
      expect(`${lead} ${rest}`).toBe(preset.summary.trim());
      expect(lead.length).toBeGreaterThan(20);
      expect(rest).toMatch(/^Watch /);
    }
  });
});
