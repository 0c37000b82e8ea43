import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFrameQueue } from '../../src/components/frameQueue.ts';

/** A host whose frames run only when the test says, on a clock that redraws advance. */
function manualHost() {
  let clock = 0;
  let pending: (() => void)[] = [];
  let requested = 0;
  return {
    host: {
      now: () => clock,
      requestFrame: (cb: () => void) => {
        requested += 1;
        pending.push(cb);
        return () => {
          pending = pending.filter((p) => p !== cb);
        };
      },
    },
    advance: (ms: number) => {
      clock += ms;
    },
    /** Run the frame callbacks requested so far; returns how many ran. */
    frame: () => {
      const now = pending;
      pending = [];
      for (const cb of now) cb();
      return now.length;
    },
    get waitingFrames() {
      return pending.length;
    },
    get requested() {
      return requested;
    },
  };
}

describe('createFrameQueue', () => {
  it('runs queued redraws on the next frame, in the order queued, once each however often they were queued', () => {
    const h = manualHost();
    const q = createFrameQueue(h.host, 6);
    const ran: string[] = [];
    const a = () => ran.push('a');
    const b = () => ran.push('b');
    q.schedule(a);
    q.schedule(b);
    q.schedule(a);
    expect(ran).toEqual([]);
    expect(h.requested).toBe(1);
    h.frame();
    expect(ran).toEqual(['a', 'b']);
    expect(q.size).toBe(0);
    expect(h.waitingFrames).toBe(0);
  });

  it('stops when a frame has spent its budget and leaves the rest to the next frames', () => {
    const h = manualHost();
    const q = createFrameQueue(h.host, 6);
    const ran: number[] = [];
    for (let i = 0; i < 5; i += 1) q.schedule(() => {
      ran.push(i);
      h.advance(4);
    });
    h.frame();
    // 4 ms, then 8 ms >= 6: two redraws this frame.
    expect(ran).toEqual([0, 1]);
    expect(q.size).toBe(3);
    h.frame();
    expect(ran).toEqual([0, 1, 2, 3]);
    h.frame();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(h.waitingFrames).toBe(0);
  });

  it('does not run a redraw taken out before its frame', () => {
    const h = manualHost();
    const q = createFrameQueue(h.host, 6);
    const ran: string[] = [];
    const cancel = q.schedule(() => ran.push('gone'));
    q.schedule(() => ran.push('kept'));
    cancel();
    h.frame();
    expect(ran).toEqual(['kept']);
  });

  it('runs the redraws behind one that throws on the next frame', () => {
    const h = manualHost();
    const q = createFrameQueue(h.host, 6);
    const ran: string[] = [];
    q.schedule(() => {
      throw new Error('boom');
    });
    q.schedule(() => ran.push('after'));
    expect(() => h.frame()).toThrow('boom');
    expect(ran).toEqual([]);
    h.frame();
    expect(ran).toEqual(['after']);
  });

  it('passes each redraw through `run`', () => {
    const h = manualHost();
    const wrapped: string[] = [];
    const q = createFrameQueue(h.host, 6, (redraw) => {
      wrapped.push('before');
      redraw();
      wrapped.push('after');
    });
    q.schedule(() => wrapped.push('redraw'));
    h.frame();
    expect(wrapped).toEqual(['before', 'redraw', 'after']);
  });

  it('for any costs and budget: every redraw runs once, in order, and a frame overruns its budget by at most its last redraw', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), fc.integer({ min: 1, max: 16 }), (costs, budget) => {
        const h = manualHost();
        const q = createFrameQueue(h.host, budget);
        const ran: number[] = [];
        let frameCosts: number[] = [];
        costs.forEach((cost, i) => q.schedule(() => {
          ran.push(i);
          frameCosts.push(cost);
          h.advance(cost);
        }));
        let frames = 0;
        while (h.frame() > 0) {
          frames += 1;
          const spent = frameCosts.reduce((a, c) => a + c, 0);
          const last = frameCosts[frameCosts.length - 1] ?? 0;
          // Under budget before the last redraw started (or it was the frame's only one).
          expect(frameCosts.length === 1 || spent - last < budget).toBe(true);
          expect(frameCosts.length).toBeGreaterThan(0);
          frameCosts = [];
          if (frames > costs.length + 1) break;
        }
        expect(ran).toEqual(costs.map((_, i) => i));
        expect(q.size).toBe(0);
      }),
    );
  });
});
