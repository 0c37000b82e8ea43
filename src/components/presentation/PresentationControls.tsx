/** Presentation (classroom) mode toggle, keyboard shortcuts and their help overlay. (Stub: being built.) */
export function PresentationControls() {
  return null;
}
