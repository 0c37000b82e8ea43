/**
 * Every gradient of the engine against TensorFlow.js autodiff (the oracle), on the same
 * parameters and batch: BN on and off, every activation, odd layer sizes, tiny to real batches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation, NetworkConfig } from '../../src/engine/types.ts';
import { perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { worstRelativeError } from './helpers/relativeError.ts';
import { tfLossAndGradients, useTfCpu } from './helpers/tfOracle.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

/**
 * Relative error with a floor: |a - b| / max(|a|, |b|, FLOOR * largest oracle gradient of the
 * whole network). The floor is global, not per tensor, on purpose: with BN and m = 2 the
 * gradient below a BN layer is ~0 by the maths (x-hat = +-1 cancels every term) wherever
 * the batch variance is >> epsilon, and huge (badly conditioned) where it is ~epsilon; a
 * per-tensor floor would then compare float32 round-off with round-off. Measured: float32
 * round-off reaches ~2e-6 of the network's gradient scale in that m = 2 case (e.g. a max
 * difference of 1.3e-5 on a tensor whose largest entry is 5.8) and stays ~1e-7 elsewhere.
 * FLOOR = 1e-3 with TOLERANCE = 1e-3 therefore still demands |a - b| < 1e-6 of the scale on
 * tiny entries and 0.1% on the others: a wrong or missing term (the size of the terms that
 * cancel, or of the gradient itself) is orders of magnitude above that.
 */
const FLOOR = 1e-3;
const TOLERANCE = 1e-3;

beforeAll(useTfCpu);

const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];
const SHAPES = [[7, 5, 3, 4], [13, 9, 9, 9, 6]];
const BATCH_SIZES = [2, 3, 17, 60];

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe.each([true, false])('with batchNorm %s', (batchNorm) => {
    describe.each(ACTIVATIONS)('and %s', (activation) => {
      it.each(SHAPES.flatMap((layers) => BATCH_SIZES.map((n) => [layers, n] as const)))(
        'matches TF.js autodiff for every gradient and the loss, layers %j, batch %i',
        (layers, n) => {
          const config: NetworkConfig = { layers: [...layers], activation, batchNorm, init: { scheme: 'xavier' }, seed: 7 };
          const net = createNetwork(config, kernel);
          perturbParameters(net, 11);
          const batch = randomBatch(createRng(100 + n), n, layers[0], layers[layers.length - 1], 0.5, 1.5);

          const mine = net.lossAndGradients(batch);
          const oracle = tfLossAndGradients(net.config, net.parameters(), batch);

          expect(Object.keys(mine.gradients).sort()).toEqual(Object.keys(oracle.gradients).sort());
          expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
          const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
          expect(worst.error, `${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
        },
      );
    });
  });

  describe('with binary, mostly-zero inputs (binarised MNIST takes the zero-skipping kernels)', () => {
    it.each([true, false])('matches TF.js autodiff for every gradient (batchNorm %s)', (batchNorm) => {
      const layers = [30, 12, 8, 5];
      const net = createNetwork({ layers, activation: 'sigmoid', batchNorm, init: { scheme: 'gaussian', std: 0.3 }, seed: 9 }, kernel);
      perturbParameters(net, 12);
      const rng = createRng(13);
      const batch = randomBatch(rng, 20, layers[0], 5);
      for (let i = 0; i < batch.x.length; i++) batch.x[i] = rng.next() < 0.2 ? 1 : 0;

      const mine = net.lossAndGradients(batch);
      const oracle = tfLossAndGradients(net.config, net.parameters(), batch);

      expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
      const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
      expect(worst.error, `${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
    });
  });
});
