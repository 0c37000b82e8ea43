/** Snapshots carry the BN network's tracked unit on its latest training batch (batchSample.ts). */
import { describe, expect, it } from 'vitest';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { createSession } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import { DEFAULT_VARIANTS } from '../../src/experiment/variants.ts';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 2, width: 8, activation: 'tanh', batchSize: 16,
  learningRate: 0.1, evalEvery: 10, initScheme: 'xavier', seed: 3, trackedLayer: 0, trackedUnit: 5,
};
const data = makeSynthetic('spiral', 3);

describe('the snapshot batch', () => {
  it('is absent at step 0 and then holds the tracked unit of the BN network on the step just taken', () => {
    const session = createSession(config, data);
    expect(session.snapshot(0).batch).toBeUndefined();
    session.advance(3);
    const batch = session.snapshot(0).batch;
    expect(batch).toMatchObject({ network: 'bn', step: 3, layer: 0, unit: 5, epsilon: 1e-5 });
    if (!batch) return;
    expect(batch.x).toHaveLength(16);
    const mean = batch.x.reduce((a, b) => a + b, 0) / 16;
    const variance = batch.x.reduce((a, b) => a + (b - mean) ** 2, 0) / 16;
    expect(batch.mean).toBeCloseTo(mean, 5);
    expect(batch.variance).toBeCloseTo(variance, 5);
  });

  it('follows a change of tracked unit while paused, from the same batch', () => {
    const session = createSession(config, data);
    session.advance(2);
    const before = session.snapshot(0).batch;
    session.applyLive({ trackedLayer: 1, trackedUnit: 0 });
    const after = session.snapshot(0).batch;
    expect(after).toMatchObject({ step: 2, layer: 1, unit: 0 });
    expect(after?.x).not.toEqual(before?.x);
  });

  it('is absent without a BN network', () => {
    const session = createSession(config, data, { variants: DEFAULT_VARIANTS.filter((v) => !v.batchNorm) });
    session.advance(2);
    expect(session.snapshot(0).batch).toBeUndefined();
  });
});
