/**
 * The page-wide keyboard shortcuts (shortcuts.ts) wired to the experiment and presentation stores.
 * Keys that belong to the focused element (typing, the scrubber, Space on a button, a dialog) are left alone.
 */
import { useEffect } from 'react';
import { stepDomain } from '../../charts/timeAxis.ts';
import { PRESETS } from '../../experiment/presets.ts';
import { useExperimentStore } from '../../store/index.ts';
import { pageControls, showsControl } from '../../url/pageControls.ts';
import type { PageControl } from '../../url/pageControls.ts';
import { usePresentationStore } from './presentationStore.ts';
import { keyBelongsToFocus, scrubTarget, SHORTCUT_STEP_COUNT, shortcutFor } from './shortcuts.ts';
import type { ShortcutAction } from './shortcuts.ts';

/** The control a shortcut stands for, which a classroom link may have left out (then the key does nothing). */
const CONTROL_OF: Partial<Record<ShortcutAction['type'], PageControl>> = { playPause: 'play', step: 'step', reset: 'reset', preset: 'presets' };

/** Carry out one shortcut (unless the page's link left out the control it stands for). */
export function runShortcut(action: ShortcutAction): void {
  const control = CONTROL_OF[action.type];
  if (control !== undefined && !showsControl(pageControls(), control)) return;
  const experiment = useExperimentStore.getState();
  const presentation = usePresentationStore.getState();
  const { actions } = experiment;
  switch (action.type) {
    case 'playPause':
      if (presentation.narrating) return presentation.actions.stopNarration(true);
      return experiment.runState === 'running' ? actions.pause() : actions.play();
    case 'step':
      if (presentation.narrating) presentation.actions.stopNarration(false);
      if (experiment.runState === 'running') actions.pause();
      return actions.step(SHORTCUT_STEP_COUNT);
    case 'scrub':
      return actions.setScrubStep(scrubTarget(experiment.scrubStep, stepDomain(experiment.history)[1], action.direction));
    case 'reset':
      return actions.reset();
    case 'preset': {
      const preset = PRESETS[action.index];
      if (!preset) return;
      if (presentation.narrating) presentation.actions.stopNarration(false);
      return actions.applyPreset(preset.id);
    }
    case 'help':
      return presentation.actions.setHelpOpen(true);
    case 'presentation':
      return presentation.actions.setPresenting(!presentation.presenting);
    case 'narrate':
      return presentation.narrating ? presentation.actions.stopNarration(true) : presentation.actions.startNarration();
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** Listen for the shortcuts on the whole document while mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || usePresentationStore.getState().helpOpen) return;
      const action = shortcutFor(event);
      if (!action || keyBelongsToFocus(event.target, event.key)) return;
      // Holding a key repeats only stepping and scrubbing (not play/pause, reset, a preset...).
      if (event.repeat && action.type !== 'step' && action.type !== 'scrub') return;
      event.preventDefault();
      runShortcut(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
