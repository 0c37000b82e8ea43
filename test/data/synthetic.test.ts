import { describe, expect, it } from 'vitest';
import { makeSynthetic, SYNTHETIC_CLASSES, SYNTHETIC_NAMES } from '../../src/data/synthetic.ts';
import { meanStd } from '../../src/experiment/metrics.ts';

function feature(x: Float32Array, f: number): number[] {
  return Array.from({ length: x.length / 2 }, (_, i) => x[i * 2 + f]);
}

describe.each(SYNTHETIC_NAMES)('the %s set', (name) => {
  const data = makeSynthetic(name, 1);

  it('has 2,000 training and 1,000 test examples of 2 features', () => {
    expect([data.train.n, data.test.n, data.inputs]).toEqual([2000, 1000, 2]);
    expect(data.train.x.length).toBe(4000);
    expect(data.classes).toBe(SYNTHETIC_CLASSES[name]);
  });

  it('uses every class, and only those', () => {
    const seen = new Set(data.train.y);
    expect([...seen].sort()).toEqual(Array.from({ length: data.classes }, (_, c) => c));
    for (const label of data.test.y) expect(label).toBeLessThan(data.classes);
  });

  it('standardises the training inputs to mean 0 and std 1 per feature', () => {
    for (const f of [0, 1]) {
      const { mean, std } = meanStd(feature(data.train.x, f));
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(std).toBeCloseTo(1, 5);
      for (const v of feature(data.train.x, f)) expect(Math.abs(v)).toBeLessThan(4);
    }
  });

  it('is the same for the same seed and different for another seed', () => {
    expect(Array.from(makeSynthetic(name, 1).train.x)).toEqual(Array.from(data.train.x));
    expect(Array.from(makeSynthetic(name, 2).train.x)).not.toEqual(Array.from(data.train.x));
  });
});

describe('the xor set', () => {
  it('labels by whether the two raw inputs share a sign', () => {
    const data = makeSynthetic('xor', 5);
    // Standardisation shifts by the (tiny) train mean; the 0.05 padding keeps signs intact.
    for (let i = 0; i < data.test.n; i++) {
      const same = data.test.x[i * 2] * data.test.x[i * 2 + 1] > 0;
      expect(data.test.y[i]).toBe(same ? 0 : 1);
    }
  });
});
