/**
 * Load saved runs (or CLI output) and overlay two of them: run A against run B, chosen among the
 * loaded files and this page's run. A bad file gets one sentence saying what is wrong with it.
 */
import { useId, useMemo, useState } from 'react';
import { compareCharts } from '../../export/compare.ts';
import type { NamedRun } from '../../export/compare.ts';
import { slug } from '../../export/download.ts';
import { parseSavedRun, runSettings, runTitle } from '../../export/savedRun.ts';
import { currentSavedRun, downloadChart } from './exportActions.ts';

/** Largest file read: a saved run of 1,024 points per network is well under 1 MB. */
const MAX_BYTES = 50 * 1024 * 1024;
const PAGE = 'page';

/** Read and check one file; resolves to a run or an error sentence, never rejects. */
export async function readRunFile(file: File): Promise<{ ok: true; named: NamedRun } | { ok: false; error: string }> {
  if (file.size > MAX_BYTES) return { ok: false, error: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB: too large for a saved run.` };
  try {
    const parsed = parseSavedRun(await file.text(), file.name);
    return parsed.ok ? { ok: true, named: { name: file.name, run: parsed.run } } : parsed;
  } catch (error) {
    return { ok: false, error: `${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** The "Load and compare" part of the export dialog. */
export function CompareSection() {
  const inputId = useId();
  const [loaded, setLoaded] = useState<NamedRun[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [pick, setPick] = useState<{ a: string; b: string } | null>(null);
  // The page's run as it was when the dialog opened: a comparison does not move under the reader.
  const [pageRun] = useState<NamedRun | null>(() => {
    const run = currentSavedRun();
    return run ? { name: 'this page', run } : null;
  });
  const choices: { key: string; named: NamedRun }[] = [
    ...(pageRun ? [{ key: PAGE, named: pageRun }] : []),
    ...loaded.map((named, i) => ({ key: String(i), named })),
  ];
  const defaults = loaded.length >= 2 ? { a: String(loaded.length - 2), b: String(loaded.length - 1) } : { a: PAGE, b: '0' };
  const chosen = pick ?? defaults;
  const a = choices.find((c) => c.key === chosen.a)?.named;
  const b = choices.find((c) => c.key === chosen.b)?.named;
  const charts = useMemo(() => (a && b && loaded.length > 0 ? compareCharts(a, b).map((chart) => ({ chart, ...chart.build() })) : []), [a, b, loaded.length]);
  const onFiles = (files: FileList | null): void => {
    const list = Array.from(files ?? []);
    void Promise.all(list.map(readRunFile)).then((results) => {
      setErrors(results.flatMap((r) => (r.ok ? [] : [r.error])));
      const fresh = results.flatMap((r) => (r.ok ? [r.named] : []));
      if (fresh.length > 0) {
        setLoaded((before) => [...before, ...fresh]);
        setPick(null);
      }
    });
  };
  const [downloadError, setDownloadError] = useState('');
  return (
    <section aria-label="Load and compare runs">
      <h3>Load and compare runs</h3>
      <p className="export-hint">Load runs saved with “Save run” (or written by <code>npm run experiment</code>); two of them are overlaid below: A in the network’s colour, B dashed in grey.</p>
      <label htmlFor={inputId}>Load saved runs (JSON) </label>
      <input id={inputId} type="file" accept=".json,application/json" multiple onChange={(e) => {
        onFiles(e.currentTarget.files);
        e.currentTarget.value = '';
      }} />
      {errors.map((error) => <p key={error} role="alert" className="export-error">{error}</p>)}
      {loaded.length > 0 ? (
        <ul className="export-loaded" aria-label="Loaded runs">
          {loaded.map((named, i) => (
            <li key={`${named.name}-${i}`}>
              <span>{`${named.name}: ${runTitle(named.run)} (${runSettings(named.run)})`}</span>
              <button type="button" aria-label={`Remove ${named.name}`} onClick={() => {
                setLoaded((before) => before.filter((_, j) => j !== i));
                setPick(null);
              }}>Remove</button>
            </li>
          ))}
        </ul>
      ) : null}
      {loaded.length > 0 && choices.length >= 2 ? (
        <div className="export-pick">
          {(['a', 'b'] as const).map((slot) => (
            <label key={slot}>
              {`Run ${slot.toUpperCase()} `}
              <select value={chosen[slot]} onChange={(e) => setPick({ ...chosen, [slot]: e.target.value })}>
                {choices.map((c) => <option key={c.key} value={c.key}>{`${c.named.name}: ${runTitle(c.named.run)}`}</option>)}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      {a && b && loaded.length > 0 && charts.length === 0 ? <p role="status">These two runs share no network to compare.</p> : null}
      {downloadError ? <p role="alert" className="export-error">{downloadError}</p> : null}
      {charts.map(({ chart, svg }) => (
        <figure key={chart.id} className="compare-chart" aria-label={chart.title}>
          {/* As an image: an SVG in <img> cannot run anything, whatever a loaded file held. */}
          <img className="compare-image" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={chart.title} />
          <figcaption className="export-buttons">
            {(['png', 'svg'] as const).map((format) => (
              <button key={format} type="button" aria-label={`${chart.title} as ${format.toUpperCase()}`} onClick={() => {
                setDownloadError('');
                downloadChart(chart, format, `bn-explorer-${slug(chart.id)}`).catch((error: unknown) =>
                  setDownloadError(`Could not export ${chart.title}: ${error instanceof Error ? error.message : String(error)}`));
              }}>{format.toUpperCase()}</button>
            ))}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
