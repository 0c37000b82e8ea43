/**
 * A preset's summary split for the presets bar: its first sentence (the setup) stays on screen,
 * the rest (what to watch) goes behind a disclosure.
 */

/** The first sentence of `summary` and the rest ('' when it has one sentence). */
export function splitSummary(summary: string): { lead: string; rest: string } {
  // A sentence ends at '.', '!' or '?' followed by a space and a capital letter ("4.1:" and "0.01)" do not end one).
  const end = /[.!?](?=\s+[A-Z])/.exec(summary);
  if (!end) return { lead: summary.trim(), rest: '' };
  return { lead: summary.slice(0, end.index + 1).trim(), rest: summary.slice(end.index + 1).trim() };
}
