import { describe, expect, it } from 'vitest';
import { readSharedScales, sharedScalesValue } from '../../src/url/sharedScales.ts';
import { pageParamProblems, sharedScalesProblem } from '../../src/url/pageParams.ts';
import { withQueryParam } from '../../src/url/query.ts';

describe('shared scales in a link', () => {
  it('default to every chart on its own scale', () => {
    expect(readSharedScales('?preset=spiral')).toEqual({ scales: { figure1: false, layers: false }, unknown: [] });
    expect(sharedScalesValue({ figure1: false, layers: false })).toBeNull();
  });

  it('read the charts a link names, in any order and case, and write them back in one order', () => {
    const { scales } = readSharedScales('?shared=Layers,figure1');
    expect(scales).toEqual({ figure1: true, layers: true });
    expect(sharedScalesValue(scales)).toBe('figure1,layers');
    expect(readSharedScales('?shared=layers').scales).toEqual({ figure1: false, layers: true });
  });

  it('name the words that are no chart once, in the link\'s one notice, and use the rest', () => {
    const search = '?shared=figure1,axes,axes,__proto__';
    expect(readSharedScales(search)).toEqual({ scales: { figure1: true, layers: false }, unknown: ['axes', '__proto__'] });
    expect(sharedScalesProblem(search)).toBe('shared takes figure1 and layers (got "axes", "__proto__"); ignored');
    expect(pageParamProblems(search)).toContain(sharedScalesProblem(search));
    expect(sharedScalesProblem('?shared=figure1')).toBeNull();
    expect(sharedScalesProblem('?shared=')).toBeNull();
  });

  it('round-trip through the address bar with commas kept', () => {
    const query = withQueryParam('preset=spiral', 'shared', sharedScalesValue({ figure1: true, layers: true }));
    expect(query).toBe('preset=spiral&shared=figure1,layers');
    expect(readSharedScales(`?${query}`).scales).toEqual({ figure1: true, layers: true });
  });
});
