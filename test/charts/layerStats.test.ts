import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../src/charts/layerStats.ts';

describe('formatFigure', () => {
  it('writes three significant digits and never an exponent', () => {
    expect(formatFigure(0.123456)).toBe('0.123');
    expect(formatFigure(3.7e-10)).toBe('<0.001');
    expect(formatFigure(-9.2e-4)).toBe('>−0.001');
    expect(formatFigure(12345)).toBe('12.3k');
    expect(formatFigure(2.5e7)).toBe('25M');
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(null)).toBe('–');
    for (const v of [1e-12, 5e-5, 1e5, 1e9, -3e8]) expect(formatFigure(v)).not.toMatch(/e[+-]?\d/);
  });

  it('writes shares as percentages', () => {
    expect(formatFigure(0.1, true)).toBe('10%');
    expect(formatFigure(0.004, true)).toBe('0.4%');
  });
});
