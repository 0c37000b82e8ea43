/**
 * Every gradient of the normalization zoo against TensorFlow.js autodiff (the oracle of
 * gradients.test.ts, with the same tolerance and floor): BN, ghost BN, LayerNorm and GroupNorm,
 * each before and after the nonlinearity, each with and without residual connections, on a
 * network whose first hidden layer is residual too (width equal to the input's) and one whose is
 * not; on both kernel paths.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/network.ts';
import { createRng } from '../../src/engine/rng.ts';
import type { Activation, NetworkConfig } from '../../src/engine/types.ts';
import { perturbParameters, randomBatch } from './helpers/fixtures.ts';
import { referenceForward } from './helpers/reference64.ts';
import { worstRelativeError } from './helpers/relativeError.ts';
import { tfLossAndGradients, useTfCpu } from './helpers/tfOracle.ts';
import { KERNEL_BACKENDS } from './helpers/backends.ts';

/** As gradients.test.ts: relative error with a floor of 1e-3 of the network's largest gradient. */
const FLOOR = 1e-3;
const TOLERANCE = 1e-3;

beforeAll(useTfCpu);

/** A normalization variant: the config fields it sets. */
type Variant = [string, Partial<NetworkConfig>];

const NORMS: Variant[] = [
  ['none', { normalization: 'none' }],
  ['BN', { normalization: 'batch' }],
  ['ghost BN (virtual batches of 4)', { normalization: 'batch', ghostBatchSize: 4 }],
  // Virtual batches of 2 are checked against plain BN in ghostBatchNorm.test.ts instead: with m = 2
  // the float32 oracle's round-off where a pair's variance nears epsilon exceeds the tolerance.
  ['ghost BN (virtual batches of 3)', { normalization: 'batch', ghostBatchSize: 3 }],
  ['LayerNorm', { normalization: 'layer' }],
  ['GroupNorm (2 groups)', { normalization: 'group', normGroups: 2 }],
];
const PLACEMENTS = ['before', 'after'] as const;
const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu'];
/** [6, 6, 6, 4]: every hidden layer residual (the first adds the input); [13, 8, 8, 8, 5]: the first is not. */
const SHAPES = [[6, 6, 6, 4], [13, 8, 8, 8, 5]];
const BATCH_SIZE = 12;

/** The nonlinearity, in float64, as the reference applies it. */
function activate(activation: Activation, v: number): number {
  return activation === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : activation === 'tanh' ? Math.tanh(v) : activation === 'relu' ? Math.max(0, v) : v;
}

/**
 * The smallest spread (std) of the values one normalization statistic is taken over (a BN column of a
 * (virtual) batch, an example's LayerNorm row or GroupNorm group) over the root mean square of its
 * layer's values; exactly constant groups (a dead ReLU unit) are exact in float32 and not counted.
 * A spread far under the values' size (0.03 seen) means x - mean cancels most of their bits: float32
 * round-off, the engine's and TF.js's alike, is then amplified by that factor.
 */
function narrowestSpread(config: Required<NetworkConfig>, parameters: Record<string, Float32Array>, x: Float32Array, n: number): number {
  const { u, z } = referenceForward(config, parameters, x, n, 'train');
  const units = config.layers.slice(1, -1);
  let narrowest = Infinity;
  units.forEach((width, l) => {
    // The values normalised: the dense output (before), or the nonlinearity's output (after).
    const values = config.normPlacement === 'after' ? u[l].map((row) => row.map((v) => activate(config.activation, v))) : z[l];
    const rms = Math.sqrt(values.flat().reduce((s, v) => s + v * v, 0) / (n * width)) || 1;
    const groups: number[][] = [];
    if (config.normalization === 'batch') {
      const ghost = config.ghostBatchSize ?? n;
      for (let start = 0; start < n; start += ghost) for (let j = 0; j < width; j++) groups.push(values.slice(start, start + ghost).map((row) => row[j]));
    } else if (config.normalization !== 'none') {
      const size = config.normalization === 'layer' ? width : width / config.normGroups;
      for (const row of values) for (let j = 0; j < width; j += size) groups.push(row.slice(j, j + size));
    }
    for (const g of groups) {
      const mean = g.reduce((s, v) => s + v, 0) / g.length;
      const std = Math.sqrt(g.reduce((s, v) => s + (v - mean) ** 2, 0) / g.length);
      if (std > 0) narrowest = Math.min(narrowest, std / rms);
    }
  });
  return narrowest;
}

describe.each(KERNEL_BACKENDS)('on the %s kernels', (kernel) => {
  describe.each(NORMS)('%s', (_name, norm) => {
    const cases = PLACEMENTS.filter((placement) => norm.normalization !== 'none' || placement === 'before')
      .flatMap((placement) => [false, true].flatMap((residual) => ACTIVATIONS.flatMap((activation) =>
        SHAPES.map((layers) => [placement, residual, activation, layers] as const))));
    it.each(cases)('placed %s, residual %s, %s, layers %j: every gradient and the loss match TF.js autodiff', (placement, residual, activation, layers) => {
      const config: NetworkConfig = {
        layers: [...layers], activation, init: { scheme: 'xavier' }, seed: 7, normPlacement: placement, residual, ...norm,
      };
      const net = createNetwork(config, kernel);
      perturbParameters(net, 11);
      const batch = randomBatch(createRng(100 + layers.length), BATCH_SIZE, layers[0], layers[layers.length - 1], 0.5, 1.5);

      const mine = net.lossAndGradients(batch);
      const oracle = tfLossAndGradients(net.config, net.parameters(), batch);

      expect(Object.keys(mine.gradients).sort()).toEqual(Object.keys(oracle.gradients).sort());
      expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
      const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
      expect(worst.error, `${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
    });
  });

  it('matches TF.js autodiff on random combinations: widths, groups, virtual batches, placement, residual, nonlinearity', () => {
    const arbitraryCase = fc.record({
      normalization: fc.constantFrom('none', 'batch', 'layer', 'group' as const),
      normPlacement: fc.constantFrom('before', 'after' as const),
      residual: fc.boolean(),
      activation: fc.constantFrom('sigmoid', 'tanh', 'relu', 'linear' as const),
      groups: fc.integer({ min: 1, max: 3 }),
      // Statistics over at least 3 values, per example as per batch: over 2, x-hat is +-1 and the
      // gradient below ~0 by the maths, so float32 round-off near epsilon breaks the oracle's bar.
      groupWidth: fc.integer({ min: 3, max: 5 }),
      depth: fc.integer({ min: 1, max: 3 }),
      // At least 3 inputs: with one, BN's invariance to the scale of W makes dL/dW of the first layer
      // 0 by the maths (but for the epsilon term), and the test would weigh round-off against round-off.
      inputs: fc.integer({ min: 3, max: 9 }),
      classes: fc.integer({ min: 2, max: 5 }),
      ghost: fc.option(fc.integer({ min: 3, max: 5 }), { nil: null }),
      virtualBatches: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(fc.property(arbitraryCase, (c) => {
      const width = c.groups * c.groupWidth;
      const ghostBatchSize = c.normalization === 'batch' ? c.ghost : null;
      const n = ghostBatchSize === null ? 4 + c.virtualBatches * 3 : ghostBatchSize * c.virtualBatches;
      const layers = [c.inputs, ...Array.from({ length: c.depth }, () => width), c.classes];
      const config: NetworkConfig = {
        layers, activation: c.activation, normalization: c.normalization, normGroups: c.groups, normPlacement: c.normPlacement,
        residual: c.residual, ghostBatchSize, init: { scheme: 'xavier' }, seed: c.seed,
      };
      const net = createNetwork(config, kernel);
      perturbParameters(net, c.seed + 1);
      const batch = randomBatch(createRng(c.seed + 2), n, c.inputs, c.classes, 0.5, 1.5);
      // Statistics over values that agree to within a tenth of their size cancel most of their float32 bits, the
      // oracle's too (seen: a GroupNorm group of 3 with std 0.03 of its layer's, the engine and TF.js each ~4e-7
      // from the float64 gradient of 7.8e-4): such draws are not judged at this tolerance, as groups of 2 are not.
      fc.pre(narrowestSpread(net.config, net.parameters(), batch.x, batch.n) >= 0.1);
      const mine = net.lossAndGradients(batch);
      const oracle = tfLossAndGradients(net.config, net.parameters(), batch);
      expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
      const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
      expect(worst.error, `${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
    }), { numRuns: 60 });
  });

  describe('per-example normalizations on tiny and odd batches', () => {
    const cases = (['layer', 'group'] as const).flatMap((normalization) => [1, 2, 3, 61].map((n) => [normalization, n] as const));
    it.each(cases)('%s with a batch of %i matches TF.js autodiff', (normalization, n) => {
      const layers = [9, 12, 12, 4];
      const net = createNetwork({ layers, activation: 'sigmoid', normalization, normGroups: 3, init: { scheme: 'xavier' }, seed: 5 }, kernel);
      perturbParameters(net, 6);
      const batch = randomBatch(createRng(n), n, layers[0], 4, -0.3, 2);
      const mine = net.lossAndGradients(batch);
      const oracle = tfLossAndGradients(net.config, net.parameters(), batch);
      expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
      const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
      expect(worst.error, `${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
    });
  });

  describe('with binary, mostly-zero inputs (the zero-skipping kernels) and the paper-like layout', () => {
    it.each(NORMS.filter(([name]) => name !== 'none'))('%s matches TF.js autodiff, before and after the sigmoid', (_name, norm) => {
      for (const normPlacement of PLACEMENTS) {
        const layers = [30, 12, 12, 5];
        const net = createNetwork({ layers, activation: 'sigmoid', init: { scheme: 'gaussian', std: 0.3 }, seed: 9, normPlacement, ...norm }, kernel);
        perturbParameters(net, 12);
        const rng = createRng(13);
        const batch = randomBatch(rng, 24, layers[0], 5);
        for (let i = 0; i < batch.x.length; i++) batch.x[i] = rng.next() < 0.2 ? 1 : 0;
        const mine = net.lossAndGradients(batch);
        const oracle = tfLossAndGradients(net.config, net.parameters(), batch);
        expect(Math.abs(mine.loss - oracle.loss) / Math.abs(oracle.loss)).toBeLessThan(1e-5);
        const worst = worstRelativeError(mine.gradients, oracle.gradients, FLOOR);
        expect(worst.error, `${normPlacement}: ${worst.name}[${worst.index}]`).toBeLessThan(TOLERANCE);
      }
    });
  });
});
