import { describe, expect, it, vi } from 'vitest';
import { postHeightToParent, RESIZE_MESSAGE_TYPE } from '../../src/embed/resize.ts';
import type { ResizePosterDeps } from '../../src/embed/resize.ts';

/** A fake frame: its parent records messages; frames and timers run when the test says. */
function fakeFrame(heights: number[], options: { embedded?: boolean } = {}) {
  const posted: unknown[] = [];
  const frames = new Map<number, () => void>();
  const timers = new Map<number, () => void>();
  const listeners = new Map<string, () => void>();
  let next = 1;
  let resizeCallback: (() => void) | null = null;
  const observed: unknown[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) };
  const win = {
    requestAnimationFrame: (cb: () => void) => { frames.set(next, cb); return next++; },
    cancelAnimationFrame: (id: number) => { frames.delete(id); },
    setTimeout: (cb: () => void) => { timers.set(next, cb); return next++; },
    clearTimeout: (id: number) => { timers.delete(id); },
    addEventListener: (name: string, cb: () => void) => { listeners.set(name, cb); },
    removeEventListener: (name: string) => { listeners.delete(name); },
  } as Record<string, unknown>;
  win.parent = options.embedded === false ? win : parent;
  class FakeResizeObserver {
    constructor(cb: () => void) { resizeCallback = cb; }
    observe(target: unknown) { observed.push(target); }
    disconnect() { resizeCallback = null; }
  }
  let i = 0;
  const deps: ResizePosterDeps = {
    window: win as unknown as ResizePosterDeps['window'],
    targets: [{} as Element, {} as Element],
    measure: () => heights[Math.min(i++, heights.length - 1)],
    ResizeObserver: FakeResizeObserver as unknown as typeof ResizeObserver,
  };
  return {
    deps,
    posted,
    observed,
    /** Run the pending animation frames. */
    frame: () => { const cbs = [...frames.values()]; frames.clear(); cbs.forEach((cb) => cb()); },
    /** Run the pending fallback timers. */
    timeout: () => { const cbs = [...timers.values()]; timers.clear(); cbs.forEach((cb) => cb()); },
    resize: () => resizeCallback?.(),
    load: () => listeners.get('load')?.(),
    pending: () => frames.size + timers.size,
  };
}

const heightsOf = (posted: unknown[]) => posted.map((p) => (p as { message: { height: number } }).message.height);

describe('postHeightToParent', () => {
  it('posts the height on start, to any origin, typed bn-explorer:resize', () => {
    const f = fakeFrame([480]);
    postHeightToParent(f.deps);
    expect(f.posted).toEqual([]);
    f.frame();
    expect(f.posted).toEqual([{ message: { type: RESIZE_MESSAGE_TYPE, height: 480 }, origin: '*' }]);
    expect(f.observed).toHaveLength(2);
  });

  it('posts again when the height changes, once per frame however many resizes, and not when it stays', () => {
    const f = fakeFrame([480, 480, 900, 700]);
    postHeightToParent(f.deps);
    f.frame();
    f.resize();
    f.frame();
    expect(heightsOf(f.posted)).toEqual([480]);
    f.resize();
    f.resize();
    f.resize();
    expect(f.pending()).toBe(2);
    f.frame();
    expect(heightsOf(f.posted)).toEqual([480, 900]);
    f.timeout();
    expect(heightsOf(f.posted)).toEqual([480, 900]);
    f.load();
    f.frame();
    expect(heightsOf(f.posted)).toEqual([480, 900, 700]);
  });

  it('never posts NaN, Infinity or a negative height', () => {
    const f = fakeFrame([NaN, Infinity, -5, 300]);
    postHeightToParent(f.deps);
    for (let i = 0; i < 4; i++) {
      f.resize();
      f.frame();
    }
    expect(heightsOf(f.posted)).toEqual([300]);
  });

  it('still posts when no animation frame comes (a throttled frame), from the fallback timer', () => {
    const f = fakeFrame([512]);
    postHeightToParent(f.deps);
    f.timeout();
    expect(heightsOf(f.posted)).toEqual([512]);
    expect(f.pending()).toBe(0);
  });

  it('does nothing when the page is not in a frame (window.parent === window)', () => {
    const f = fakeFrame([480], { embedded: false });
    const measure = vi.fn(() => 480);
    const stop = postHeightToParent({ ...f.deps, measure });
    f.resize();
    f.frame();
    f.timeout();
    expect(measure).not.toHaveBeenCalled();
    expect(f.observed).toEqual([]);
    expect(f.pending()).toBe(0);
    stop();
  });

  it('stops posting once stopped', () => {
    const f = fakeFrame([480, 600]);
    const stop = postHeightToParent(f.deps);
    f.frame();
    f.resize();
    stop();
    f.frame();
    f.timeout();
    f.load();
    expect(heightsOf(f.posted)).toEqual([480]);
  });
});
