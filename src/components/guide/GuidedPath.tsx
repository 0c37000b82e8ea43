/** The guided path for self-study. (Stub: being built.) */
export function GuidedPath() {
  return null;
}
