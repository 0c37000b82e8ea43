import { describe, expect, it } from 'vitest';
import type { NetworkFrame, NetworkId } from '../../src/experiment/types.ts';
import { variantsFor } from '../../src/worker/handler.ts';
import { harness, TINY } from './harness.ts';
import type { Harness } from './harness.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';

/** A run of `config` stepped `steps` at a time `times` times, training `variants`. */
async function run(config: ExperimentConfig, variants: NetworkId[] | undefined, steps: number, times: number): Promise<Harness> {
  const h = harness();
  await h.handler.handle({ type: 'init', config, play: false, variants });
  for (let i = 0; i < times; i++) {
    await h.handler.handle({ type: 'step', count: steps });
    h.drain();
  }
  return h;
}

/** Every frame of `id` in the run, as plain data (typed arrays as arrays) for exact comparison. */
function framesOf(h: Harness, id: NetworkId): unknown[] {
  return h.snapshots().flatMap((s) => s.frames.filter((f) => f.id === id)).map((f: NetworkFrame) => ({
    ...f,
    layers: f.layers.map((l) => ({ ...l, counts: Array.from(l.counts) })),
  }));
}

describe('a worker that trains some of the networks', () => {
  it('announces only its networks and sends only their frames', async () => {
    const h = await run(TINY, ['bn'], 10, 1);
    expect(h.ofType('ready')[0].networks).toEqual(['bn']);
    expect(h.snapshots().every((s) => s.frames.length === 1 && s.frames[0].id === 'bn')).toBe(true);
  });

  it('trains each network bit for bit as a worker that trains both', async () => {
    const both = await run(TINY, undefined, 137, 3);
    for (const id of ['plain', 'bn'] as const) {
      const alone = await run(TINY, [id], 137, 3);
      const expected = framesOf(both, id);
      expect(expected.length).toBeGreaterThanOrEqual(4);
      expect(framesOf(alone, id)).toEqual(expected);
    }
  });

  it('keeps the BN network identical after the plain one diverged next to it', async () => {
    const config: ExperimentConfig = { ...TINY, activation: 'linear', initScale: 1000 };
    const both = await run(config, undefined, 100, 3);
    const alone = await run(config, ['bn'], 100, 3);
    expect(both.snapshots().at(-1)!.frames[0].status.type).toBe('diverged');
    expect(framesOf(alone, 'bn')).toEqual(framesOf(both, 'bn'));
  });

  it('keeps its networks through a reset and a rebuilding setting', async () => {
    const h = await run(TINY, ['plain'], 5, 1);
    await h.handler.handle({ type: 'reset' });
    await h.handler.handle({ type: 'setConfig', patch: { depth: 2 } });
    expect(h.ofType('ready').map((r) => r.networks)).toEqual([['plain'], ['plain'], ['plain']]);
  });

  it('reads unknown network names as a notice and trains the known ones, or the config\'s own', () => {
    const reported: string[] = [];
    const twins = { ...TINY, noisyBn: false };
    const triple = { ...TINY, noisyBn: true };
    expect(variantsFor(['bn', 'nosy' as NetworkId], twins, (m) => reported.push(m)).map((v) => v.id)).toEqual(['bn']);
    expect(reported).toEqual(['There is no network called "nosy".']);
    expect(variantsFor([], twins, () => {}).map((v) => v.id)).toEqual(['plain', 'bn']);
    expect(variantsFor([], triple, () => {}).map((v) => v.id)).toEqual(['plain', 'bn', 'noisy']);
    expect(variantsFor(undefined, twins, () => {}).map((v) => v.id)).toEqual(['plain', 'bn']);
    expect(variantsFor(undefined, triple, () => {}).map((v) => v.id)).toEqual(['plain', 'bn', 'noisy']);
    expect(variantsFor(['noisy', 'plain'], twins, () => {}).map((v) => v.id)).toEqual(['plain', 'noisy']);
  });

  it('trains the third network when the config asks for it, and drops it when a setting turns it off', async () => {
    const h = await run({ ...TINY, noisyBn: true }, undefined, 5, 1);
    await h.handler.handle({ type: 'setConfig', patch: { noisyBn: false } });
    expect(h.ofType('ready').map((r) => r.networks)).toEqual([['plain', 'bn', 'noisy'], ['plain', 'bn']]);
  });
});
