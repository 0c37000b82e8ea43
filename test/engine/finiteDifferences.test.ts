/**
 * Gradients against central finite differences of the engine's own float32 loss, a check
 * independent of any autodiff: (L(w + h) - L(w - h)) / (2h) on random coordinates.
 */
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation, NetworkConfig } from '../../src/engine/types.ts';
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

/**
 * The normalization zoo (issue 14): each normalization, placement and residual layout, on
 * [8, 8, 8, 3] so every hidden layer is residual when asked. GroupNorm in groups of 4 units: over
 * groups of 2 or 3 the normalised values are nearly +-1 and the loss curves too sharply for a step
 * of 1e-2 (measured: 15-30% truncation error, 0.1% at a step of 1e-3); TF.js autodiff checks those small groups.
 */
const ZOO: [string, Partial<NetworkConfig>][] = [
  ['LayerNorm', { normalization: 'layer' }],
  ['GroupNorm (2 groups)', { normalization: 'group', normGroups: 2 }],
  ['ghost BN (virtual batches of 3)', { normalization: 'batch', ghostBatchSize: 3 }],
  ['BN after the nonlinearity', { normalization: 'batch', normPlacement: 'after' }],
  ['LayerNorm after the nonlinearity', { normalization: 'layer', normPlacement: 'after' }],
  ['GroupNorm after, residual', { normalization: 'group', normGroups: 2, normPlacement: 'after', residual: true }],
  ['BN, residual', { normalization: 'batch', residual: true }],
  ['ghost BN after, residual', { normalization: 'batch', ghostBatchSize: 3, normPlacement: 'after', residual: true }],
  ['none, residual', { normalization: 'none', residual: true }],
];

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe('finite differences', () => {
    it.each(CASES)('agree with the %s network\'s gradients (batchNorm %s)', (activation, batchNorm) => {
      checkFiniteDifferences({ layers: [5, 6, 4, 3], activation, batchNorm, init: { scheme: 'xavier' }, seed: 17 }, kernel);
    });

    it.each(ZOO.flatMap(([name, zoo]) => (['sigmoid', 'tanh'] as const).map((activation) => [name, activation, zoo] as const)))(
      'agree with the %s %s network\'s gradients', (_name, activation, zoo) => {
        checkFiniteDifferences({ layers: [8, 8, 8, 3], activation, init: { scheme: 'xavier' }, seed: 17, ...zoo }, kernel);
      },
    );
  });
});

/** Central differences of the loss on 4 random coordinates of every parameter against the engine's gradient. */
function checkFiniteDifferences(config: NetworkConfig, kernel: (typeof KERNEL_BACKENDS)[number]): void {
  {
    {
      const net = createNetwork(config, kernel);
      perturbParameters(net, 18);
      const rng = createRng(19);
      const inputs = config.layers[0];
      const batch = randomBatch(rng, 9, inputs, 3, 0.2, 1.3);
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
    }
  }
}
