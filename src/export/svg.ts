/**
 * Primitives of the exported SVG charts: escaping, number formatting that never writes NaN,
 * text, axes and legends as strings. Pure: no DOM, so charts export from the history alone.
 */
import { colors, typography } from '../theme.ts';

/** Text safe inside an SVG element or attribute. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A coordinate for an attribute: rounded to 0.01; a non-finite value (never expected) becomes 0, never "NaN". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Options of a text element. */
export interface TextOptions {
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  baseline?: 'auto' | 'middle' | 'hanging';
}

/** A <text> element. */
export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const { size = typography.chartFontPx, weight = 'normal', fill = colors.text, anchor = 'start', rotate, baseline = 'auto' } = options;
  const transform = rotate ? ` transform="rotate(${num(rotate)} ${num(x)} ${num(y)})"` : '';
  const weightAttr = weight === 'bold' ? ' font-weight="bold"' : '';
  const baselineAttr = baseline === 'auto' ? '' : ` dominant-baseline="${baseline}"`;
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}"${weightAttr} fill="${fill}" text-anchor="${anchor}"${baselineAttr}${transform}>${esc(content)}</text>`;
}

/** The outer <svg> of an exported chart: white background, the page's fonts, a <title> for screen readers. */
export function svgDocument(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" `
    + `font-family="${esc(typography.fontStack)}" role="img">`
    + `<title>${esc(title)}</title><rect width="${num(width)}" height="${num(height)}" fill="${colors.background}"/>${body}</svg>`;
}

/** A tick: its position on the axis and its label ('' = unlabelled). */
export interface Tick {
  at: number;
  label: string;
}

/** A horizontal axis at `y` from x0 to x1: line, ticks, labels and the axis title below. */
export function bottomAxis(ticks: readonly Tick[], x0: number, x1: number, y: number, title: string): string {
  const parts = [`<line x1="${num(x0)}" y1="${num(y)}" x2="${num(x1)}" y2="${num(y)}" stroke="${colors.axis}"/>`];
  for (const tick of ticks) {
    parts.push(`<line x1="${num(tick.at)}" y1="${num(y)}" x2="${num(tick.at)}" y2="${num(y + 5)}" stroke="${colors.axis}"/>`);
    if (tick.label) parts.push(text(tick.at, y + 17, tick.label, { anchor: 'middle', fill: colors.muted }));
  }
  parts.push(text((x0 + x1) / 2, y + 34, title, { anchor: 'middle', size: 12 }));
  return `<g class="x-axis">${parts.join('')}</g>`;
}

/** A vertical axis at `x` from y0 (bottom) to y1 (top): line, ticks with grid lines to `gridTo`, labels, rotated title. */
export function leftAxis(ticks: readonly Tick[], x: number, y0: number, y1: number, gridTo: number, title: string): string {
  const parts = [`<line x1="${num(x)}" y1="${num(y0)}" x2="${num(x)}" y2="${num(y1)}" stroke="${colors.axis}"/>`];
  for (const tick of ticks) {
    parts.push(`<line x1="${num(x)}" y1="${num(tick.at)}" x2="${num(gridTo)}" y2="${num(tick.at)}" stroke="${colors.grid}" stroke-width="0.5"/>`);
    parts.push(`<line x1="${num(x - 5)}" y1="${num(tick.at)}" x2="${num(x)}" y2="${num(tick.at)}" stroke="${colors.axis}"/>`);
    if (tick.label) parts.push(text(x - 8, tick.at, tick.label, { anchor: 'end', baseline: 'middle', fill: colors.muted }));
  }
  const middle = (y0 + y1) / 2;
  parts.push(text(x - 46, middle, title, { anchor: 'middle', size: 12, rotate: -90 }));
  return `<g class="y-axis">${parts.join('')}</g>`;
}

/** One legend entry: a line (optionally dashed), a band, or a colour swatch. */
export interface LegendItem {
  label: string;
  color: string;
  kind: 'line' | 'band' | 'swatch';
  dash?: string;
  /** Band fill (kind 'band'). */
  fill?: string;
}

/** Legend entries laid out in rows from (x, y) within `maxWidth`; returns the markup and the height used. */
export function legend(items: readonly LegendItem[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  const rowHeight = 18;
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const item of items) {
    const width = 30 + item.label.length * 6.4 + 18;
    if (cx > x && cx + width > x + maxWidth) {
      cx = x;
      cy += rowHeight;
    }
    const mid = cy + rowHeight / 2;
    if (item.kind === 'line') {
      const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
      parts.push(`<line x1="${num(cx)}" y1="${num(mid)}" x2="${num(cx + 24)}" y2="${num(mid)}" stroke="${item.color}" stroke-width="2.5"${dash}/>`);
    } else if (item.kind === 'band') {
      parts.push(`<rect x="${num(cx)}" y="${num(mid - 6)}" width="24" height="12" fill="${item.fill ?? item.color}" stroke="none"/>`);
      const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
      parts.push(`<line x1="${num(cx)}" y1="${num(mid)}" x2="${num(cx + 24)}" y2="${num(mid)}" stroke="${item.color}" stroke-width="2"${dash}/>`);
    } else {
      parts.push(`<rect x="${num(cx)}" y="${num(mid - 6)}" width="24" height="12" fill="${item.color}"/>`);
    }
    parts.push(text(cx + 30, mid, item.label, { baseline: 'middle', size: 12 }));
    cx += width;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: cy - y + rowHeight };
}
