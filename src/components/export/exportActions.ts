/**
 * What the export dialog's buttons do, on the store's state at the moment of the click:
 * build the file (pure builders of src/export) and hand it to the browser as a download.
 */
import { exportCharts, lastStep } from '../../export/charts.ts';
import type { ExportChart } from '../../export/charts.ts';
import { runFileToCsv } from '../../export/csv.ts';
import { downloadBlob, downloadText, slug, svgToPng } from '../../export/download.ts';
import { historyToRunFile } from '../../export/runRecord.ts';
import { makeSavedRun } from '../../export/savedRun.ts';
import type { SavedRun } from '../../export/savedRun.ts';
import { useExperimentStore } from '../../store/index.ts';

/** A chart's or file's export format. */
export type ChartFormat = 'png' | 'svg';

/** Thrown (and shown) when there is nothing to export yet. */
const NO_RUN = 'Nothing to export yet: wait for the first snapshot of the run.';

/** The file-name stem of the current run: bn-explorer-<preset>-step<N>. */
function stem(): string {
  const { history, presetId } = useExperimentStore.getState();
  return `bn-explorer-${slug(presetId ?? 'custom')}-step${history ? lastStep(history) : 0}`;
}

/** The charts of the current run (empty before the first snapshot). */
export function currentCharts(): ExportChart[] {
  const { history, config, presetId, sharedScales } = useExperimentStore.getState();
  return history ? exportCharts(history, { config, presetId, sharedLayerRange: sharedScales.layers }) : [];
}

/** Download `chart` in `format` under `name` (without extension). */
export async function downloadChart(chart: ExportChart, format: ChartFormat, name: string): Promise<void> {
  const { svg, width, height } = chart.build();
  if (format === 'svg') downloadText(`${name}.svg`, svg, 'image/svg+xml');
  else downloadBlob(`${name}.png`, await svgToPng(svg, width, height));
}

/** Download the current run's chart `id` as `format`. */
export async function exportChart(id: string, format: ChartFormat): Promise<void> {
  const chart = currentCharts().find((c) => c.id === id);
  if (!chart) throw new Error(NO_RUN);
  await downloadChart(chart, format, `${stem()}-${chart.id}`);
}

/** The current run as a saved run (the CLI's schema plus version, preset and query); null before the first snapshot. */
export function currentSavedRun(): SavedRun | null {
  const { history, config, presetId } = useExperimentStore.getState();
  return history ? makeSavedRun(historyToRunFile(history, config), presetId) : null;
}

/** Download the run's data: 'csv', 'json' (the CLI's schema) or 'save' (a saved run to load back). */
export function exportData(kind: 'csv' | 'json' | 'save'): void {
  const { history, config } = useExperimentStore.getState();
  if (!history) throw new Error(NO_RUN);
  const file = historyToRunFile(history, config);
  if (kind === 'csv') downloadText(`${stem()}.csv`, runFileToCsv(file), 'text/csv');
  else if (kind === 'json') downloadText(`${stem()}-cli.json`, JSON.stringify(file), 'application/json');
  else {
    const saved = currentSavedRun();
    downloadText(`${stem()}-saved.json`, `${JSON.stringify(saved, null, 1)}\n`, 'application/json');
  }
}
