/**
 * Gradients against central finite differences of the engine's own float32 loss, a check
 * independent of any autodiff: (L(w + h) - L(w - h)) / (2h) on random coordinates.
 */
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation } from '../../src/engine/types.ts';
import { perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

/**
 * h = 1e-2 in float32. Truncation error is O(h^2 L''') ~ 1e-4 relative; float32 round-off of
 * the loss (~1e-7 absolute on a loss ~1.5) divided by 2h adds ~1e-5 absolute. Hence
 * |fd - g| < RELATIVE * |g| + ABSOLUTE. A missing factor or term is far larger.
 */
const STEP = 1e-2;
const RELATIVE = 1e-2;
const ABSOLUTE = 2e-4;

// Smooth activations only: relu's kink would make a finite difference straddle it.
const CASES: [Activation, boolean][] = [['sigmoid', true], ['sigmoid', false], ['tanh', true], ['tanh', false], ['linear', true]];

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe('finite differences', () => {
    it.each(CASES)('agree with the %s network\'s gradients (batchNorm %s)', (activation, batchNorm) => {
      const net = createNetwork({ layers: [5, 6, 4, 3], activation, batchNorm, init: { scheme: 'xavier' }, seed: 17 }, kernel);
      perturbParameters(net, 18);
      const rng = createRng(19);
      const batch = randomBatch(rng, 9, 5, 3, 0.2, 1.3);
      const { gradients } = net.lossAndGradients(batch);
      const parameters = net.parameters();
      let checked = 0;
      for (const [name, gradient] of Object.entries(gradients)) {
        const values = parameters[name];
        for (let trial = 0; trial < 4; trial++) {
          const index = rng.int(values.length);
          const original = values[index];
          values[index] = original + STEP;
          const plusValue = values[index];
          const lossPlus = net.lossAndGradients(batch).loss;
          values[index] = original - STEP;
          const minusValue = values[index];
          const lossMinus = net.lossAndGradients(batch).loss;
          values[index] = original;
          const finiteDifference = (lossPlus - lossMinus) / (plusValue - minusValue);
          expect(Math.abs(finiteDifference - gradient[index]), `${name}[${index}]: fd ${finiteDifference} vs ${gradient[index]}`)
            .toBeLessThan(RELATIVE * Math.abs(gradient[index]) + ABSOLUTE);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(16);
    });
  });
});
