/**
 * The header's presentation controls: Present (projector mode, also P and `present=1` in the URL),
 * Narrate (also N), and Keys, which opens the shortcut help (also ? or H). Mounts the page-wide
 * shortcuts, the help dialog and (outside presentation mode) the narration caption, and puts `presentation` on <html>.
 */
import { useEffect } from 'react';
import type { MouseEvent } from 'react';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { NarrationCaption } from './NarrationCaption.tsx';
import { usePresentationStore } from './presentationStore.ts';
import { useShortcuts } from './useShortcuts.ts';
import './presentation.css';

/** The class on the document root in presentation mode. */
export const PRESENTATION_CLASS = 'presentation';

/** A mouse click leaves no focus on the button, so the next Space plays or pauses instead of pressing it again. */
function releaseFocus(event: MouseEvent<HTMLButtonElement>): void {
  if (event.detail > 0) event.currentTarget.blur();
}

/** Present, Narrate and Keys buttons, with the shortcuts, help dialog and caption they own. */
export function PresentationControls() {
  const presenting = usePresentationStore((s) => s.presenting);
  const narrating = usePresentationStore((s) => s.narrating);
  const actions = usePresentationStore((s) => s.actions);
  useShortcuts();

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle(PRESENTATION_CLASS, presenting);
    return () => root.classList.remove(PRESENTATION_CLASS);
  }, [presenting]);
  // Narration's timer must not outlive the page's controls.
  useEffect(() => () => usePresentationStore.getState().actions.stopNarration(false), []);

  return (
    <div className="presentation-controls" role="group" aria-label="Presentation">
      <button
        type="button"
        aria-pressed={presenting}
        title="Presentation mode: large type and thick lines for a projector (P)"
        onClick={(e) => {
          actions.setPresenting(!presenting);
          releaseFocus(e);
        }}
      >
        Present
      </button>
      <button
        type="button"
        aria-pressed={narrating}
        title="Narrate: a slow run, a few steps at a time, with a caption of what changed (N)"
        onClick={(e) => {
          if (narrating) actions.stopNarration(true);
          else actions.startNarration();
          releaseFocus(e);
        }}
      >
        Narrate
      </button>
      <button type="button" aria-haspopup="dialog" title="Keyboard shortcuts (?)" onClick={() => actions.setHelpOpen(true)}>
        Shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
      <ErrorBoundary name="The shortcut help" onClose={() => actions.setHelpOpen(false)}>
        <HelpDialog />
      </ErrorBoundary>
      {/* In presentation mode the slide docks the caption in a band of its own under the charts. */}
      {presenting ? null : <NarrationCaption />}
    </div>
  );
}
