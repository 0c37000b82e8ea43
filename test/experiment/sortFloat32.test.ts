import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFloat32Sorter } from '../../src/experiment/sortFloat32.ts';

describe('createFloat32Sorter', () => {
  it('sorts exactly as Float32Array#sort does, for any finite values', () => {
    const sorter = createFloat32Sorter();
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 700 }), (raw) => {
        const values = Float32Array.from(raw);
        const expected = values.slice().sort();
        sorter.sort(values);
        // Object.is tells -0 from 0: both sorts must agree on it too.
        return values.every((v, i) => Object.is(v, expected[i]) || (v === 0 && expected[i] === 0));
      }),
      { numRuns: 300 },
    );
  });

  it('orders negatives, zero and positives, and sorts a view in place without touching its neighbours', () => {
    const buffer = Float32Array.from([9, 3.5, -1, 0, -7.25, 2, 9]);
    createFloat32Sorter().sort(buffer.subarray(1, 6));
    expect(Array.from(buffer)).toEqual([9, -7.25, -1, 0, 2, 3.5, 9]);
  });
});
