/** The LabContext of lab tests: serves one dataset and records every progress report. */
import type { Dataset } from '../../src/data/types.ts';
import type { LabContext } from '../../src/lab/types.ts';

/** A LabContext over `data` that records its progress reports as [done, total]. */
export function recordingContext(data: Dataset): LabContext & { reports: [number, number][] } {
  const reports: [number, number][] = [];
  return {
    reports,
    dataset: () => Promise.resolve(data),
    progress: (done, total) => {
      reports.push([done, total]);
      return Promise.resolve();
    },
  };
}
