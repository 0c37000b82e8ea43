/**
 * The export dialog (loaded lazily by ExportMenu): every chart as PNG or SVG, the run's data as
 * CSV or JSON (the CLI's schema), save the run, load saved runs and compare two of them.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useExperimentStore } from '../../store/index.ts';
import { networkLabels } from '../../theme.ts';
import { CompareSection } from './CompareSection.tsx';
import { exportChart, exportData } from './exportActions.ts';
import type { ChartFormat } from './exportActions.ts';
import './export.css';

/** The charts the menu lists, from the run's shape (the list does not change with every snapshot). */
function useChartList(): { id: string; title: string }[] {
  const depth = useExperimentStore((s) => s.history?.hiddenUnits.length ?? 0);
  const networks = useExperimentStore((s) => s.history?.networks.map((n) => n.id).join(',') ?? '');
  if (networks === '') return [];
  const ids = networks.split(',') as (keyof typeof networkLabels)[];
  return [
    { id: 'figure1a', title: 'Figure 1 (a): test accuracy' },
    ...ids.map((id, i) => ({ id: `figure1${String.fromCharCode(98 + i)}`, title: `Figure 1 (${String.fromCharCode(98 + i)}): ${networkLabels[id]}, tracked unit` })),
    { id: 'loss', title: 'Training loss' },
    ...Array.from({ length: depth }, (_, l) => ({ id: `layer${l + 1}`, title: `Layer ${l + 1} inputs (heatmap, every network)` })),
  ];
}

/** The modal dialog; `onClose` when it closes (Close button, Escape). */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const charts = useChartList();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);
  const close = (): void => {
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.close === 'function' && dialog.open) dialog.close();
    else onClose();
  };
  const run = (what: string, action: () => void | Promise<void>): void => {
    setStatus(null);
    Promise.resolve()
      .then(action)
      .then(() => setStatus({ kind: 'ok', text: `Downloaded ${what}.` }))
      .catch((error: unknown) => setStatus({ kind: 'error', text: `Could not export ${what}: ${error instanceof Error ? error.message : String(error)}` }));
  };
  const chartButton = (chart: { id: string; title: string }, format: ChartFormat) => (
    <button type="button" aria-label={`${chart.title} as ${format.toUpperCase()}`} onClick={() => run(`${chart.title} (${format.toUpperCase()})`, () => exportChart(chart.id, format))}>
      {format.toUpperCase()}
    </button>
  );
  return (
    <dialog ref={dialogRef} className="export-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="export-head">
        <h2 id={titleId}>Export, save and compare</h2>
        <button type="button" onClick={close}>Close</button>
      </div>
      <section aria-label="Charts">
        <h3>Charts</h3>
        <p className="export-hint">Each picture has its title, axes, legend and the run's settings, drawn from the whole run (even charts scrolled out of view).</p>
        {charts.length === 0 ? <p>No charts yet: wait for the first snapshot of the run.</p> : (
          <ul className="export-list">
            {charts.map((chart) => (
              <li key={chart.id}>
                <span>{chart.title}</span>
                <span className="export-buttons">{chartButton(chart, 'png')}{chartButton(chart, 'svg')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Run data">
        <h3>Run data</h3>
        <p className="export-hint">One point per test evaluation: step, losses, test accuracy, tracked-unit percentiles, saturation and drift per layer. The JSON has the schema of <code>npm run experiment</code>.</p>
        <div className="export-buttons">
          <button type="button" onClick={() => run('the run data (CSV)', () => exportData('csv'))}>Data as CSV</button>
          <button type="button" onClick={() => run('the run data (JSON)', () => exportData('json'))}>Data as JSON</button>
          <button type="button" onClick={() => run('the saved run', () => exportData('save'))}>Save run</button>
        </div>
      </section>
      <p role={status?.kind === 'error' ? 'alert' : 'status'} className={`export-status ${status?.kind ?? ''}`}>{status?.text ?? ''}</p>
      <CompareSection />
    </dialog>
  );
}
