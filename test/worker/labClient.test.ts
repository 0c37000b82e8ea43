// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { configForPreset } from '../../src/experiment/presets.ts';
import { createLabClient, LAB_CANCEL_GRACE_MS, LAB_SILENCE_MS } from '../../src/worker/labClient.ts';
import type { LabWorkerLike } from '../../src/worker/labClient.ts';
import type { LabCommand, LabEvent } from '../../src/worker/labProtocol.ts';

const config = configForPreset('spiral');

/** A fake worker: records what it was sent, lets the test send events and errors. */
function fakeWorker() {
  const sent: LabCommand[] = [];
  const listeners: Record<string, ((event: unknown) => void)[]> = {};
  let terminated = false;
  const worker = {
    postMessage: (message: LabCommand) => sent.push(message),
    addEventListener: (type: string, listener: (event: unknown) => void) => (listeners[type] ??= []).push(listener),
    terminate: () => {
      terminated = true;
    },
  } as unknown as LabWorkerLike;
  return {
    worker, sent,
    get terminated() {
      return terminated;
    },
    emit: (event: LabEvent) => listeners.message?.forEach((l) => l({ data: event })),
    fail: (message: string) => listeners.error?.forEach((l) => l({ message, preventDefault() {} })),
  };
}

describe('the lab client', () => {
  it('creates its worker on the first run only, and sends run with the data URL', () => {
    const fakes: ReturnType<typeof fakeWorker>[] = [];
    const client = createLabClient({ dataUrl: 'http://x/data/mnist.bin', createWorker: () => (fakes.push(fakeWorker()), fakes.at(-1)!.worker) });
    expect(fakes).toHaveLength(0);
    client.run({ jobId: 'lr-sweep', params: { steps: 1, factors: [1] }, config }, () => {});
    expect(fakes).toHaveLength(1);
    expect(fakes[0].sent[0]).toEqual({ type: 'run', runId: 1, dataUrl: 'http://x/data/mnist.bin', jobId: 'lr-sweep', params: { steps: 1, factors: [1] }, config });
  });

  it('gives each run its own events only, and cancels the running one when a new run starts', () => {
    const fake = fakeWorker();
    const client = createLabClient({ dataUrl: 'u', createWorker: () => fake.worker });
    const first: LabEvent[] = [];
    const second: LabEvent[] = [];
    const a = client.run({ jobId: 'j', config }, (e) => first.push(e));
    fake.emit({ type: 'progress', runId: a.runId, done: 1, total: 2 });
    const b = client.run({ jobId: 'j', config }, (e) => second.push(e));
    expect(fake.sent[1]).toEqual({ type: 'cancel', runId: a.runId });
    fake.emit({ type: 'cancelled', runId: a.runId });
    fake.emit({ type: 'result', runId: b.runId, params: {}, result: 1, paramErrors: [] });
    expect(first).toEqual([{ type: 'progress', runId: a.runId, done: 1, total: 2 }]);
    expect(second).toEqual([{ type: 'result', runId: b.runId, params: {}, result: 1, paramErrors: [] }]);
    b.cancel();
    expect(fake.sent).toHaveLength(3);
  });

  it('ends the run with a clear error when the worker crashes, and starts a new worker for the next run', () => {
    const fakes: ReturnType<typeof fakeWorker>[] = [];
    const client = createLabClient({ dataUrl: 'u', createWorker: () => (fakes.push(fakeWorker()), fakes.at(-1)!.worker) });
    const events: LabEvent[] = [];
    const run = client.run({ jobId: 'j', config }, (e) => events.push(e));
    fakes[0].fail('Uncaught RangeError: out of memory');
    expect(events).toEqual([{ type: 'error', runId: run.runId, message: 'The lab worker stopped: Uncaught RangeError: out of memory; Run starts a new one.' }]);
    expect(fakes[0].terminated).toBe(true);
    client.run({ jobId: 'j', config }, () => {});
    expect(fakes).toHaveLength(2);
  });

  it('reports a worker that cannot be created as an error event, not a throw', async () => {
    const client = createLabClient({ dataUrl: 'u', createWorker: () => { throw new Error('Worker is not defined'); } });
    const events: LabEvent[] = [];
    expect(() => client.run({ jobId: 'j', config }, (e) => events.push(e))).not.toThrow();
    await Promise.resolve();
    expect(events).toEqual([{ type: 'error', runId: 1, message: 'The lab worker could not start: Worker is not defined.' }]);
  });
});

/** A hand-driven clock for the client's timers. */
function fakeClock() {
  let time = 0;
  let timers: { at: number; task: () => void }[] = [];
  return {
    now: () => time,
    setTimer: (task: () => void, ms: number) => void timers.push({ at: time + ms, task }),
    /** Move time on by `ms`, running each timer due on the way, in order. */
    advance(ms: number) {
      const end = time + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        time = next.at;
        next.task();
      }
      time = end;
    },
  };
}

describe('a lab worker that falls silent', () => {
  function watchedClient() {
    const clock = fakeClock();
    const fakes: ReturnType<typeof fakeWorker>[] = [];
    const client = createLabClient({ dataUrl: 'u', createWorker: () => (fakes.push(fakeWorker()), fakes.at(-1)!.worker), now: clock.now, setTimer: clock.setTimer });
    return { clock, fakes, client };
  }

  it('ends the run with one sentence when the worker sends nothing for 30 s (closed or stuck), and the next run gets a new worker', () => {
    const { clock, fakes, client } = watchedClient();
    const events: LabEvent[] = [];
    const run = client.run({ jobId: 'j', config }, (e) => events.push(e));
    fakes[0].emit({ type: 'progress', runId: run.runId, done: 8_210, total: 80_000 });
    clock.advance(LAB_SILENCE_MS - 1);
    expect(events).toHaveLength(1);
    clock.advance(LAB_SILENCE_MS);
    expect(events.at(-1)).toEqual({ type: 'error', runId: run.runId, message: 'The lab worker stopped: it sent nothing for 30 s; Run starts a new one.' });
    expect(fakes[0].terminated).toBe(true);
    client.run({ jobId: 'j', config }, () => {});
    expect(fakes).toHaveLength(2);
  });

  it('keeps a worker that only sends its heartbeat (loading data), and does not pass heartbeats on', () => {
    const { clock, fakes, client } = watchedClient();
    const events: LabEvent[] = [];
    const run = client.run({ jobId: 'j', config }, (e) => events.push(e));
    for (let i = 0; i < 60; i++) {
      clock.advance(2_000);
      fakes[0].emit({ type: 'alive', runId: run.runId });
    }
    expect(events).toEqual([]);
    expect(fakes[0].terminated).toBe(false);
    fakes[0].emit({ type: 'result', runId: run.runId, params: {}, result: 1, paramErrors: [] });
    // Between runs the worker owes nothing: silence is no fault.
    clock.advance(10 * LAB_SILENCE_MS);
    expect(events).toEqual([{ type: 'result', runId: run.runId, params: {}, result: 1, paramErrors: [] }]);
    expect(fakes[0].terminated).toBe(false);
  });

  it('stops a worker that does not answer a cancel, so Cancel always ends the run', () => {
    const { clock, fakes, client } = watchedClient();
    const events: LabEvent[] = [];
    const run = client.run({ jobId: 'j', config }, (e) => events.push(e));
    run.cancel();
    expect(fakes[0].sent.at(-1)).toEqual({ type: 'cancel', runId: run.runId });
    clock.advance(LAB_CANCEL_GRACE_MS - 1);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual([{ type: 'cancelled', runId: run.runId }]);
    expect(fakes[0].terminated).toBe(true);
    const next: LabEvent[] = [];
    const again = client.run({ jobId: 'j', config }, (e) => next.push(e));
    expect(fakes).toHaveLength(2);
    fakes[1].emit({ type: 'result', runId: again.runId, params: {}, result: 2, paramErrors: [] });
    expect(next).toHaveLength(1);
  });

  it('leaves a worker that answers its cancel in time running for the next job', () => {
    const { clock, fakes, client } = watchedClient();
    const events: LabEvent[] = [];
    const run = client.run({ jobId: 'j', config }, (e) => events.push(e));
    run.cancel();
    fakes[0].emit({ type: 'cancelled', runId: run.runId });
    clock.advance(10 * LAB_CANCEL_GRACE_MS);
    expect(events).toEqual([{ type: 'cancelled', runId: run.runId }]);
    expect(fakes[0].terminated).toBe(false);
  });
});
