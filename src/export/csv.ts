/**
 * The run's data as CSV: one row per network and evaluation point, the same numbers as the JSON
 * export (src/export/runRecord.ts), written shortest-round-trip so they parse back exactly.
 */
import type { Run } from '../experiment/types.ts';
import { networksOf } from './runRecord.ts';
import type { RunFile } from './runRecord.ts';

/**
 * The header of a run file's CSV: fixed columns, then saturation, drift, weight norm ||W_l|| and effective step
 * eta / ||W_l||^2 per hidden layer (layers count from 1; the effective step is empty where no BN directly follows the layer).
 */
export function csvHeader(depth: number): string[] {
  const perLayer = (name: string): string[] => Array.from({ length: depth }, (_, i) => `${name}_layer${i + 1}`);
  return [
    'network', 'step', 'train_loss', 'test_loss', 'test_accuracy',
    'tracked_layer', 'tracked_unit', 'p15', 'p50', 'p85',
    ...perLayer('saturation'), ...perLayer('drift'), ...perLayer('weight_norm'), ...perLayer('effective_step'), 'diverged_step',
  ];
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
function field(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowsOf(id: string, run: Run, depth: number): string[][] {
  return run.steps.map((step, i) => [
    id, String(step), String(run.trainLoss[i]), String(run.testLoss[i]), String(run.testAccuracy[i]),
    String(run.trackedUnit.layer + 1), String(run.trackedUnit.unit),
    String(run.trackedUnit.p15[i]), String(run.trackedUnit.p50[i]), String(run.trackedUnit.p85[i]),
    ...Array.from({ length: depth }, (_, l) => String(run.saturation[l]?.[i] ?? '')),
    ...Array.from({ length: depth }, (_, l) => String(run.drift[l]?.[i] ?? '')),
    ...Array.from({ length: depth }, (_, l) => String(run.weightNorm?.[l]?.[i] ?? '')),
    ...Array.from({ length: depth }, (_, l) => String(run.effectiveStep?.[l]?.[i] ?? '')),
    run.diverged ? String(run.diverged.step) : '',
  ]);
}

/**
 * The CSV text of `file` (CRLF line ends, as RFC 4180): a header, then every network's points in
 * step order. `tracked_layer` counts from 1 as the page does; the JSON's `trackedUnit.layer` from 0.
 */
export function runFileToCsv(file: RunFile): string {
  const depth = Math.max(0, ...networksOf(file).map((id) => file[id]?.saturation.length ?? 0), file.config.depth);
  const lines = [csvHeader(depth)];
  for (const id of networksOf(file)) {
    const run = file[id];
    // One row at a time: push(...rows) would pass every point as an argument, and overflow the stack on a long run.
    if (run) for (const row of rowsOf(id, run, depth)) lines.push(row);
  }
  return `${lines.map((cells) => cells.map(field).join(',')).join('\r\n')}\r\n`;
}
