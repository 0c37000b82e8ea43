import { beforeEach, describe, expect, it } from 'vitest';
import { applyUrlState, queryKeepingPageParams } from '../../src/store/bridge.ts';
import { useExperimentStore, withNotice } from '../../src/store/index.ts';
import { LINK_NOTICE_ITEMS, linkNoticeContent, reportLinkProblems, withLinkProblems } from '../../src/store/linkNotice.ts';

const junkKeys = (count: number, prefix = 'k'): string => Array.from({ length: count }, (_, i) => `${prefix}${i}=1`).join('&');

beforeEach(() => useExperimentStore.setState(useExperimentStore.getInitialState(), true));

describe('the link\'s one notice', () => {
  it('lists the first five problems and counts the rest', () => {
    const problems = Array.from({ length: 12 }, (_, i) => `problem ${i}`);
    const { text, items } = linkNoticeContent(problems);
    expect(text).toBe('Parts of this link could not be used, and were ignored or replaced by their defaults:');
    expect(items).toEqual([...problems.slice(0, LINK_NOTICE_ITEMS), 'and 7 more.']);
    expect(linkNoticeContent(['one'])).toEqual({ text: 'Part of this link could not be used, and was ignored or replaced by its default:', items: ['one'] });
  });

  it('gathers problems reported later into the same notice, once each, and leaves other notices alone', () => {
    let notices = withNotice([], 'info', 'Changing Depth restarts the run.');
    expect(withLinkProblems(notices, [])).toBe(notices);
    notices = withLinkProblems(notices, ['a', 'b']);
    notices = withLinkProblems(notices, ['b', 'c']);
    expect(notices).toHaveLength(2);
    expect(notices[1]).toMatchObject({ kind: 'error', items: ['a', 'b', 'c'], linkProblems: ['a', 'b', 'c'] });
    expect(withLinkProblems(notices, ['a'])).toBe(notices);
    expect(new Set(notices.map((n) => n.id)).size).toBe(2);
  });

  it('is one notice for a link of 1,500 unknown keys, invalid page values and bad settings', () => {
    const search = `?preset=spiral&${junkKeys(1_500)}&depth=99&embed=junk&present=junk&controls=${'x,'.repeat(300)}play&${junkKeys(200, 'lab.p')}`;
    applyUrlState(useExperimentStore, search);
    reportLinkProblems(['guide must be a tour step from 1 to 8 (got "999"); the tour is not opened']);
    const { notices, config, presetId } = useExperimentStore.getState();
    expect(presetId).toBe('spiral');
    expect(config.depth).toBe(3);
    expect(notices).toHaveLength(1);
    expect(notices[0].linkProblems).toHaveLength(7);
    expect(notices[0].items).toEqual([
      expect.stringMatching(/^unknown settings "k0", .* and 1,495 more/),
      expect.stringMatching(/^depth must be/),
      'embed must be 1 or 0 (got "junk"); embed mode off',
      expect.stringMatching(/^unknown control "x"/),
      'present must be 1 or 0 (got "junk"); presentation mode off',
      'and 2 more.',
    ]);
    expect(JSON.stringify(notices).length).toBeLessThan(4_000);
  });

  it('is not there for a clean link', () => {
    applyUrlState(useExperimentStore, '?preset=spiral&embed=1&controls=play,reset&lab=lr-sweep&lab.factors=0.1,1&guide=2&present=1');
    expect(useExperimentStore.getState().notices).toEqual([]);
  });
});

describe('the address bar the bridge writes', () => {
  it('keeps the page\'s parameters exactly as written: commas stay commas, + stays +', () => {
    const search = '?learningRate=3&embed=1&controls=play,reset,learningRate&lab.factors=0.1,1,1e+3&junk=1&view=fig1';
    expect(queryKeepingPageParams(search, 'preset=spiral')).toBe('preset=spiral&embed=1&controls=play,reset,learningRate&lab.factors=0.1,1,1e+3&view=fig1');
    expect(queryKeepingPageParams('?x=%E0%A4%A&guide=2', '')).toBe('guide=2');
  });

  it('drops a one-word page value the page could not use, as it drops an invalid setting', () => {
    const search = '?embed=%3Cx%3E&present=junk&autoplay=maybe&theme=solarized&view=fig1,zz&guide=999&present=1&theme=dark';
    expect(queryKeepingPageParams(search, 'preset=spiral')).toBe('preset=spiral&view=fig1,zz&guide=999&present=1&theme=dark');
  });
});
