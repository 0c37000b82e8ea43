import { describe, expect, it } from 'vitest';
import { linearTicks, logTicks, tickLabels } from '../../src/charts/ticks.ts';

const EXPONENT = /e[+-]?\d/;

describe('linearTicks', () => {
  it('gives at least three ticks on any range, however few are asked for', () => {
    for (const domain of [[0, 0.001], [-100, 2], [0, 1e5], [0.5, 0.9], [-95.3, -94.1], [0, 1]]) {
      for (const count of [0, 1, 2, 3]) {
        const ticks = linearTicks(domain, count);
        expect(ticks.length, `${String(domain)} @ ${count}`).toBeGreaterThanOrEqual(3);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(domain[0]);
          expect(t).toBeLessThanOrEqual(domain[1]);
        }
      }
    }
  });

  it('refines the step of [-100, 2] to -100, -50, 0 rather than -100, 0', () => {
    expect(linearTicks([-100, 2], 2)).toEqual([-100, -50, 0]);
  });

  it('widens an empty or point domain around its value', () => {
    expect(linearTicks([5, 5], 3).length).toBeGreaterThanOrEqual(3);
    expect(linearTicks([0, 0], 3).length).toBeGreaterThanOrEqual(3);
    expect(linearTicks([Number.NaN, Infinity], 3).length).toBeGreaterThanOrEqual(3);
  });
});

describe('logTicks', () => {
  it('uses powers of ten when three fit, the 1-2-5 series when not', () => {
    expect(logTicks([1e-6, 1], 4)).toEqual([1e-6, 1e-4, 0.01, 1]);
    expect(logTicks([0.3, 2], 7)).toEqual([0.5, 1, 2]);
  });

  it('keeps at least three ticks when thinning the 1-9 multiples would leave two (0.7..1.3: deep-sigmoid\'s shift chart)', () => {
    expect(logTicks([0.7, 1.3], 3)).toEqual([0.7, 0.8, 0.9, 1]);
  });

  it('falls back to linear ticks on a domain under a decade with no three 1-9 multiples', () => {
    const ticks = logTicks([0.21, 0.29], 5);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(t).toBeGreaterThan(0);
  });
});

describe('tickLabels', () => {
  it('writes plain decimals with no needless zeros and no exponent', () => {
    expect(tickLabels([0, 2, 4])).toEqual(['0', '2', '4']);
    expect(tickLabels([0, 0.5, 1, 1.5])).toEqual(['0', '0.5', '1', '1.5']);
    expect(tickLabels([0, 0.0002, 0.0004, 0.0006, 0.0008, 0.001])).toEqual(['0', '0.0002', '0.0004', '0.0006', '0.0008', '0.001']);
    expect(tickLabels([10, 20, 30])).toEqual(['10', '20', '30']);
    for (const label of tickLabels(linearTicks([0, 1e-7], 4))) expect(label).not.toMatch(EXPONENT);
  });

  it('writes negatives with a true minus sign and never "-0"', () => {
    expect(tickLabels([-100, -50, 0])).toEqual(['\u2212100', '\u221250', '0']);
    expect(tickLabels([-1e-13, 1, 2])[0]).toBe('0');
  });

  it('switches to SI prefixes at 10,000 (1,000 for step axes)', () => {
    expect(tickLabels([0, 20000, 40000, 60000, 80000, 100000])).toEqual(['0', '20k', '40k', '60k', '80k', '100k']);
    expect(tickLabels([0, 2000, 4000])).toEqual(['0', '2,000', '4,000']);
    expect(tickLabels([0, 2000, 4000], 'si')).toEqual(['0', '2k', '4k']);
    // Ticks closer than one unit of the prefix stay plain: never "0.05k".
    expect(tickLabels([0, 500, 1000, 1500], 'si')).toEqual(['0', '500', '1,000', '1,500']);
    expect(tickLabels([0, 50, 100, 950, 1000], 'si')).toEqual(['0', '50', '100', '950', '1,000']);
    expect(tickLabels([0, 5000, 10000, 15000], 'si')).toEqual(['0', '5k', '10k', '15k']);
    expect(tickLabels([0, 2.5e6, 5e6])).toEqual(['0', '2.5M', '5M']);
  });

  it('writes shares as percentages with the decimals their spacing needs', () => {
    expect(tickLabels([0, 0.25, 0.5, 0.75, 1], 'percent')).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(tickLabels([0, 0.0005, 0.001], 'percent')).toEqual(['0%', '0.05%', '0.1%']);
  });

  it('labels each tick of a log axis as exactly as its own value needs', () => {
    expect(tickLabels([0.001, 0.01, 0.1, 1, 10])).toEqual(['0.001', '0.01', '0.1', '1', '10']);
    expect(tickLabels([0.005, 0.015, 0.05, 0.15, 0.5, 1.5, 5, 15])).toEqual(['0.005', '0.015', '0.05', '0.15', '0.5', '1.5', '5', '15']);
  });
});
