import { describe, expect, it } from 'vitest';
import { readEmbedOptions } from '../../src/embed/options.ts';
import { controlsValue, readPageControls, showsControl } from '../../src/url/pageControls.ts';
import { pageParamProblems } from '../../src/url/pageParams.ts';

describe('the classroom link\'s controls', () => {
  it('shows every control when the link names none', () => {
    const controls = readPageControls('?preset=lr-x30');
    expect(controls).toEqual({ restricted: false, kept: [] });
    expect(showsControl(controls, 'reset')).toBe(true);
    expect(showsControl(controls, 'presets')).toBe(true);
  });

  it('keeps only the transport buttons, page parts and settings it lists, in its order, once each', () => {
    const controls = readPageControls('?preset=lr-x30&controls=play,learningRate,presets,play,%20batchSize%20');
    expect(controls).toEqual({ restricted: true, kept: ['play', 'learningRate', 'presets', 'batchSize'] });
    expect(showsControl(controls, 'play')).toBe(true);
    expect(showsControl(controls, 'reset')).toBe(false);
    expect(showsControl(controls, 'lab')).toBe(false);
    expect(showsControl(controls, 'depth')).toBe(false);
  });

  it('keeps nothing for none, an empty value or only unknown words, and the last parameter decides', () => {
    for (const search of ['?controls=none', '?controls=', '?controls=bogus,,', '?controls=play&controls=none']) {
      expect(readPageControls(search)).toEqual({ restricted: true, kept: [] });
    }
    expect(readPageControls('?controls=none&controls=reset').kept).toEqual(['reset']);
  });

  it('writes none for an empty choice and the list otherwise', () => {
    expect(controlsValue([])).toBe('none');
    expect(controlsValue(['play', 'tour', 'seed'])).toBe('play,tour,seed');
  });

  it('names unknown words in the link\'s notice, and page parts only in an embed', () => {
    expect(pageParamProblems('?controls=play,presets,lab,tour')).toEqual([]);
    expect(pageParamProblems('?controls=play,wings,lab')).toEqual([
      'unknown control "wings" (controls: play, step, reset, presets, lab, tour, none, or a setting such as learningRate); ignored',
    ]);
    expect(readEmbedOptions('?embed=1&controls=play,presets,tour').problems).toEqual(['controls "presets", "tour" only on the full page, not in an embed; ignored']);
    expect(readEmbedOptions('?embed=1&controls=play,presets,tour')).toMatchObject({ transport: ['play'], settings: [] });
  });

  it('names a tour step or lab job the classroom link hides the tour or lab for', () => {
    expect(pageParamProblems('?controls=play&guide=3&lab=lr-sweep')).toEqual([
      'guide needs "tour" in the link\'s controls (the guided tour is hidden); ignored',
      'lab needs "lab" in the link\'s controls (the lab is hidden); ignored',
    ]);
    expect(pageParamProblems('?controls=play,tour,lab&guide=3&lab=lr-sweep')).toEqual([]);
    expect(pageParamProblems('?guide=3&lab=lr-sweep')).toEqual([]);
  });

  it('gives one capped message for a link of thousands of junk words', () => {
    const junk = Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(',');
    const problems = pageParamProblems(`?controls=play,${junk}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^unknown controls "w0", "w1", "w2" and 1,997 more /);
    expect(readPageControls(`?controls=play,${junk}`).kept).toEqual(['play']);
  });
});
