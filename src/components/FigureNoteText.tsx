/** A figure's computed note (figureNotes.ts), in the colour of the network it speaks for, its definition on hover. */
import { networkColors } from '../theme.ts';
import type { FigureNote } from './figureNotes.ts';

export function FigureNoteText({ note }: { note: FigureNote | null }) {
  if (!note) return null;
  return (
    <span className="chart-note" title={note.detail} data-network-label={note.network ?? undefined}
      style={note.network ? { color: networkColors[note.network].text } : undefined}>
      {note.text}
    </span>
  );
}
