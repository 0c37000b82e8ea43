import { describe, expect, it } from 'vitest';
import { createNetwork, SANTURKAR_BN_NOISE } from '../../src/engine/index.ts';
import { createBatchSampler, takeFirst } from '../../src/data/batches.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { percentiles, unitColumn } from '../../src/experiment/metrics.ts';
import { batchSeedFor, createSession, PROBE_SIZE } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { NETWORK_IDS } from '../../src/experiment/types.ts';
import {
  ALL_VARIANTS, DEFAULT_VARIANTS, largestDivisorUpTo, networkConfigFor, networksFor, NOISY_VARIANT, parseNetworkList, variantsByIds,
} from '../../src/experiment/variants.ts';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 2, width: 8, activation: 'sigmoid', batchSize: 16,
  learningRate: 0.1, evalEvery: 10, initScheme: 'xavier', seed: 3,
};
const data = makeSynthetic('spiral', 3);

describe('network variants', () => {
  it('keeps the default experiment to plain and BN, and offers BN + noise as a third', () => {
    expect(NETWORK_IDS).toEqual(['plain', 'bn']);
    expect(DEFAULT_VARIANTS.map((v) => v.id)).toEqual(['plain', 'bn']);
    expect(ALL_VARIANTS.map((v) => v.id)).toEqual(['plain', 'bn', 'noisy', 'bn-after', 'ghost', 'ln', 'gn']);
    expect(NOISY_VARIANT).toMatchObject({ batchNorm: true, bnNoise: SANTURKAR_BN_NOISE, probeNoise: true });
  });

  it('builds the noisy network as the BN one plus Santurkar\'s constants, and the others without noise', () => {
    const [plain, bn, noisy] = ALL_VARIANTS.slice(0, 3).map((variant) => networkConfigFor(config, 2, 3, variant));
    expect(plain.bnNoise).toBeNull();
    expect(bn.bnNoise).toBeNull();
    expect(noisy).toEqual({ ...bn, bnNoise: SANTURKAR_BN_NOISE });
  });

  it('picks variants by id in display order and refuses unknown or no ids', () => {
    expect(variantsByIds(['noisy', 'plain']).map((v) => v.id)).toEqual(['plain', 'noisy']);
    expect(() => variantsByIds(['plain', 'wild'])).toThrow(/unknown network "wild" \(networks: plain, bn, noisy, bn-after, ghost, ln, gn\)/);
    expect(() => variantsByIds([])).toThrow(/at least one/);
  });
});

describe('a session with BN + noise', () => {
  it('trains three networks in lockstep and leaves the plain and BN frames as they are without it', () => {
    const three = createSession(config, data, { variants: ALL_VARIANTS.slice(0, 3) });
    const two = createSession(config, data);
    three.advance(30);
    two.advance(30);
    const [withNoise, without] = [three.snapshot(0), two.snapshot(0)];
    expect(withNoise.frames.map((f) => f.id)).toEqual(['plain', 'bn', 'noisy']);
    expect(withNoise.frames.slice(0, 2)).toEqual(without.frames);
    const noisy = withNoise.frames[2];
    expect(noisy.trainLoss).not.toBe(withNoise.frames[1].trainLoss);
    expect(noisy.layers).toHaveLength(2);
  });

  it('measures the noisy network\'s layer inputs with a fresh noise draw, as an independent replay does', () => {
    const session = createSession(config, data, { variants: [NOISY_VARIANT] });
    const network = createNetwork(networkConfigFor(config, 2, 3, NOISY_VARIANT));
    const sampler = createBatchSampler(data.train, config.batchSize, batchSeedFor(config.seed));
    const probeSet = takeFirst(data.test, PROBE_SIZE);
    const atZero = session.snapshot(0).frames[0];
    const replayZero = network.probe(probeSet, { bnNoise: true });
    expect(atZero.tracked).toEqual(Object.fromEntries(['p15', 'p50', 'p85'].map((k, i) => [k, percentiles(unitColumn(replayZero[1], 8, 0), [15, 50, 85])[i]])));
    for (let i = 0; i < 20; i++) network.trainStep(sampler.next(), { learningRate: 0.1 });
    session.advance(20);
    const frame = session.snapshot(0).frames[0];
    const probes = network.probe(probeSet, { bnNoise: true });
    const [p15, p50, p85] = percentiles(unitColumn(probes[1], 8, 0), [15, 50, 85]);
    expect(frame.tracked).toEqual({ p15, p50, p85 });
    // Without the noise the percentiles would differ: the frame really shows the noisy inputs.
    const clean = percentiles(unitColumn(network.probe(probeSet)[1], 8, 0), [15, 50, 85]);
    expect(clean[1]).not.toBe(p50);
  });
});

describe('the normalization zoo', () => {
  const zoo: ExperimentConfig = { ...config, width: 12, batchSize: 16, normGroups: 5, ghostBatchSize: 6, residual: true };

  it('builds each variant\'s normalization, with the groups and virtual batches the engine can use', () => {
    const byId = Object.fromEntries(ALL_VARIANTS.map((v) => [v.id, networkConfigFor(zoo, 2, 3, v)]));
    expect(byId.plain).toMatchObject({ batchNorm: false, residual: true });
    expect(byId.plain.normalization).toBeUndefined();
    expect(byId['bn-after']).toMatchObject({ batchNorm: true, normPlacement: 'after' });
    // 5 groups do not divide 12 units: the largest divisor under 5 is 4; 6 does not divide 16: 4.
    expect(byId.gn).toMatchObject({ normalization: 'group', normGroups: 4 });
    expect(byId.ghost).toMatchObject({ batchNorm: true, ghostBatchSize: 4 });
    expect(byId.ln).toMatchObject({ normalization: 'layer' });
    expect(byId.ln.normGroups).toBeUndefined();
    expect(byId.bn.ghostBatchSize).toBeUndefined();
    expect(largestDivisorUpTo(16, 6)).toBe(4);
    expect(largestDivisorUpTo(7, 100)).toBe(7);
    expect(largestDivisorUpTo(7, 6)).toBe(1);
  });

  it('reads the networks from the config\'s list in display order, with BN + noise when noisyBn', () => {
    expect(networksFor({ variants: 'plain,bn', noisyBn: false })).toEqual(['plain', 'bn']);
    expect(networksFor({ variants: 'gn,plain,ln', noisyBn: true })).toEqual(['plain', 'noisy', 'ln', 'gn']);
    expect(parseNetworkList('bn, wild')).toEqual({ unknown: 'wild' });
  });

  it('trains every variant from the same dense weights on the same batches, and each differently', () => {
    const session = createSession(zoo, data, { variants: ALL_VARIANTS });
    const initial = ALL_VARIANTS.map((v) => createNetwork(networkConfigFor(zoo, 2, 3, v)).parameters()['dense1.weight']);
    for (const weights of initial) expect(weights).toEqual(initial[0]);
    session.advance(20);
    const frames = session.snapshot(0).frames;
    expect(frames.map((f) => f.id)).toEqual(['plain', 'bn', 'noisy', 'bn-after', 'ghost', 'ln', 'gn']);
    const losses = new Set(frames.map((f) => f.trainLoss));
    expect(losses.size).toBe(frames.length);
    for (const frame of frames) expect(Number.isFinite(frame.trainLoss)).toBe(true);
  });

  it('applies weight decay as a live setting: the weights shrink', () => {
    const norm = (decay: number): number => {
      const session = createSession({ ...zoo, weightDecay: 0 }, data, { variants: [ALL_VARIANTS[1]] });
      session.applyLive({ weightDecay: decay });
      session.advance(50);
      return session.snapshot(0).frames[0].trainLoss ?? NaN;
    };
    expect(norm(0.05)).not.toBe(norm(0));
  });
});
