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
} as const;

/** One network's pair of colours: `stroke` for marks (>= 3:1), `text` for labels (>= 4.5:1). */
export interface NetworkColors {
  stroke: string;
  fill: string;
  text: string;
}

/** Okabe-Ito vermillion (no BN) and blue (BN): distinguishable in every common colour-vision deficiency. */
export const networkColors: Record<NetworkId, NetworkColors> = {
  plain: { stroke: '#D55E00', fill: 'rgba(213, 94, 0, 0.22)', text: '#B34700' },
  bn: { stroke: '#0072B2', fill: 'rgba(0, 114, 178, 0.22)', text: '#0072B2' },
  /** Okabe-Ito bluish green, 3.4:1 for marks; its text shade #007A5A is 5.3:1. */
  noisy: { stroke: '#009E73', fill: 'rgba(0, 158, 115, 0.22)', text: '#007A5A' },
};

/** A network's display name. */
export const networkLabels: Record<NetworkId, string> = {
  plain: 'Without BN',
  bn: 'With BN',
  noisy: 'BN + noise',
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
  margin: { top: 8, right: 12, bottom: 26, left: 44 } satisfies Margins,
  /** Layer histogram charts leave room on the right for the edge-bin labels. */
  layerMargin: { top: 6, right: 56, bottom: 22, left: 36 } satisfies Margins,
  /** Width used before the container is measured (and in jsdom, which has no layout). */
  fallbackWidth: 480,
  lineHeight: 180,
  smallHeight: 140,
  layerHeight: 150,
  readoutHeight: 60,
  strokeWidth: 1.75,
  markerWidth: 1.5,
  /** Approximate px per x tick label, to choose how many ticks fit. */
  pxPerXTick: 80,
  pxPerYTick: 36,
  /** Log axes label only some ticks, so they ask for more. */
  pxPerLogTick: 14,
  /** Pixel rows given to each out-of-range edge bin in the heatmap image. */
  heatmapEdgeRows: 3,
  /** Most heatmap pixel columns: one pixel per snapshot column up to this many. */
  heatmapMaxColumns: 600,
  /** Number of histograms stacked in the ridgeline view. */
  ridgeCount: 14,
  /** How far one ridge may rise, in ridge spacings (TensorBoard's offset mode overlaps them). */
  ridgeOverlap: 2.5,
  /** Exponent applied to density before colouring, so thin tails stay visible. */
  densityGamma: 0.5,
} as const;

/** Heatmap density colour: from nearly background (low) to dark (high); viridis endpoints reversed for a light page. */
export const densityStops = ['#FDE725', '#5EC962', '#21918C', '#3B528B', '#440154'] as const;

/** Font sizes (rem) and the page's width limits. */
export const typography = {
  fontStack: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  chartFontPx: 11,
  smallRem: 0.8125,
} as const;
