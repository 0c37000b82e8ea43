/** Softmax cross-entropy: the value by hand, its gradient, stability and argmax accuracy. */
import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropy } from '../../src/engine/loss.ts';

describe('softmaxCrossEntropy', () => {
  it('equals -log softmax at the label, with gradient (softmax - onehot) * scale', () => {
    const logits = Float32Array.of(1, 2, 3, 0.5, -1, 0);
    const labels = Uint8Array.of(2, 0);
    const dLogits = new Float32Array(6);
    const { lossSum, correct } = softmaxCrossEntropy(logits, labels, 2, 3, dLogits, 0.5);
    const row0 = [1, 2, 3].map(Math.exp);
    const row1 = [0.5, -1, 0].map(Math.exp);
    const z0 = row0.reduce((a, b) => a + b);
    const z1 = row1.reduce((a, b) => a + b);
    expect(lossSum).toBeCloseTo(-Math.log(row0[2] / z0) - Math.log(row1[0] / z1), 6);
    expect(correct).toBe(2);
    const expected = [row0[0] / z0, row0[1] / z0, row0[2] / z0 - 1, row1[0] / z1 - 1, row1[1] / z1, row1[2] / z1].map((g) => g * 0.5);
    expected.forEach((g, i) => expect(dLogits[i]).toBeCloseTo(g, 6));
  });

  it('stays finite for huge logits (log-sum-exp)', () => {
    const { lossSum } = softmaxCrossEntropy(Float32Array.of(1e4, -1e4, 0), Uint8Array.of(2), 1, 3, null, 0);
    expect(lossSum).toBeCloseTo(1e4, 3);
  });

  it('reports NaN instead of throwing on NaN logits', () => {
    const { lossSum } = softmaxCrossEntropy(Float32Array.of(Number.NaN, 1), Uint8Array.of(1), 1, 2, new Float32Array(2), 1);
    expect(lossSum).toBeNaN();
  });
});
