/** The lab: runs one lab job (src/lab/) in the lab worker and shows its result. (Stub: being built.) */
export function LabPanel() {
  return null;
}
