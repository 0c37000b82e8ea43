import { describe, expect, it } from 'vitest';
import { loadMnistDataset } from '../../src/cli/mnistSource.ts';
import { configForPreset } from '../../src/experiment/presets.ts';
import { createSession } from '../../src/experiment/session.ts';
import type { NetworkFrame, TrackedPercentiles } from '../../src/experiment/types.ts';

/** How far the tracked unit's 15/50/85th percentiles moved between two snapshots. */
const moved = (a: TrackedPercentiles, b: TrackedPercentiles): number =>
  Math.abs(b.p15 - a.p15) + Math.abs(b.p50 - a.p50) + Math.abs(b.p85 - a.p85);

describe('the paper-fig1 preset (a cheap, 1,500-step version of Figure 1)', () => {
  it('trains BN faster, and moves the plain network\'s tracked sigmoid input far more than BN\'s', () => {
    // Test evaluations fall on multiples of evalEvery (and at the first snapshot): here at steps 300 and 1,500.
    const config = { ...configForPreset('paper-fig1'), evalEvery: 1500 };
    const session = createSession(config, loadMnistDataset({ binarize: true, seed: config.seed }));
    // From step 300: by then BN's running statistics (momentum 0.1) have forgotten their
    // initial mean 0 / variance 1, so its inference-mode inputs are normalised.
    session.advance(300);
    const start = session.snapshot(0).frames;
    session.advance(1200);
    const end = session.snapshot(0).frames;
    const byId = (frames: NetworkFrame[], id: string): NetworkFrame => frames.find((f) => f.id === id) as NetworkFrame;
    const [plain0, bn0, plain1, bn1] = [byId(start, 'plain'), byId(start, 'bn'), byId(end, 'plain'), byId(end, 'bn')];
    expect(plain1.status.type).toBe('training');
    expect(bn1.status.type).toBe('training');
    expect([plain1.test?.step, bn1.test?.step]).toEqual([1500, 1500]);
    const plainAccuracy = plain1.test?.accuracy ?? 0;
    const bnAccuracy = bn1.test?.accuracy ?? 0;
    // Figure 1(a): BN is already near its plateau; the plain network has left chance (10%) but lags far behind.
    expect(bnAccuracy).toBeGreaterThan(0.85);
    expect(plainAccuracy).toBeGreaterThan(0.15);
    expect(bnAccuracy - plainAccuracy).toBeGreaterThan(0.3);
    // Figure 1(b, c): without BN the percentiles drift in mean and spread; with BN they stay put.
    const plainMoved = moved(plain0.tracked as TrackedPercentiles, plain1.tracked as TrackedPercentiles);
    const bnMoved = moved(bn0.tracked as TrackedPercentiles, bn1.tracked as TrackedPercentiles);
    expect(plainMoved).toBeGreaterThan(3 * bnMoved);
  });
});
