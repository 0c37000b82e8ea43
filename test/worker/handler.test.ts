import { describe, expect, it } from 'vitest';
import { createSession, PROBE_SIZE } from '../../src/experiment/session.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';
import { harness, TINY } from './harness.ts';
import { paceLead } from '../../src/worker/progress.ts';
import { LOADING_HEARTBEAT_MS } from '../../src/worker/handler.ts';
import { fastPathAvailable } from '../../src/engine/index.ts';

async function started(config = TINY, play = false) {
  const h = harness();
  await h.handler.handle({ type: 'init', config, play });
  return h;
}

describe('the training handler', () => {
  it('answers init with ready, a step-0 snapshot, and the paused state', async () => {
    const h = await started();
    const [ready] = h.ofType('ready');
    expect(ready).toMatchObject({ runId: 1, networks: ['plain', 'bn'], hiddenUnits: [8, 8, 8], kernel: fastPathAvailable() ? 'wasm-simd' : 'js' });
    expect(ready.dataSizes).toEqual({ train: 2000, test: 1000, probe: PROBE_SIZE });
    expect(h.snapshots().map((s) => s.step)).toEqual([0]);
    expect(h.states().at(-1)).toBe('paused');
    expect(h.drain()).toBe(0);
  });

  it('streams snapshots with increasing steps and hands over their histogram buffers', async () => {
    const h = await started();
    await h.handler.handle({ type: 'play' });
    expect(h.states().at(-1)).toBe('running');
    h.runUntil(() => h.snapshots().length >= 6);
    const steps = h.snapshots().map((s) => s.step);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    // 1 ms per step on the fake clock and a snapshot every 50 ms: about 50 steps apart.
    for (let i = 2; i < steps.length; i += 1) expect(steps[i] - steps[i - 1]).toBeGreaterThanOrEqual(45);
    for (let i = 2; i < steps.length; i += 1) expect(steps[i] - steps[i - 1]).toBeLessThanOrEqual(70);
    const last = h.posted.filter((p) => p.event.type === 'snapshot').at(-1)!;
    const snapshot = last.event.type === 'snapshot' ? last.event.snapshot : null;
    // Two networks x three layers, each with its fixed-bin counts and its fitted histogram's counts.
    const buffers = snapshot!.frames.flatMap((f) => f.layers.flatMap((l) => [l.counts.buffer, ...(l.fitted ? [l.fitted.counts.buffer] : [])]));
    expect(last.transfer).toHaveLength(12);
    expect(new Set(last.transfer)).toEqual(new Set(buffers));
    expect(snapshot!.stepsPerSecond).toBeCloseTo(1000, 0);
  });

  it('stops stepping on pause, and stale slices do nothing', async () => {
    const h = await started(TINY, true);
    h.runUntil(() => h.snapshots().length >= 3);
    await h.handler.handle({ type: 'pause' });
    const pausedAt = h.snapshots().at(-1)!.step;
    expect(h.states().at(-1)).toBe('paused');
    h.drain();
    expect(h.snapshots().at(-1)!.step).toBe(pausedAt);
    expect(h.ofType('state').at(-1)).toMatchObject({ state: 'paused', step: pausedAt });
  });

  it('takes exactly N steps on step N, then pauses with a snapshot', async () => {
    const h = await started();
    await h.handler.handle({ type: 'step', count: 137 });
    h.drain();
    expect(h.snapshots().at(-1)!.step).toBe(137);
    expect(h.states().at(-1)).toBe('paused');
    await h.handler.handle({ type: 'step', count: 1 });
    h.drain();
    expect(h.snapshots().at(-1)!.step).toBe(138);
  });

  it('starts every run of a paced worker held at the pace lead until the pool raises the ceiling, and an unpaced one without', async () => {
    const h = harness();
    await h.handler.handle({ type: 'init', config: TINY, play: true, paced: true });
    const lead = paceLead(h.ofType('ready')[0].config);
    // The furthest step the current run has said it reached, in snapshots and progress states.
    const held = () => {
      const runId = h.ofType('ready').at(-1)!.runId;
      const steps = h.posted.map((p) => p.event).flatMap((e) => (e.type === 'snapshot' && e.runId === runId ? [e.snapshot.step] : e.type === 'state' && e.runId === runId ? [e.step] : []));
      return Math.max(...steps);
    };
    h.runUntil(() => false, 500);
    expect(held()).toBe(lead);
    expect(h.states().at(-1)).toBe('running');
    await h.handler.handle({ type: 'ceiling', step: lead + 60 });
    h.runUntil(() => false, 500);
    expect(held()).toBe(lead + 60);
    // A rebuilt run (reset) is held at the lead again, not at the last ceiling of the old run.
    await h.handler.handle({ type: 'reset' });
    h.runUntil(() => false, 500);
    expect(held()).toBe(lead);
    // The next init without `paced` trains past the lead.
    await h.handler.handle({ type: 'init', config: TINY, play: true });
    h.runUntil(() => held() > lead + 60, 2_000);
    expect(held()).toBeGreaterThan(lead + 60);
  });

  it('restarts from step 0 on reset with an identical first snapshot and a new runId', async () => {
    const h = await started();
    await h.handler.handle({ type: 'step', count: 40 });
    h.drain();
    await h.handler.handle({ type: 'reset' });
    const readies = h.ofType('ready');
    expect(readies.map((r) => r.runId)).toEqual([1, 2]);
    const firsts = h.ofType('snapshot').filter((s) => s.snapshot.step === 0);
    expect(firsts.map((s) => s.runId)).toEqual([1, 2]);
    expect(firsts[1].snapshot).toEqual(firsts[0].snapshot);
  });

  it('applies a learning rate at once, exactly as a session told the same thing', async () => {
    const h = await started();
    await h.handler.handle({ type: 'step', count: 30 });
    h.drain();
    await h.handler.handle({ type: 'setConfig', patch: { learningRate: 2 } });
    expect(h.ofType('configApplied').at(-1)).toMatchObject({ reset: false, config: { learningRate: 2 } });
    await h.handler.handle({ type: 'step', count: 30 });
    h.drain();
    expect(h.ofType('ready')).toHaveLength(1);

    const oracle = createSession(TINY, makeSynthetic('xor', TINY.seed));
    oracle.advance(30);
    oracle.applyLive({ learningRate: 2 });
    oracle.advance(30);
    const expected = oracle.snapshot(0);
    const actual = h.snapshots().at(-1)!;
    expect(actual.step).toBe(60);
    actual.frames.forEach((frame, i) => {
      frame.layers.forEach((layer, layerIdx) => {
        expect(layer.mean).toBe(expected.frames[i].layers[layerIdx].mean);
        expect(Array.from(layer.counts)).toEqual(Array.from(expected.frames[i].layers[layerIdx].counts));
      });
    });
    // And the change mattered: without it the weights differ.
    const unchanged = createSession(TINY, makeSynthetic('xor', TINY.seed));
    unchanged.advance(60);
    expect(unchanged.snapshot(0).frames[0].layers[2].mean).not.toBe(actual.frames[0].layers[2].mean);
  });

  it('rebuilds the run when the depth changes, and says so', async () => {
    const h = await started(TINY, true);
    h.runUntil(() => h.snapshots().length >= 3);
    await h.handler.handle({ type: 'setConfig', patch: { depth: 2 } });
    expect(h.ofType('configApplied').at(-1)).toMatchObject({ reset: true, config: { depth: 2 } });
    const ready = h.ofType('ready').at(-1)!;
    expect(ready).toMatchObject({ runId: 2, hiddenUnits: [8, 8] });
    expect(h.ofType('snapshot').at(-1)).toMatchObject({ runId: 2, snapshot: { step: 0 } });
    expect(h.states().at(-1)).toBe('running');
    h.runUntil(() => (h.snapshots().at(-1)?.step ?? 0) > 0);
    expect(h.ofType('snapshot').at(-1)!.runId).toBe(2);
  });

  it('keeps the current value of an invalid setting and reports it', async () => {
    const h = await started();
    await h.handler.handle({ type: 'setConfig', patch: { learningRate: -3 } });
    expect(h.ofType('error').at(-1)).toMatchObject({ fatal: false, message: expect.stringMatching(/learningRate/) });
    expect(h.ofType('configApplied').at(-1)).toMatchObject({ reset: false, config: { learningRate: TINY.learningRate } });
  });

  it('finishes at maxSteps and stays finished until maxSteps grows', async () => {
    const h = await started({ ...TINY, maxSteps: 75 }, true);
    h.drain();
    expect(h.states().at(-1)).toBe('finished');
    expect(h.snapshots().at(-1)!.step).toBe(75);
    await h.handler.handle({ type: 'play' });
    h.drain();
    expect(h.states().at(-1)).toBe('finished');
    expect(h.snapshots().at(-1)!.step).toBe(75);
    await h.handler.handle({ type: 'setConfig', patch: { maxSteps: 80 } });
    expect(h.states().at(-1)).toBe('paused');
    await h.handler.handle({ type: 'play' });
    h.drain();
    expect(h.snapshots().at(-1)!.step).toBe(80);
    expect(h.states().at(-1)).toBe('finished');
  });

  it('reports the plain network diverged while the BN network keeps stepping', async () => {
    // Linear units and weights x1000: the plain network's logits overflow within a few steps.
    const h = await started({ ...TINY, activation: 'linear', initScale: 1000 }, true);
    h.runUntil(() => (h.snapshots().at(-1)?.step ?? 0) >= 200);
    const last = h.snapshots().at(-1)!;
    const [plain, bn] = last.frames;
    expect(plain.status.type).toBe('diverged');
    expect(plain.layers).toEqual([]);
    expect(bn.status).toEqual({ type: 'training' });
    expect(bn.layers).toHaveLength(3);
    expect(h.states().at(-1)).toBe('running');
    for (const snapshot of h.snapshots()) {
      for (const frame of snapshot.frames) {
        for (const layer of frame.layers) expect([layer.mean, layer.std, layer.drift, layer.saturation].every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('pauses when every network has diverged', async () => {
    const h = await started({ ...TINY, activation: 'linear', learningRate: 100 }, true);
    h.drain();
    expect(h.states().at(-1)).toBe('paused');
    expect(h.snapshots().at(-1)!.frames.every((f) => f.status.type === 'diverged')).toBe(true);
  });

  it('reports a failed MNIST load clearly, then recovers on a 2-D dataset', async () => {
    const h = await started({ ...TINY, dataset: 'mnist' }, true);
    expect(h.ofType('error')).toEqual([{ type: 'error', fatal: true, message: 'Could not load the MNIST digits (HTTP 404 for data/mnist.bin); the 2-D datasets still work.' }]);
    expect(h.states().at(-1)).toBe('error');
    await h.handler.handle({ type: 'setConfig', patch: { dataset: 'spiral' } });
    expect(h.ofType('ready')).toHaveLength(1);
    expect(h.ofType('configApplied').at(-1)).toMatchObject({ reset: true, config: { dataset: 'spiral' } });
  });

  it('keeps the running 2-D run when switching to MNIST fails', async () => {
    const h = await started();
    await h.handler.handle({ type: 'setConfig', patch: { dataset: 'mnist' } });
    expect(h.ofType('error').at(-1)).toMatchObject({ fatal: false, message: expect.stringMatching(/Could not load the MNIST digits/) });
    expect(h.ofType('configApplied').at(-1)).toMatchObject({ reset: false, config: { dataset: 'xor' } });
    expect(h.states().at(-1)).toBe('paused');
    await h.handler.handle({ type: 'step', count: 5 });
    h.drain();
    expect(h.ofType('snapshot').at(-1)).toMatchObject({ runId: 1, snapshot: { step: 5 } });
  });

  it('says it is loading every LOADING_HEARTBEAT_MS while its data loads, and stops saying so when the load ends either way', async () => {
    let active: { ms: number; task: () => void } | null = null;
    const every = (ms: number, task: () => void) => {
      active = { ms, task };
      return () => { active = null; };
    };
    let failLoad: (error: Error) => void = () => {};
    const h = harness({ every, loadMnistBytes: () => new Promise((_, reject) => { failLoad = reject; }) });
    const init = h.handler.handle({ type: 'init', config: { ...TINY, dataset: 'mnist' }, play: true });
    await Promise.resolve();
    expect(active).toMatchObject({ ms: LOADING_HEARTBEAT_MS });
    for (let beat = 0; beat < 3; beat += 1) (active as { task: () => void } | null)?.task();
    expect(h.states()).toEqual(['loading', 'loading', 'loading', 'loading']);
    failLoad(new Error('the download stalled'));
    await init;
    expect(active).toBeNull();
    expect(h.states().at(-1)).toBe('error');
    // A 2-D dataset loads at once: the heartbeat starts and stops within the build.
    await h.handler.handle({ type: 'init', config: TINY, play: false });
    expect(active).toBeNull();
    expect(h.states().at(-1)).toBe('paused');
  });

  it('turns an exception into a fatal error event, never a rejection', async () => {
    const h = harness({ createSession: () => { throw new Error('boom'); } });
    await expect(h.handler.handle({ type: 'init', config: TINY, play: true })).resolves.toBeUndefined();
    expect(h.ofType('error')).toEqual([{ type: 'error', message: 'boom', fatal: true }]);
    expect(h.states().at(-1)).toBe('error');
    await expect(h.handler.handle({ type: 'play' })).resolves.toBeUndefined();
  });

  it('tracks another unit and sends a fresh snapshot when paused', async () => {
    const h = await started();
    await h.handler.handle({ type: 'track', layer: 0, unit: 5 });
    expect(h.snapshots().at(-1)!.tracked).toEqual({ layer: 0, unit: 5 });
    await h.handler.handle({ type: 'track', layer: 7, unit: 0 });
    expect(h.ofType('error').at(-1)).toMatchObject({ fatal: false, message: expect.stringMatching(/hidden layer 7/) });
  });
});
