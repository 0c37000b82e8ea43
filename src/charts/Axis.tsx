/**
 * An axis drawn by d3-axis into a ref'd <g> inside an effect (D3 computes, React owns the element).
 */
import { useEffect, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import type { AxisScale } from 'd3-axis';
import { select } from 'd3-selection';

export interface AxisProps {
  scale: AxisScale<number>;
  orient: 'bottom' | 'left';
  /** Translation of the axis group. */
  x?: number;
  y?: number;
  ticks: number;
  /** d3-format specifier for tick labels. */
  format?: string;
}

/** Tick label height when the page does not say (jsdom): the charts' font size. */
const FALLBACK_FONT_PX = 11;

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
 * Hide the labels of a vertical axis that would overlap the one kept below them (a log axis
 * labels many ticks, and presentation mode's larger type needs more room): each kept label has
 * at least its font size and a little more above the previous one. The tick marks stay.
 */
export function thinLabels(g: SVGGElement): void {
  const ticks = Array.from(g.querySelectorAll<SVGGElement>('.tick'))
    .map((tick) => ({ text: tick.querySelector('text'), y: Number(/translate\([^,]+,\s*([-\d.e]+)\)/.exec(tick.getAttribute('transform') ?? '')?.[1]) }))
    .filter((t): t is { text: SVGTextElement; y: number } => t.text !== null && Number.isFinite(t.y) && (t.text.textContent ?? '') !== '')
    .sort((a, b) => b.y - a.y);
  if (ticks.length === 0) return;
  const fontPx = labelFontPx(ticks[0].text);
  let lastY = Number.POSITIVE_INFINITY;
  for (const { text, y } of ticks) {
    const fits = lastY - y >= fontPx * 1.15;
    text.style.visibility = fits ? '' : 'hidden';
    if (fits) lastY = y;
  }
}

/** A d3 axis; redraws only when what it shows (domain, range, tick count, format) changes, not on every render. */
export function Axis({ scale, orient, x = 0, y = 0, ticks, format }: AxisProps) {
  const ref = useRef<SVGGElement | null>(null);
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
  });
  // Scales are new objects on every render; their domain, range and kind say whether the axis changed.
  const key = `${orient}|${scale.domain().join(',')}|${scale.range().join(',')}|${'base' in scale ? 'log' : 'lin'}|${ticks}|${format ?? ''}`;
  useEffect(() => {
    if (!ref.current) return;
    const axis = (orient === 'bottom' ? axisBottom(scaleRef.current) : axisLeft(scaleRef.current)).ticks(Math.max(2, ticks), format).tickSizeOuter(0);
    select(ref.current).call(axis);
    if (orient === 'left') thinLabels(ref.current);
  }, [key, orient, ticks, format]);
  return <g ref={ref} className="axis" transform={`translate(${x},${y})`} aria-hidden="true" />;
}
