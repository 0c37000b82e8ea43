// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { PresentationControls } from '../../../src/components/presentation/PresentationControls.tsx';
import { NARRATION_INTERVAL_MS, usePresentationStore } from '../../../src/components/presentation/presentationStore.ts';
import { PRESETS } from '../../../src/experiment/presets.ts';
import { useExperimentStore } from '../../../src/store/index.ts';
import { makeHistory, makeNetwork } from '../../charts/fixtures.ts';
import { setStore } from '../storeSpies.ts';

function history() {
  return makeHistory([makeNetwork('plain', [0, 2500, 5000]), makeNetwork('bn', [0, 2500, 5000])]);
}

function key(key: string, init: KeyboardEventInit = {}, target: Element = document.body): boolean {
  return fireEvent.keyDown(target, { key, ...init });
}

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
  usePresentationStore.setState(usePresentationStore.getInitialState(), true);
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  document.body.innerHTML = '';
});

describe('PresentationControls', () => {
  it('toggles presentation mode on the document root and in the URL, by button and by P', () => {
    setStore({ runState: 'running', history: history() });
    render(<PresentationControls />);
    const present = screen.getByRole('button', { name: 'Present' });
    expect(present).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(present);
    expect(document.documentElement).toHaveClass('presentation');
    expect(present).toHaveAttribute('aria-pressed', 'true');
    expect(new URLSearchParams(window.location.search).get('present')).toBe('1');
    key('p');
    expect(document.documentElement).not.toHaveClass('presentation');
    expect(window.location.search).toBe('');
  });

  it('plays, pauses, steps, resets and chooses presets from the keyboard', () => {
    const actions = setStore({ runState: 'running', history: history() });
    render(<PresentationControls />);
    expect(key(' ')).toBe(false); // handled: the page does not scroll
    expect(actions.pause).toHaveBeenCalledOnce();
    act(() => useExperimentStore.setState({ runState: 'paused' }));
    key(' ');
    expect(actions.play).toHaveBeenCalledOnce();
    key('ArrowRight');
    expect(actions.step).toHaveBeenCalledWith(10);
    key('r');
    expect(actions.reset).toHaveBeenCalledOnce();
    key('3');
    expect(actions.applyPreset).toHaveBeenCalledWith(PRESETS[2].id);
    key('9');
    expect(actions.applyPreset).toHaveBeenCalledTimes(PRESETS.length >= 9 ? 2 : 1);
  });

  it('scrubs through time with Shift+arrows, comma and full stop, and returns to live at the end', () => {
    const actions = setStore({ runState: 'paused', history: history(), scrubStep: null });
    render(<PresentationControls />);
    key('ArrowLeft', { shiftKey: true });
    expect(actions.setScrubStep).toHaveBeenLastCalledWith(4900);
    act(() => useExperimentStore.setState({ scrubStep: 4900 }));
    key(',');
    expect(actions.setScrubStep).toHaveBeenLastCalledWith(4800);
    key('.');
    expect(actions.setScrubStep).toHaveBeenLastCalledWith(null);
    key('ArrowRight', { shiftKey: true });
    expect(actions.setScrubStep).toHaveBeenLastCalledWith(null);
    expect(actions.step).not.toHaveBeenCalled();
  });

  it('leaves keys alone in fields, the scrubber, on a focused preset button, and with Ctrl or Meta', () => {
    const actions = setStore({ runState: 'running', history: history() });
    render(<><input type="range" aria-label="Time (step)" /><button type="button">Paper, Figure 1</button><PresentationControls /></>);
    const range = screen.getByRole('slider', { name: 'Time (step)' });
    key('ArrowRight', {}, range);
    key('ArrowLeft', { shiftKey: true }, range);
    key('r', {}, range);
    const preset = screen.getByRole('button', { name: 'Paper, Figure 1' });
    key(' ', {}, preset);
    key('r', { ctrlKey: true });
    key('p', { metaKey: true });
    expect(actions.step).not.toHaveBeenCalled();
    expect(actions.setScrubStep).not.toHaveBeenCalled();
    expect(actions.reset).not.toHaveBeenCalled();
    expect(actions.pause).not.toHaveBeenCalled();
    expect(document.documentElement).not.toHaveClass('presentation');
    // Other keys still work from the preset button.
    key('2', {}, preset);
    expect(actions.applyPreset).toHaveBeenCalledWith(PRESETS[1].id);
  });

  it('opens the shortcut help from its button and from ? or H, lists every shortcut, closes on Escape and gives focus back', () => {
    setStore({ runState: 'paused', history: history() });
    render(<PresentationControls />);
    const open = screen.getByRole('button', { name: 'Shortcuts' });
    open.focus();
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    expect(within(dialog).getAllByRole('row')).toHaveLength(11);
    expect(within(dialog).getByRole('cell', { name: 'Play / pause (stops narration)' })).toBeInTheDocument();
    // Tab stays inside: the Close button is the only stop.
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(close).toHaveFocus();
    // Shortcuts are off while it is open.
    key('p', {}, close);
    expect(document.documentElement).not.toHaveClass('presentation');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(open).toHaveFocus();

    key('?', { shiftKey: true });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    key('h');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('leaves no focus in the closed help when it was opened from the page, so Space right after Escape plays or pauses', () => {
    setStore({ runState: 'running', history: history() });
    render(<PresentationControls />);
    const pause = vi.spyOn(useExperimentStore.getState().actions, 'pause');
    (document.activeElement as HTMLElement | null)?.blur();
    key('h');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(document.body);
    key(' ');
    expect(pause).toHaveBeenCalledTimes(1);
  });

  it('stays open when the close event of its last closing arrives after a quick reopen', () => {
    setStore({ runState: 'paused', history: history() });
    render(<PresentationControls />);
    const open = screen.getByRole('button', { name: 'Shortcuts' });
    fireEvent.click(open);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' }) as HTMLDialogElement;
    // The browser queues 'close' as a task after dialog.close(): here the first one lands now, with the dialog open again.
    act(() => {
      dialog.dispatchEvent(new Event('close'));
    });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    expect(usePresentationStore.getState().helpOpen).toBe(true);
  });

  it('narrates from the Narrate button or N, replaying the run from step 0 with a caption of real figures, and Space stops it and plays', () => {
    vi.useFakeTimers();
    try {
      const actions = setStore({ runState: 'running', step: 5000, history: history() });
      render(<PresentationControls />);
      fireEvent.click(screen.getByRole('button', { name: 'Narrate' }));
      expect(actions.pause).toHaveBeenCalledOnce();
      // Further on than step 0: the run is reset, and narration waits for it.
      expect(actions.reset).toHaveBeenCalledOnce();
      const caption = screen.getByTestId('narration-caption');
      expect(caption).toHaveTextContent('Narration: rewinding to step 0 to replay this run');
      act(() => useExperimentStore.setState({ runState: 'paused', step: 0, history: { ...history(), runId: 9 } }));
      act(() => vi.advanceTimersByTime(NARRATION_INTERVAL_MS));
      expect(actions.step).toHaveBeenCalledWith(20);
      expect(caption).toHaveTextContent('(replaying this run from step 0): Figure 1 (b, c) follows unit 0 of hidden layer 2 (the last).');
      expect(caption).toHaveTextContent('(a) ');
      expect(caption).toHaveTextContent('Santurkar et al. (2018) dispute');
      expect(screen.getByRole('button', { name: 'Narrate' })).toHaveAttribute('aria-pressed', 'true');
      key(' ');
      expect(screen.queryByTestId('narration-caption')).toBeNull();
      expect(actions.play).toHaveBeenCalledOnce();
      key('n');
      expect(screen.getByTestId('narration-caption')).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Stop narrating' }));
      expect(screen.queryByTestId('narration-caption')).toBeNull();
      expect(actions.play).toHaveBeenCalledTimes(2);
    } finally {
      act(() => usePresentationStore.getState().actions.stopNarration(false));
      vi.useRealTimers();
    }
  });
});
