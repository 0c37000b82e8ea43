import { describe, expect, it } from 'vitest';
import { guideProblem, readGuideStep } from '../../src/components/guide/guideUrl.ts';
import { decodeUrlState, unknownKeysMessage } from '../../src/url/codec.ts';
import { labWithoutJobProblem, namedList, pageParamProblems, readPresent } from '../../src/url/pageParams.ts';

/** A hostile link: `count` unknown keys (about 6 bytes each: 1,500 make a 9 KB link). */
const junkKeys = (count: number, prefix = 'k'): string => Array.from({ length: count }, (_, i) => `${prefix}${i}=1`).join('&');

describe('unknown keys in a link', () => {
  it('make one message however many there are, naming the first five and counting the rest', () => {
    const decoded = decodeUrlState(`?preset=spiral&${junkKeys(1_500)}&learningRate=2`);
    expect(decoded.errors).toHaveLength(1);
    expect(decoded.errors[0]).toMatch(/^unknown settings "k0", "k1", "k2", "k3", "k4" and 1,495 more \(settings: dataset, .*\); ignored$/);
    expect(decoded.config.learningRate).toBe(2);
  });

  it('keep the single-key message, name each key once, and stay within 400 characters for long keys', () => {
    expect(unknownKeysMessage(['colour'])).toMatch(/^unknown setting "colour" \(settings: .*\); ignored$/);
    expect(decodeUrlState('x=1&x=2').errors).toEqual([expect.stringMatching(/^unknown setting "x" /)]);
    const long = unknownKeysMessage(Array.from({ length: 9 }, (_, i) => `${'y'.repeat(60)}${i}`));
    expect(long.length).toBeLessThanOrEqual(400);
    expect(long).toMatch(/ and \d more \(settings/);
  });

  it('sit in the place of the first one among the other messages', () => {
    expect(decodeUrlState('depth=99&zz=1&seed=x&yy=2').errors.map((e) => e.split(' ')[0])).toEqual(['depth', 'unknown', 'seed']);
  });
});

describe('the page\'s own parameters', () => {
  it('turn presentation mode on for 1 or true only, and name any other value', () => {
    expect(readPresent('?present=1')).toEqual({ on: true, problem: null });
    expect(readPresent('?present=TRUE')).toEqual({ on: true, problem: null });
    expect(readPresent('?present=0')).toEqual({ on: false, problem: null });
    expect(readPresent('?preset=spiral')).toEqual({ on: false, problem: null });
    expect(readPresent('?present=junk')).toEqual({ on: false, problem: 'present must be 1 or 0 (got "junk"); presentation mode off' });
  });

  it('name lab params given without a lab job', () => {
    expect(labWithoutJobProblem('lab=lr-sweep&lab.steps=5')).toBe(null);
    expect(labWithoutJobProblem('preset=spiral')).toBe(null);
    expect(labWithoutJobProblem('lab.steps=5&lab=')).toBe('"lab.steps" need a lab job (lab=lr-sweep, for one); ignored');
    expect(labWithoutJobProblem(junkKeys(10, 'lab.p'))).toBe('"lab.p0", "lab.p1", "lab.p2" and 7 more need a lab job (lab=lr-sweep, for one); ignored');
    expect(namedList(['a'])).toBe('"a"');
  });

  it('are all checked together: embed, its options, presentation mode and lab', () => {
    expect(pageParamProblems('?preset=spiral&embed=1&view=fig1&controls=play&present=1&guide=2&lab=lr-sweep&lab.steps=5')).toEqual([]);
    const problems = pageParamProblems('?embed=%3Cx%3E&controls=play,zap&present=junk&lab.steps=5');
    expect(problems).toEqual([
      'embed must be 1 or 0 (got "<x>"); embed mode off',
      expect.stringMatching(/^unknown control "zap" \(controls: .*\); ignored$/),
      'present must be 1 or 0 (got "junk"); presentation mode off',
      '"lab.steps" need a lab job (lab=lr-sweep, for one); ignored',
    ]);
  });

  it('name a guide value that is not a tour step, and leave the tour closed', () => {
    for (const bad of ['999', '-1', 'abc', '__proto__', '0', '2.5', '']) {
      expect(readGuideStep(`?guide=${bad}`, 8), bad).toBe(null);
      expect(guideProblem(`?guide=${bad}`, 8), bad).toBe(`guide must be a tour step from 1 to 8 (got "${bad}"); the tour is not opened`);
    }
    expect(guideProblem('?guide=3', 8)).toBe(null);
    expect(guideProblem('?preset=spiral', 8)).toBe(null);
  });
});
