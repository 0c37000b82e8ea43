/** Export charts (PNG, SVG) and the run (CSV, JSON); save, load and compare runs. (Stub: being built.) */
export function ExportMenu() {
  return null;
}
