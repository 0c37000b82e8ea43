/**
 * Every visual constant of the page: colours, chart margins, sizes, font sizes.
 * styles.css mirrors the colours as CSS custom properties; components read this file, never literals.
 * Colours are Okabe-Ito (colour-blind safe); text variants meet WCAG AA (4.5:1) on the page background.
 */
import type { NetworkId } from './experiment/types.ts';

/** Page colours. Contrast ratios are on `background` (#FFFFFF). */
export const colors = {
  background: '#FFFFFF',
  surface: '#F6F8FA',
  /** 15.8:1 */
  text: '#1F2328',
  /** 5.3:1, for secondary text */
  muted: '#656D76',
  grid: '#D0D7DE',
  axis: '#57606A',
  focus: '#0969DA',
  error: '#B42318',
  /** The scrubber marker on every time chart. */
  marker: '#1F2328',
  /** Hatching of the out-of-range edge bins. */
  edgeHatch: '#57606A',
  /** BN's running estimates E[x], Var[x] (Algorithm 2) in the batch panel: Tol's purple, 5.3:1. */
  running: '#AA4499',
} as const;

/** One network's pair of colours: `stroke` for marks (>= 3:1), `text` for labels (>= 4.5:1). */
export interface NetworkColors {
  stroke: string;
  fill: string;
  text: string;
}

/** Okabe-Ito's eight hues, one per network (vermillion no BN, blue BN, ...): distinguishable in every common colour-vision deficiency. */
export const networkColors: Record<NetworkId, NetworkColors> = {
  plain: { stroke: '#D55E00', fill: 'rgba(213, 94, 0, 0.22)', text: '#B34700' },
  bn: { stroke: '#0072B2', fill: 'rgba(0, 114, 178, 0.22)', text: '#0072B2' },
  /** Okabe-Ito bluish green, 3.4:1 for marks; its text shade #007A5A is 5.3:1. */
  noisy: { stroke: '#009E73', fill: 'rgba(0, 158, 115, 0.22)', text: '#007A5A' },
  /** Okabe-Ito reddish purple, 3.1:1; text 5.5:1. */
  'bn-after': { stroke: '#CC79A7', fill: 'rgba(204, 121, 167, 0.22)', text: '#A8457F' },
  /** Okabe-Ito orange darkened to 3.6:1 for marks; text 5.7:1. */
  ghost: { stroke: '#B87800', fill: 'rgba(184, 120, 0, 0.22)', text: '#8F5C00' },
  /** Okabe-Ito black, as a dark grey (8.5:1). */
  ln: { stroke: '#4D4D4D', fill: 'rgba(77, 77, 77, 0.22)', text: '#4D4D4D' },
  /** Okabe-Ito sky blue darkened to 3.1:1 for marks (lighter than BN's blue); text 5.5:1. */
  gn: { stroke: '#3A9AD9', fill: 'rgba(58, 154, 217, 0.22)', text: '#1F6FA3' },
};

/** A network's display name. */
export const networkLabels: Record<NetworkId, string> = {
  plain: 'Without BN',
  bn: 'With BN',
  noisy: 'BN + noise',
  'bn-after': 'BN after activation',
  ghost: 'Ghost BN',
  ln: 'LayerNorm',
  gn: 'GroupNorm',
};

/** Margins around the plot area of an SVG chart, in px. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Chart geometry. */
export const chart = {
  /** Room for the tick labels, the y title above the plot and the x title under the labels. */
  margin: { top: 18, right: 12, bottom: 36, left: 44 } satisfies Margins,
  /** Layer histogram charts: the same, a little tighter. */
  layerMargin: { top: 17, right: 10, bottom: 33, left: 40 } satisfies Margins,
  /** The ridgeline keeps room on the right for its step labels. */
  ridgeMargin: { top: 17, right: 44, bottom: 33, left: 12 } satisfies Margins,
  /** Where axis titles sit: the x title's baseline under the axis line, the y title's above the plot (px). */
  axisTitleOffset: { bottom: 29, left: 7 },
  /** Width used before the container is measured (and in jsdom, which has no layout). */
  fallbackWidth: 480,
  lineHeight: 190,
  smallHeight: 156,
  layerHeight: 164,
  readoutHeight: 60,
  strokeWidth: 1.75,
  markerWidth: 1.5,
  /** Dash pattern of a second line of the same network (test loss beside training loss). */
  dash: '5 3',
  /** Many lines of one network (its units' medians): thin and a little transparent so each stays visible. */
  thinStrokeWidth: 1,
  thinStrokeOpacity: 0.75,
  /** Approximate px per x tick label, to choose how many ticks fit. */
  pxPerXTick: 80,
  pxPerYTick: 36,
  /** Log axes label only some ticks, so they ask for more. */
  pxPerLogTick: 14,
  /** Pixel rows given to the values above / below the range in the heatmap image, when there are any. */
  heatmapEdgeRows: 3,
  /** Value rows of the heatmap image (each snapshot's fitted histogram re-binned onto them). */
  heatmapRows: 96,
  /** Value bins of a ridge. */
  ridgeBins: 64,
  /** Most heatmap pixel columns: one pixel per snapshot column up to this many. */
  heatmapMaxColumns: 600,
  /** Number of histograms stacked in the ridgeline view. */
  ridgeCount: 14,
  /** How far one ridge may rise, in ridge spacings (TensorBoard's offset mode overlaps them). */
  ridgeOverlap: 2.5,
  /** Exponent applied to density before colouring, so thin tails stay visible. */
  densityGamma: 0.5,
} as const;

/**
 * Heatmap density colour on the light page: magma reversed, from 0.98 to 0.1, a pale cream for sparse
 * cells (near the background, never the loudest colour) through orange and plum to near-black for a
 * column's fullest cell. Perceptually uniform and monotone in lightness, so it reads in every common
 * colour-vision deficiency and in grey; its several hues keep the levels of a wide distribution apart.
 */
export const densityStops = ['#FCF4B6', '#FEBD82', '#FB835F', '#E44F64', '#B73779', '#842681', '#4C117A', '#140E36'] as const;

/**
 * The same on the dark theme: inferno from 0.22 to 1, dim purple for sparse cells to pale yellow for
 * the fullest (16:1 on the dark background); empty cells are not painted, so they are the background.
 */
export const densityStopsDark = ['#4A0C6B', '#8C2369', '#C33B4F', '#EB6628', '#FCA50A', '#F4E156', '#FCFFA4'] as const;

/** What a heatmap's colour says, for its on-screen colour bar (the exponent is chart.densityGamma). */
export const densityMeaning = "share of the column's fullest bin";

/** The batch panel's number lines (src/charts/BatchStagesChart.tsx), in px unless said. */
export const batchChart = {
  /** Left: room for the line names (x, x-hat, y). */
  margin: { top: 4, right: 16, bottom: 2, left: 30 } satisfies Margins,
  /** From this chart width on, the line names carry a word ("inputs", "normalised", "output") in a wider left margin. */
  wideFrom: 520,
  wideLeft: 84,
  /** Dots drawn at most; a bigger batch shows an even sample of its examples (the statistics use all). */
  maxDots: 64,
  dotRadius: 4,
  /** Lanes of dots stacked above a line before dots may overlap. */
  maxLanes: 5,
  /** Height of one bracket (a mean mark and its +-1 std bar, with its label) above a line's dots. */
  bracketRow: 16,
  /** Room under a line for its tick labels. */
  tickRoom: 18,
  /** Gap between one line's tick labels and the next line's brackets, crossed by the faint links. */
  linkGap: 22,
  /** Lines whose ranges are within this factor of each other share one scale, so moves are drawn to scale. */
  shareRatio: 4,
  /** Approximate px per tick label. */
  pxPerTick: 70,
  /** How often the panel takes the newest batch while training, ms: a batch a second can be read, 20 cannot. */
  refreshMs: 1000,
} as const;

/** Font sizes (rem) and the page's width limits. */
export const typography = {
  fontStack: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  chartFontPx: 11,
  smallRem: 0.8125,
} as const;
