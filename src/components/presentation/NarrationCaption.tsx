/**
 * The narration caption: a large band at the foot of the screen while narrating, each network's
 * figures on a line, and the footnote on the disputed explanation.
 */
import { usePresentationStore } from './presentationStore.ts';
import { NARRATION_CHUNK, NARRATION_INTERVAL_MS } from './presentationStore.ts';
import { NARRATION_NOTE } from './narration.ts';

/** The caption, shown only while narrating. */
export function NarrationCaption() {
  const narrating = usePresentationStore((s) => s.narrating);
  const caption = usePresentationStore((s) => s.caption);
  const stop = usePresentationStore((s) => s.actions.stopNarration);
  if (!narrating) return null;
  return (
    <section className="narration" aria-label="Narration" data-testid="narration-caption">
      <div className="narration-text">
        <p className="narration-heading">{caption ? caption.heading : 'Narration: waiting for the run…'}</p>
        {caption?.lines.map((line) => <p key={line.slice(0, line.indexOf(':'))} className="narration-line">{line}</p>)}
        <p className="narration-note">
          {`${NARRATION_CHUNK} steps every ${NARRATION_INTERVAL_MS / 1000} s. ${NARRATION_NOTE}`}
        </p>
      </div>
      <button type="button" onClick={() => stop(true)}>Stop narrating</button>
    </section>
  );
}
