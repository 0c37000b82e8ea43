/**
 * An axis drawn by d3-axis into a ref'd <g> inside an effect (D3 computes, React owns the element),
 * with its title beside it. Ticks and labels come from ./ticks.ts: at least three labelled ticks,
 * plain decimals or SI, no exponent; as many as fit without the labels overlapping.
 */
import { useEffect, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import type { AxisScale } from 'd3-axis';
import { select } from 'd3-selection';
import { chart } from '../theme.ts';
import { linearTicks, logTicks, MIN_TICKS, tickLabels } from './ticks.ts';
import type { TickFormat } from './ticks.ts';

export interface AxisProps {
  scale: AxisScale<number>;
  orient: 'bottom' | 'left';
  /** Translation of the axis group. */
  x?: number;
  y?: number;
  /** About how many ticks the room allows; fewer are drawn when their labels would overlap, never under MIN_TICKS. */
  ticks: number;
  /** How the labels read (./ticks.ts). */
  format?: TickFormat;
  /** Tick exactly at these values instead (a sweep's swept values); labels that would overlap are hidden. */
  values?: readonly number[];
  /** What the axis measures, with its unit: "training step", "input to the sigmoid". */
  title?: string;
  /** Bottom axis: the title's baseline under the axis line (default chart.axisTitleOffset.bottom); left axis: where the title starts, left of the axis line (default 30), px. */
  titleOffset?: number;
}

/** Tick label height when the page does not say (jsdom): the charts' font size (and the font the title offsets are measured in). */
const FALLBACK_FONT_PX = 11;
/** Where a left axis' title starts, left of the axis line, unless told: over the widest usual labels. */
const DEFAULT_LEFT_TITLE_INSET = 30;
/** Width of an average label character, in font sizes (tabular digits are about 0.55-0.6 em). */
const CHAR_EM = 0.62;

/** The last font size read, and what it depends on (the page's mode classes, the chart's class and font attribute). */
let fontRead: { key: string; px: number } | null = null;

/**
 * The font size of a tick label. Reading it (getComputedStyle) makes the browser recompute the page's
 * pending styles in the middle of a redraw, so it is read again only when what decides it changed:
 * presentation mode (a class on <html>) or the kind of chart.
 */
function labelFontPx(text: SVGTextElement): number {
  const svg = text.ownerSVGElement;
  const key = `${text.ownerDocument.documentElement.className}|${svg?.getAttribute('class') ?? ''}|${svg?.getAttribute('font-size') ?? ''}`;
  if (fontRead?.key !== key) fontRead = { key, px: Number.parseFloat(getComputedStyle(text).fontSize) || FALLBACK_FONT_PX };
  return fontRead.px;
}

/**
 * Whether labels `labels` at pixel positions `positions` stand clear of each other at `fontPx`:
 * a font height and a little apart on a vertical axis, half their estimated widths and half a font apart on a horizontal one.
 */
export function labelsFit(positions: readonly number[], labels: readonly string[], orient: 'bottom' | 'left', fontPx: number): boolean {
  const order = positions.map((p, i) => ({ p, w: labels[i].length * CHAR_EM * fontPx })).filter((t, i) => labels[i] !== '' && Number.isFinite(t.p)).sort((a, b) => a.p - b.p);
  for (let i = 1; i < order.length; i++) {
    const gap = order[i].p - order[i - 1].p;
    const need = orient === 'left' ? fontPx * 1.15 : (order[i].w + order[i - 1].w) / 2 + fontPx / 2;
    if (gap < need) return false;
  }
  return true;
}

/**
 * The ticks of an axis: the most, up to `target`, whose labels fit (labelsFit), never under MIN_TICKS.
 * When even the fewest nice ticks crowd (a narrow chart, presentation mode's large type), three
 * from a finer nice set: its first, its last and the one nearest the middle ("500, 1,250, 2,000").
 * Explicit `values` are kept as they are.
 */
export function chooseTicks(scale: AxisScale<number>, orient: 'bottom' | 'left', target: number, format: TickFormat, fontPx: number, values?: readonly number[]): number[] {
  if (values) return [...values];
  const log = 'base' in scale;
  const ticksFor = (count: number): number[] => (log ? logTicks : linearTicks)(scale.domain(), count);
  const fits = (ticks: readonly number[]): boolean => labelsFit(ticks.map((v) => scale(v) ?? NaN), tickLabels(ticks, format), orient, fontPx);
  for (let count = Math.max(MIN_TICKS, Math.round(target)); count >= MIN_TICKS; count--) {
    const ticks = ticksFor(count);
    if (fits(ticks)) return ticks;
  }
  // A log domain under a decade (a shift chart's 0.09..0.2) is nearly linear: its plain decimal ticks are a finer set too.
  const domain = scale.domain();
  const [lo, hi] = [Math.min(domain[0], domain[domain.length - 1]), Math.max(domain[0], domain[domain.length - 1])];
  const nearlyLinear = log && lo > 0 && hi / lo < 10;
  const finerSets = (count: number): number[][] => (nearlyLinear ? [ticksFor(count), linearTicks([lo, hi], count).filter((v) => v > 0)] : [ticksFor(count)]);
  let fallback: number[] | null = null;
  for (let count = MIN_TICKS; count <= 4 * MIN_TICKS; count++) for (const finer of finerSets(count)) {
    if (finer.length < MIN_TICKS) continue;
    const middle = (finer[0] + finer[finer.length - 1]) / 2;
    const inner = finer.slice(1, -1).reduce((best, v) => (Math.abs(v - middle) < Math.abs(best - middle) ? v : best));
    const three = [finer[0], inner, finer[finer.length - 1]];
    fallback ??= three;
    if (fits(three)) return three;
  }
  return fallback ?? ticksFor(MIN_TICKS);
}

/**
 * Hide the labels of an axis that would overlap the one kept before them (explicit values crowd on a
 * log axis; presentation mode's larger type needs more room), from the start of the axis (bottom / left):
 * the first label always stays. The tick marks stay.
 */
export function thinLabels(g: SVGGElement, orient: 'bottom' | 'left' = 'left'): void {
  const coordinate = orient === 'left' ? /translate\([^,]+,\s*([-\d.e]+)\)/ : /translate\(([-\d.e]+)/;
  const ticks = Array.from(g.querySelectorAll<SVGGElement>('.tick'))
    .map((tick) => ({ text: tick.querySelector('text'), p: Number(coordinate.exec(tick.getAttribute('transform') ?? '')?.[1]) }))
    .filter((t): t is { text: SVGTextElement; p: number } => t.text !== null && Number.isFinite(t.p) && (t.text.textContent ?? '') !== '')
    .sort((a, b) => (orient === 'left' ? b.p - a.p : a.p - b.p));
  if (ticks.length === 0) return;
  const fontPx = labelFontPx(ticks[0].text);
  let last: { p: number; label: string } | null = null;
  for (const { text, p } of ticks) {
    const label = text.textContent ?? '';
    const fits = last === null || labelsFit([last.p, p], [last.label, label], orient, fontPx);
    text.style.visibility = fits ? '' : 'hidden';
    if (fits) last = { p, label };
  }
}

/** A d3 axis and its title; redraws only when what it shows (domain, range, ticks, format) changes, not on every render. */
export function Axis({ scale, orient, x = 0, y = 0, ticks, format = 'number', values, title, titleOffset }: AxisProps) {
  const ref = useRef<SVGGElement | null>(null);
  const latest = useRef({ scale, values });
  useEffect(() => {
    latest.current = { scale, values };
  });
  // Scales are new objects on every render; their domain, range and kind say whether the axis changed.
  const key = `${orient}|${scale.domain().join(',')}|${scale.range().join(',')}|${'base' in scale ? 'log' : 'lin'}|${ticks}|${format}|${values?.join(',') ?? ''}`;
  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const { scale: current, values: fixed } = latest.current;
    const draw = (tickValues: readonly number[]): void => {
      const texts = tickLabels(tickValues, format);
      const labels = new Map(tickValues.map((v, i) => [v, texts[i]]));
      const make = orient === 'bottom' ? axisBottom : axisLeft;
      select(g).call(make(current).tickValues(tickValues).tickFormat((v) => labels.get(Number(v)) ?? '').tickSizeOuter(0));
    };
    // A first draw gives a label to read the page's font from (presentation mode enlarges it); a second only if that changes the ticks.
    const first = chooseTicks(current, orient, ticks, format, FALLBACK_FONT_PX, fixed);
    draw(first);
    const text = g.querySelector<SVGTextElement>('.tick text');
    const fontPx = text ? labelFontPx(text) : FALLBACK_FONT_PX;
    const second = chooseTicks(current, orient, ticks, format, fontPx, fixed);
    if (second.join(',') !== first.join(',')) draw(second);
    thinLabels(g, orient);
  }, [key, orient, ticks, format]);
  const range = scale.range().map(Number);
  const [start, end] = [Math.min(...range), Math.max(...range)];
  return (
    <>
      <g ref={ref} className="axis" transform={`translate(${x},${y})`} aria-hidden="true" />
      {title ? (
        orient === 'bottom' ? (
          // Under the labels, at the end the values grow towards (Observable Plot's habit).
          // The offset is in ems of the chart font, so presentation mode's larger labels push the title down with them.
          <text className="axis-title" x={x + end} y={y} dy={`${((titleOffset ?? chart.axisTitleOffset.bottom) / FALLBACK_FONT_PX).toFixed(3)}em`} textAnchor="end">{`${title} →`}</text>
        ) : (
          // Above the plot, starting over the labels: no room taken from the plot's width.
          <text className="axis-title" x={x - (titleOffset ?? DEFAULT_LEFT_TITLE_INSET)} y={y + start - chart.axisTitleOffset.left} textAnchor="start">{`↑ ${title}`}</text>
        )
      ) : null}
    </>
  );
}
