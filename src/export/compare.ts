/**
 * Two saved runs overlaid: for each network both runs trained, test accuracy of run A against
 * run B, and the tracked unit's percentiles of A against B. A is drawn in the network's colour
 * with solid lines, B in dark grey with dashed lines; every chart names both runs and their settings.
 */
import { extent, max } from 'd3-array';
import { ALL_NETWORK_IDS } from '../experiment/types.ts';
import type { NetworkId } from '../experiment/types.ts';
import { colors, networkColors, networkLabels } from '../theme.ts';
import type { ExportChart } from './charts.ts';
import { EXPORT_WIDTH } from './charts.ts';
import { lineChartSvg } from './lineChart.ts';
import { networksOf } from './runRecord.ts';
import { runSettings, runTitle } from './savedRun.ts';
import type { SavedRun } from './savedRun.ts';

/** A run to compare and the name it is shown by (its file name, or "this page"). */
export interface NamedRun {
  name: string;
  run: SavedRun;
}

const B_STROKE = colors.text;
const B_FILL = 'rgba(31, 35, 40, 0.12)';
const B_DASH = '7 4';
const HEIGHT = 470;

/** "A: <title> (<name>)", the label of a run in legends. */
export function runLabel(letter: 'A' | 'B', named: NamedRun): string {
  return `${letter}: ${runTitle(named.run)} (${named.name})`;
}

/** The networks both runs hold, in display order. */
export function sharedNetworks(a: SavedRun, b: SavedRun): NetworkId[] {
  const inB = new Set(networksOf(b));
  return ALL_NETWORK_IDS.filter((id) => networksOf(a).includes(id) && inB.has(id));
}

function lastStepOf(run: SavedRun): number {
  return Math.max(1, max(networksOf(run), (id) => run[id]?.steps.at(-1)) ?? 0);
}

/**
 * [min, max] over every value of `series`, [-1, 1] when they hold none. d3's extent loops: a run
 * file can hold hundreds of thousands of points, too many for Math.min(...values)'s arguments.
 */
function bandExtent(series: readonly (readonly number[])[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    const [a, b] = extent(values);
    if (a !== undefined && a < lo) lo = a;
    if (b !== undefined && b > hi) hi = b;
  }
  return lo <= hi ? [lo, hi] : [-1, 1];
}

/** The comparison charts of runs A and B: accuracy then tracked unit, per shared network. */
export function compareCharts(a: NamedRun, b: NamedRun): ExportChart[] {
  const networks = sharedNetworks(a.run, b.run);
  const xDomain: [number, number] = [0, Math.max(lastStepOf(a.run), lastStepOf(b.run))];
  const settings = [`A: ${runSettings(a.run)}`, `B: ${runSettings(b.run)}`];
  const labelA = runLabel('A', a);
  const labelB = runLabel('B', b);
  const footer = 'BatchNorm Explorer · comparison of two saved runs';
  const charts: ExportChart[] = [];
  for (const id of networks) {
    const runA = a.run[id];
    const runB = b.run[id];
    if (!runA || !runB) continue;
    const colour = networkColors[id];
    charts.push({
      id: `compare-accuracy-${id}`,
      title: `Test accuracy, ${networkLabels[id]}: A vs B`,
      build: () => ({ svg: lineChartSvg({
        title: `Test accuracy, ${networkLabels[id]}: run A against run B`,
        subtitle: settings, footer, idPrefix: `compare-accuracy-${id}`, width: EXPORT_WIDTH, height: HEIGHT,
        xLabel: 'Training step', yLabel: 'Test accuracy', xDomain, yDomain: [0, 1], yFormat: '.0%',
        lines: [
          { xs: runA.steps, ys: runA.testAccuracy, color: colour.stroke },
          { xs: runB.steps, ys: runB.testAccuracy, color: B_STROKE, dash: B_DASH },
        ],
        legend: [
          { label: labelA, color: colour.stroke, kind: 'line' },
          { label: labelB, color: B_STROKE, kind: 'line', dash: B_DASH },
        ],
      }), width: EXPORT_WIDTH, height: HEIGHT }),
    });
    const [lo, hi] = bandExtent([runA.trackedUnit.p15, runA.trackedUnit.p85, runB.trackedUnit.p15, runB.trackedUnit.p85]);
    const pad = hi > lo ? (hi - lo) * 0.05 : 1;
    const unitOf = (r: typeof runA): string => `unit ${r.trackedUnit.unit} of layer ${r.trackedUnit.layer + 1}`;
    charts.push({
      id: `compare-tracked-${id}`,
      title: `Tracked unit, ${networkLabels[id]}: A vs B`,
      build: () => ({ svg: lineChartSvg({
        title: `Tracked unit's input, ${networkLabels[id]}: run A against run B`,
        subtitle: [`15th, 50th and 85th percentiles over the probe set; A: ${unitOf(runA)}, B: ${unitOf(runB)}`, ...settings],
        footer, idPrefix: `compare-tracked-${id}`, width: EXPORT_WIDTH, height: HEIGHT,
        xLabel: 'Training step', yLabel: a.run.config.activation === b.run.config.activation ? `Input to the ${a.run.config.activation}` : 'Input to the nonlinearity', xDomain, yDomain: [lo - pad, hi + pad],
        bands: [
          { xs: runA.steps, lo: runA.trackedUnit.p15, hi: runA.trackedUnit.p85, fill: colour.fill },
          { xs: runB.steps, lo: runB.trackedUnit.p15, hi: runB.trackedUnit.p85, fill: B_FILL },
        ],
        lines: [
          { xs: runA.steps, ys: runA.trackedUnit.p50, color: colour.stroke },
          { xs: runB.steps, ys: runB.trackedUnit.p50, color: B_STROKE, dash: B_DASH },
        ],
        legend: [
          { label: `${labelA}: median, 15-85th band`, color: colour.stroke, fill: colour.fill, kind: 'band' },
          { label: `${labelB}: median, 15-85th band`, color: B_STROKE, fill: B_FILL, kind: 'band', dash: B_DASH },
        ],
      }), width: EXPORT_WIDTH, height: HEIGHT }),
    });
  }
  return charts;
}
