import { describe, expect, it } from 'vitest';
import { configForPreset } from '../../src/experiment/presets.ts';
import { LabCancelled } from '../../src/lab/types.ts';
import type { AnyLabJob } from '../../src/lab/types.ts';
import { lrSweepJob } from '../../src/lab/sweeps.ts';
import { createLabHandler, LAB_HEARTBEAT_MS } from '../../src/worker/labHandler.ts';
import type { LabEvent } from '../../src/worker/labProtocol.ts';

const config = configForPreset('spiral');
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A job that reports `total` units of progress, one per call, then returns them; or throws `failure`. */
function countingJob(total: number, failure?: Error): AnyLabJob {
  return {
    id: 'count', title: 'Count', summary: 'counts',
    defaults: () => ({ n: total }),
    parse: (raw) => (raw.n === undefined ? { params: { n: total }, errors: [] } : { params: { n: total }, errors: [`n is fixed (got "${raw.n}"); using ${total}`] }),
    encode: () => ({}),
    cost: () => total,
    async run(params: { n: number }, _config, context) {
      for (let i = 1; i <= params.n; i++) {
        await context.progress(i, params.n);
        if (failure && i === 3) throw failure;
      }
      return { counted: params.n };
    },
  };
}

function handlerWith(jobs: AnyLabJob[], now: () => number = () => performance.now()) {
  const events: LabEvent[] = [];
  const handler = createLabHandler({
    post: (event) => events.push(event),
    loadMnistBytes: () => Promise.reject(new Error('no MNIST in this test')),
    yieldToMessages: macrotask,
    now,
    jobs,
  });
  return { handler, events };
}

describe('the lab worker handler', () => {
  it('runs a job with raw params and posts its result with the parse messages', async () => {
    let clock = 0;
    const { handler, events } = handlerWith([countingJob(5)], () => (clock += 1000));
    await handler.handle({ type: 'run', runId: 1, jobId: 'count', rawParams: { n: 'x' }, config });
    expect(events.filter((e) => e.type === 'progress').at(-1)).toEqual({ type: 'progress', runId: 1, done: 5, total: 5 });
    expect(events.at(-1)).toEqual({ type: 'result', runId: 1, params: { n: 5 }, result: { counted: 5 }, paramErrors: ['n is fixed (got "x"); using 5'] });
  });

  it('sends progress at most every 100 ms, and always the last one', async () => {
    const { handler, events } = handlerWith([countingJob(50)], () => 0);
    await handler.handle({ type: 'run', runId: 1, jobId: 'count', config });
    expect(events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.done : -1))).toEqual([1, 50]);
  });

  it('stops a running job on cancel at its next progress report and posts cancelled', async () => {
    const { handler, events } = handlerWith([countingJob(1_000_000)]);
    const running = handler.handle({ type: 'run', runId: 4, jobId: 'count', config });
    for (let i = 0; i < 5; i++) await macrotask();
    const cancelledAt = Date.now();
    await handler.handle({ type: 'cancel', runId: 4 });
    await running;
    expect(Date.now() - cancelledAt).toBeLessThan(100);
    expect(events.at(-1)).toEqual({ type: 'cancelled', runId: 4 });
    expect(events.some((e) => e.type === 'result')).toBe(false);
  });

  it('cancels the real LR sweep within 100 ms', async () => {
    const { handler, events } = handlerWith([lrSweepJob]);
    const running = handler.handle({ type: 'run', runId: 2, jobId: 'lr-sweep', params: { steps: 100_000, factors: [1] }, config });
    while (!events.some((e) => e.type === 'progress')) await macrotask();
    const started = performance.now();
    await handler.handle({ type: 'cancel', runId: 2 });
    await running;
    expect(performance.now() - started).toBeLessThan(100);
    expect(events.at(-1)).toEqual({ type: 'cancelled', runId: 2 });
  });

  it('cancels the previous run when a new one starts', async () => {
    const { handler, events } = handlerWith([countingJob(1_000_000), { ...countingJob(3), id: 'short' }]);
    const first = handler.handle({ type: 'run', runId: 1, jobId: 'count', config });
    await macrotask();
    const second = handler.handle({ type: 'run', runId: 2, jobId: 'short', config });
    await Promise.all([first, second]);
    expect(events).toContainEqual({ type: 'cancelled', runId: 1 });
    expect(events.at(-1)).toEqual({ type: 'result', runId: 2, params: { n: 3 }, result: { counted: 3 }, paramErrors: [] });
  });

  it('turns a failing job, an unknown job and a missing MNIST file into error events', async () => {
    const { handler, events } = handlerWith([countingJob(10, new Error('boom')), lrSweepJob]);
    await handler.handle({ type: 'run', runId: 1, jobId: 'count', config });
    expect(events.at(-1)).toEqual({ type: 'error', runId: 1, message: 'The lab job "Count" failed: boom' });
    await handler.handle({ type: 'run', runId: 2, jobId: 'nope', config });
    expect(events.at(-1)).toEqual({ type: 'error', runId: 2, message: 'There is no lab job called "nope" (jobs: count, lr-sweep).' });
    await handler.handle({ type: 'run', runId: 3, jobId: 'lr-sweep', config: configForPreset('paper-fig1') });
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.message).toMatch(/Could not load the MNIST digits \(no MNIST in this test\)/);
  });

  it('knows LabCancelled thrown by a job as a cancel, not an error', async () => {
    const job = { ...countingJob(1), run: async () => { throw new LabCancelled(); } };
    const { handler, events } = handlerWith([job]);
    await handler.handle({ type: 'run', runId: 9, jobId: 'count', config });
    expect(events.at(-1)).toEqual({ type: 'cancelled', runId: 9 });
  });

  it('sends a heartbeat while a run goes on, its data loading included, and stops it when the run ends', async () => {
    const beats: { ms: number; task: () => void; stopped: boolean }[] = [];
    const events: LabEvent[] = [];
    let release: () => void = () => {};
    const loading = new Promise<void>((resolve) => { release = resolve; });
    const job = { ...countingJob(2), run: async (_params: unknown, _config: unknown, context: { progress(d: number, t: number): Promise<void> }) => {
      await loading;
      await context.progress(2, 2);
      return 'done';
    } };
    const handler = createLabHandler({
      post: (event) => events.push(event),
      loadMnistBytes: () => Promise.reject(new Error('unused')),
      yieldToMessages: macrotask,
      now: () => 0,
      jobs: [job],
      every: (ms, task) => {
        const beat = { ms, task, stopped: false };
        beats.push(beat);
        return () => { beat.stopped = true; };
      },
    });
    const running = handler.handle({ type: 'run', runId: 7, jobId: 'count', config });
    expect(beats).toHaveLength(1);
    expect(beats[0].ms).toBe(LAB_HEARTBEAT_MS);
    beats[0].task();
    expect(events).toEqual([{ type: 'alive', runId: 7 }]);
    release();
    await running;
    expect(beats[0].stopped).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'result', runId: 7, params: { n: 2 }, result: 'done', paramErrors: [] });
  });
});
