/** A polite, throttled screen-reader summary of how each network is doing. (Stub: being built.) */
export function LiveSummary() {
  return null;
}
