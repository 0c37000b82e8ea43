/**
 * The narration caption while narrating: each figure's line and the footnote on the disputed
 * explanation. In presentation mode it is docked, a band of its own under the slide that the charts
 * make room for; elsewhere it is fixed to the foot of the window (the page gets room to scroll past it).
 */
import { usePresentationStore } from './presentationStore.ts';
import { NARRATION_INTERVAL_MS } from './presentationStore.ts';
import { NARRATION_NOTE } from './narration.ts';

/** The caption, shown only while narrating; `docked`: in the slide's own band, not over the page. */
export function NarrationCaption({ docked = false }: { docked?: boolean }) {
  const narrating = usePresentationStore((s) => s.narrating);
  const caption = usePresentationStore((s) => s.caption);
  const chunk = usePresentationStore((s) => s.chunk);
  const stop = usePresentationStore((s) => s.actions.stopNarration);
  if (!narrating) return null;
  return (
    <section className={`narration${docked ? ' narration-docked' : ''}`} aria-label="Narration" data-testid="narration-caption">
      <div className="narration-text">
        <p className="narration-heading">{caption ? caption.heading : 'Narration: rewinding to step 0 to replay this run…'}</p>
        {caption?.lines.map((line) => <p key={line.slice(0, 12)} className="narration-line">{line}</p>)}
        <p className="narration-note">
          {`${chunk} steps every ${NARRATION_INTERVAL_MS / 1000} s. ${NARRATION_NOTE}`}
        </p>
      </div>
      <button type="button" onClick={() => stop(true)}>Stop narrating</button>
    </section>
  );
}
