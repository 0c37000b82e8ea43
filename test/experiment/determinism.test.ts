import { describe, expect, it } from 'vitest';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { createSession } from '../../src/experiment/session.ts';
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { ExperimentConfig } from '../../src/experiment/settings.ts';
import type { Snapshot } from '../../src/experiment/types.ts';
import { weightsOutputs as outputs } from './snapshotBits.ts';

const config: ExperimentConfig = {
  ...DEFAULT_CONFIG, dataset: 'spiral', depth: 3, width: 16, activation: 'tanh', initScheme: 'xavier', batchSize: 16,
  learningRate: 0.2, momentum: 0.5, evalEvery: 1, seed: 5,
};
const data = makeSynthetic('spiral', config.seed);

describe('a session is deterministic', () => {
  it('gives the same snapshot, bit for bit, in two runs of the same config', () => {
    const a = createSession(config, data);
    const b = createSession(config, makeSynthetic('spiral', config.seed));
    a.advance(300);
    b.advance(300);
    const [sa, sb] = [a.snapshot(0), b.snapshot(0)];
    expect(sb).toEqual(sa);
    expect(outputs(sb)).toEqual(outputs(sa));
  });

  it('gives the same snapshot after advance(300) as after advance(100) three times', () => {
    const once = createSession(config, data);
    const thrice = createSession(config, data);
    once.advance(300);
    for (let i = 0; i < 3; i++) thrice.advance(100);
    // No snapshot in between: even the training-loss averages and drift must agree.
    expect(thrice.snapshot(0)).toEqual(once.snapshot(0));
  });

  it('is not changed by taking snapshots (test evaluations, probes) along the way', () => {
    const quiet = createSession(config, data);
    const watched = createSession(config, data);
    quiet.advance(300);
    const along: Snapshot[] = [];
    for (const count of [1, 49, 50, 100, 37, 63]) {
      watched.advance(count);
      along.push(watched.snapshot(0));
    }
    expect(watched.step).toBe(300);
    const [q, w] = [quiet.snapshot(0), watched.snapshot(0)];
    expect(outputs(w)).toEqual(outputs(q));
    // Training loss is averaged since the previous snapshot, so only the last window's matches: not compared.
    // The comparison is sensitive: the snapshots along the way differ from the end.
    expect(outputs(along[2])).not.toEqual(outputs(q));
  });

  it('tells different seeds apart (the comparison can fail)', () => {
    const a = createSession(config, data);
    const b = createSession({ ...config, seed: 6 }, data);
    a.advance(50);
    b.advance(50);
    expect(outputs(b.snapshot(0))).not.toEqual(outputs(a.snapshot(0)));
  });
});
