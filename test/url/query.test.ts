import { describe, expect, it } from 'vitest';
import { escapeQueryValue, hrefWithQueryParam, partKey, queryParts, withQueryParam } from '../../src/url/query.ts';

describe('editing a query as text', () => {
  it('escapes values with commas kept readable', () => {
    expect(escapeQueryValue('0.1,1,10')).toBe('0.1,1,10');
    expect(escapeQueryValue('a b&c=d,%')).toBe('a%20b%26c%3Dd,%25');
  });

  it('splits parts as written and reads their keys, bad escapes as null', () => {
    expect(queryParts('?a=1&&b&c=%2C')).toEqual(['a=1', 'b', 'c=%2C']);
    expect(partKey('lab.k%26=1')).toBe('lab.k&');
    expect(partKey('bare')).toBe('bare');
    expect(partKey('%E0%A4%A=1')).toBe(null);
  });

  it('sets a parameter in place of its first occurrence, drops repeats, and keeps every other part exactly', () => {
    const search = '?controls=play,reset&guide=2&lab.factors=0.1%2C1&learningRate=1e+3&guide=7&bad=%E0%A4%A';
    expect(withQueryParam(search, 'guide', '3')).toBe('controls=play,reset&guide=3&lab.factors=0.1%2C1&learningRate=1e+3&bad=%E0%A4%A');
    expect(withQueryParam(search, 'guide', null)).toBe('controls=play,reset&lab.factors=0.1%2C1&learningRate=1e+3&bad=%E0%A4%A');
    expect(withQueryParam('preset=spiral', 'present', '1')).toBe('preset=spiral&present=1');
    expect(withQueryParam('', 'present', null)).toBe('');
  });

  it('edits an href the same way, keeping path and hash, with no %2C', () => {
    const href = 'http://h/app/?embed=1&controls=play,reset,learningRate#x';
    expect(hrefWithQueryParam(href, 'present', '1')).toBe('http://h/app/?embed=1&controls=play,reset,learningRate&present=1#x');
    expect(hrefWithQueryParam('http://h/app/?present=1', 'present', null)).toBe('http://h/app/');
  });
});
