/** The gradient tests' error measure against an oracle (see test/engine/gradients.test.ts for why the floor is global). */
import { expect } from 'vitest';
import { maxAbs } from './fixtures.ts';

/**
 * The worst relative error |a - b| / max(|a|, |b|, floor * the largest oracle value of the whole
 * network) over every parameter, with its name and index; each parameter must exist with the oracle's length.
 */
export function worstRelativeError(
  mine: Record<string, Float32Array>, oracle: Record<string, Float32Array>, floor: number,
): { error: number; name: string; index: number } {
  const scale = Object.values(oracle).reduce((largest, values) => Math.max(largest, maxAbs(values)), 0);
  let worst = { error: 0, name: '', index: -1 };
  for (const [name, expected] of Object.entries(oracle)) {
    const actual = mine[name];
    expect(actual, name).toBeDefined();
    expect(actual.length, name).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      const error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(actual[i]), Math.abs(expected[i]), floor * scale);
      if (!(error <= worst.error)) worst = { error, name, index: i };
    }
  }
  return worst;
}
