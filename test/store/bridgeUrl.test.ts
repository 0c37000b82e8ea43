// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { replaceBrowserQuery } from '../../src/store/bridge.ts';

describe('the address bar, as the bridge rewrites it', () => {
  it('replaces the experiment\'s parameters and keeps the page\'s own (embed, guide, lab and lab.*), in their order', () => {
    window.history.replaceState(null, '', '/app/?learningRate=3&embed=1&lab=lr-sweep&lab.steps=200&guide=2&batchSize=8&lab.factors=0.1%2C1#top');
    replaceBrowserQuery('preset=spiral&seed=4');
    expect(window.location.pathname).toBe('/app/');
    expect(window.location.hash).toBe('#top');
    expect(window.location.search).toBe('?preset=spiral&seed=4&embed=1&lab=lr-sweep&lab.steps=200&guide=2&lab.factors=0.1%2C1');
    replaceBrowserQuery('');
    expect(window.location.search).toBe('?embed=1&lab=lr-sweep&lab.steps=200&guide=2&lab.factors=0.1%2C1');
  });
});
