import { describe, expect, it } from 'vitest';
import { fromSliderPosition, parseSettingNumber, SLIDER_STEPS, toSliderPosition } from '../../src/components/sliderScale.ts';

const lr = { min: 1e-4, max: 100, scale: 'log' as const };

describe('slider scale', () => {
  it('spreads a log setting evenly over decades', () => {
    // 6 decades from 1e-4 to 1e2: 1e-1 sits half way.
    expect(toSliderPosition(0.1, lr)).toBe(SLIDER_STEPS / 2);
    expect(fromSliderPosition(SLIDER_STEPS / 2, lr)).toBeCloseTo(0.1, 12);
    expect(fromSliderPosition(0, lr)).toBe(1e-4);
    expect(fromSliderPosition(SLIDER_STEPS, lr)).toBe(100);
  });

  it('maps a linear setting proportionally and rounds whole-number settings', () => {
    const depth = { min: 1, max: 10, integer: true };
    expect(toSliderPosition(5.5, depth)).toBe(500);
    expect(fromSliderPosition(333, depth)).toBe(4);
  });

  it('round-trips values through positions within one slider step', () => {
    for (const v of [1e-4, 3e-3, 0.5, 7, 99]) {
      const back = fromSliderPosition(toSliderPosition(v, lr), lr);
      expect(Math.abs(Math.log(back / v))).toBeLessThan(Math.log(1e6) / SLIDER_STEPS + 1e-3);
    }
  });

  it('clamps out-of-range and non-finite values to the ends', () => {
    expect(toSliderPosition(1e9, lr)).toBe(SLIDER_STEPS);
    expect(toSliderPosition(Number.NaN, lr)).toBe(0);
  });

  it('accepts typed numbers only inside the range and whole when required', () => {
    expect(parseSettingNumber('32', { min: 2, max: 1000, integer: true })).toBe(32);
    expect(parseSettingNumber('3.5', { min: 2, max: 1000, integer: true })).toBeNull();
    expect(parseSettingNumber('1', { min: 2, max: 1000 })).toBeNull();
    expect(parseSettingNumber('banana', lr)).toBeNull();
    expect(parseSettingNumber('', lr)).toBeNull();
  });
});
