import { describe, expect, it, vi } from 'vitest';
import { pauseWhenHidden } from '../../src/embed/visibility.ts';
import type { RunState } from '../../src/worker/protocol.ts';

/** A page with a controllable tab visibility, intersection and run state. */
function fakePage(initial: RunState = 'running', withObserver = true) {
  let runState: RunState = initial;
  const runListeners = new Set<(s: RunState) => void>();
  const docListeners = new Set<() => void>();
  let ioCallback: ((entries: { isIntersecting: boolean }[]) => void) | null = null;
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: string, l: () => void) => docListeners.add(l),
    removeEventListener: (_: string, l: () => void) => docListeners.delete(l),
  };
  const disconnect = vi.fn();
  class FakeObserver {
    constructor(cb: (entries: { isIntersecting: boolean }[]) => void) {
      ioCallback = cb;
    }
    observe() {}
    disconnect() {
      disconnect();
    }
  }
  const setRunState = (s: RunState): void => {
    runState = s;
    runListeners.forEach((l) => l(s));
  };
  const play = vi.fn(() => setRunState('running'));
  const pause = vi.fn(() => setRunState('paused'));
  const stop = pauseWhenHidden({
    target: {} as Element,
    document: doc as unknown as Document,
    IntersectionObserver: withObserver ? (FakeObserver as unknown as typeof IntersectionObserver) : undefined,
    runState: () => runState,
    onRunState: (l) => {
      runListeners.add(l);
      return () => runListeners.delete(l);
    },
    play,
    pause,
  });
  return {
    play, pause, stop, disconnect, setRunState,
    get runState() { return runState; },
    scroll: (isIntersecting: boolean) => ioCallback?.([{ isIntersecting }]),
    tab: (state: DocumentVisibilityState) => {
      doc.visibilityState = state;
      docListeners.forEach((l) => l());
    },
    docListenerCount: () => docListeners.size,
  };
}

describe('pauseWhenHidden', () => {
  it('pauses a running embed scrolled out of view and resumes it when scrolled back', () => {
    const page = fakePage('running');
    page.scroll(true);
    expect(page.pause).not.toHaveBeenCalled();
    page.scroll(false);
    expect(page.pause).toHaveBeenCalledOnce();
    expect(page.runState).toBe('paused');
    page.scroll(true);
    expect(page.play).toHaveBeenCalledOnce();
    expect(page.runState).toBe('running');
  });

  it('does not start an embed the reader had paused', () => {
    const page = fakePage('paused');
    page.scroll(false);
    page.scroll(true);
    expect(page.play).not.toHaveBeenCalled();
    expect(page.pause).not.toHaveBeenCalled();
  });

  it('pauses in a hidden tab and resumes when the tab is shown, but not while still scrolled away', () => {
    const page = fakePage('running');
    page.tab('hidden');
    expect(page.runState).toBe('paused');
    page.scroll(false);
    page.tab('visible');
    expect(page.play).not.toHaveBeenCalled();
    page.scroll(true);
    expect(page.play).toHaveBeenCalledOnce();
  });

  it('pauses a run that starts (autoplay after loading) while out of sight, and plays it when seen', () => {
    const page = fakePage('loading');
    page.scroll(false);
    expect(page.pause).not.toHaveBeenCalled();
    page.setRunState('running');
    expect(page.pause).toHaveBeenCalledOnce();
    page.scroll(true);
    expect(page.runState).toBe('running');
  });

  it('plays again when shown before the pause took effect, so the late pause does not stick', () => {
    const page = fakePage('running');
    page.pause.mockImplementation(() => {}); // the worker has not answered yet
    page.scroll(false);
    page.scroll(true);
    expect(page.play).toHaveBeenCalledOnce();
  });

  it('does not restart a finished run', () => {
    const page = fakePage('running');
    page.scroll(false);
    page.setRunState('finished');
    page.scroll(true);
    expect(page.play).not.toHaveBeenCalled();
  });

  it('works from the tab visibility alone where there is no IntersectionObserver, and stops cleanly', () => {
    const page = fakePage('running', false);
    page.tab('hidden');
    page.tab('visible');
    expect(page.pause).toHaveBeenCalledOnce();
    expect(page.play).toHaveBeenCalledOnce();
    page.stop();
    expect(page.docListenerCount()).toBe(0);
    page.tab('hidden');
    expect(page.pause).toHaveBeenCalledOnce();
  });
});
