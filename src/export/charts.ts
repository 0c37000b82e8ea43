/**
 * Every chart the page shows, as an exportable SVG built from the history alone (so a chart
 * scrolled off screen or not yet drawn exports the same): Figure 1 (a, b, c), the training loss,
 * and one heatmap per hidden layer with a panel per network.
 */
import { saturates } from '../experiment/applies.ts';
import { presetById } from '../experiment/presets.ts';
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { NetworkHistory, RunHistory } from '../store/types.ts';
import { networkColors, networkLabels } from '../theme.ts';
import { encodeUrlState } from '../url/codec.ts';
import { layerColumns, layerValueRange, worstOffChart } from '../charts/layerRange.ts';
import { heatmapChartSvg } from './heatmapChart.ts';
import { lineChartSvg } from './lineChart.ts';

/** The experiment a chart belongs to, for its footer. */
export interface ChartContext {
  config: ExperimentConfig;
  presetId: string | null;
  /** Layer charts on one value range per layer shared by every network (the page's "shared range" choice); default: each its own. */
  sharedLayerRange?: boolean;
}

/** A chart the export menu offers; `build` makes its SVG on demand. */
export interface ExportChart {
  /** File-name safe id, e.g. 'figure1a', 'layer2'. */
  id: string;
  /** The menu's name for it. */
  title: string;
  build(): { svg: string; width: number; height: number };
}

/** Width of every exported chart, in CSS px (PNG doubles it). */
export const EXPORT_WIDTH = 800;
const LINE_HEIGHT = 440;

/** The latest step the history reaches. */
export function lastStep(history: RunHistory): number {
  let last = 0;
  for (const net of history.networks) last = Math.max(last, net.steps.at(-1) ?? 0, net.testSteps.at(-1) ?? 0);
  return last;
}

/** "BatchNorm Explorer · <preset> · step N · <settings>": the footer of every exported chart. */
export function chartFooter(history: RunHistory, context: ChartContext): string {
  const preset = context.presetId ? presetById(context.presetId) : undefined;
  const query = encodeUrlState(context);
  return `BatchNorm Explorer · ${preset ? preset.title : 'Custom settings'} · step ${lastStep(history).toLocaleString('en-US')}${query ? ` · ${query}` : ''}`;
}

/** Extent of every finite tracked percentile of all networks, padded by 5% ([-1, 1] when none). */
export function percentileExtent(networks: readonly NetworkHistory[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const net of networks) {
    for (const t of net.tracked) {
      for (const v of t ? [t.p15, t.p50, t.p85] : []) {
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05];
}

function lossExtent(networks: readonly NetworkHistory[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const net of networks) {
    for (const v of net.trainLoss) {
      if (v !== null && Number.isFinite(v) && v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!(lo <= hi)) return [0.01, 10];
  return [Math.pow(10, Math.floor(Math.log10(lo) * 2) / 2), Math.pow(10, Math.ceil(Math.log10(hi) * 2 + 1e-9) / 2)];
}

function networkLegend(history: RunHistory) {
  return history.networks.map((n) => ({ label: networkLabels[n.id], color: networkColors[n.id].stroke, kind: 'line' as const }));
}

function line(svg: string, height: number) {
  return { svg, width: EXPORT_WIDTH, height };
}

/** The charts of `history`, in the page's order. */
export function exportCharts(history: RunHistory, context: ChartContext): ExportChart[] {
  const footer = chartFooter(history, context);
  const xDomain: [number, number] = [0, Math.max(1, lastStep(history))];
  const { layer, unit } = history.tracked;
  const activation = context.config.activation;
  const saturating = saturates(activation);
  const charts: ExportChart[] = [{
    id: 'figure1a',
    title: 'Figure 1 (a): test accuracy',
    build: () => line(lineChartSvg({
      title: 'Figure 1 (a): test accuracy against training step',
      subtitle: 'Held-out test set, inference mode (BN uses its running mean and variance)',
      footer, width: EXPORT_WIDTH, height: LINE_HEIGHT, xLabel: 'Training step', yLabel: 'Test accuracy',
      xDomain, yDomain: [0, 1], yFormat: '.0%',
      lines: history.networks.map((n) => ({ xs: n.testSteps, ys: n.testAccuracy, color: networkColors[n.id].stroke })),
      legend: networkLegend(history),
    }), LINE_HEIGHT),
  }];
  const pDomain = percentileExtent(history.networks);
  history.networks.forEach((n, i) => {
    const letter = String.fromCharCode(98 + i);
    const colour = networkColors[n.id];
    charts.push({
      id: `figure1${letter}`,
      title: `Figure 1 (${letter}): ${networkLabels[n.id]}, tracked unit`,
      build: () => line(lineChartSvg({
        title: `Figure 1 (${letter}): ${networkLabels[n.id]}, input of one ${activation} over training`,
        subtitle: `Unit ${unit} of hidden layer ${layer + 1}: 15th, 50th and 85th percentiles over the probe set (y scale shared by every network)`,
        footer, width: EXPORT_WIDTH, height: LINE_HEIGHT, xLabel: 'Training step', yLabel: `Input to the ${activation}`,
        xDomain, yDomain: pDomain,
        bands: [{ xs: n.steps, lo: n.tracked.map((t) => t?.p15 ?? null), hi: n.tracked.map((t) => t?.p85 ?? null), fill: colour.fill }],
        lines: [{ xs: n.steps, ys: n.tracked.map((t) => t?.p50 ?? null), color: colour.stroke }],
        legend: [
          { label: `${networkLabels[n.id]}: median (50th percentile)`, color: colour.stroke, kind: 'line' },
          { label: '15th to 85th percentile', color: colour.stroke, fill: colour.fill, kind: 'band' },
        ],
      }), LINE_HEIGHT),
    });
  });
  charts.push({
    id: 'loss',
    title: 'Training loss',
    build: () => line(lineChartSvg({
      title: 'Training loss against training step (log scale)',
      subtitle: 'Cross-entropy averaged over the mini-batches since the previous point',
      footer, width: EXPORT_WIDTH, height: LINE_HEIGHT, xLabel: 'Training step', yLabel: 'Training loss',
      xDomain, yDomain: lossExtent(history.networks), yType: 'log', yFormat: '.2~g',
      lines: history.networks.map((n) => ({ xs: n.steps, ys: n.trainLoss, color: networkColors[n.id].stroke })),
      legend: networkLegend(history),
    }), LINE_HEIGHT),
  });
  history.hiddenUnits.forEach((units, layerIdx) => {
    charts.push({
      id: `layer${layerIdx + 1}`,
      title: `Layer ${layerIdx + 1} inputs (heatmap)`,
      build: () => heatmapChartSvg({
          title: `Hidden layer ${layerIdx + 1}: distribution of the ${activation} inputs over training`,
          subtitle: `All ${units} units over the probe set; one column per kept snapshot; ${context.sharedLayerRange ? 'one value range for every network' : 'each panel\'s value range fits its own values'}`,
          footer, width: EXPORT_WIDTH, xDomain, yLabel: `Input to the ${activation}`,
          panels: history.networks.map((n) => {
            const stats = n.layers[layerIdx];
            const columns = layerColumns(stats, history.bins);
            const valueRange = layerValueRange(history, n.id, layerIdx, context.sharedLayerRange === true);
            const last = (stats?.mean.length ?? 0) - 1;
            const note = last >= 0
              ? `at step ${(n.steps[last] ?? 0).toLocaleString('en-US')}: mean ${stats.mean[last].toFixed(2)}, std ${stats.std[last].toFixed(2)}${saturating ? `, saturated ${(100 * stats.saturation[last]).toFixed(1)}%` : ''}`
              : 'no data yet';
            const offChart = worstOffChart(columns, n.steps, valueRange);
            return { label: networkLabels[n.id], color: networkColors[n.id].text, steps: n.steps, columns, valueRange, offChart, note };
          }),
        }),
    });
  });
  return charts;
}
