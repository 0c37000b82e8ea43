/**
 * What a tour step points at: charts marked `data-tour-target="<name>"` in the page's components.
 * While a step is open its chart carries `data-tour-focus="true"` (outlined by guide.css) and is
 * scrolled fully into view, above the tour card when the card is a bottom sheet (narrow screens).
 */

/** The charts a step can point at. */
export type TourTarget = 'fig1-accuracy' | 'fig1-percentiles' | 'fig1-loss' | 'saturation' | 'saturation-last' | 'lab' | 'lab-result';

/** The attribute that names a tour target on its element. */
export const TARGET_ATTRIBUTE = 'data-tour-target';
/** The attribute on the element the open step points at. */
export const FOCUS_ATTRIBUTE = 'data-tour-focus';

/** Margin kept between a target and the viewport's edges, px. */
const EDGE = 12;
/** Room left above a target when the view has it to spare: the panel's title and legend just above the chart, px. */
const LEAD = 72;

/**
 * The window scroll (its new scrollY) that shows a box of `top` (relative to the viewport) and
 * `height` inside the visible band [bandTop, bandBottom) of the viewport, or null when it already
 * is. A box that fits gets LEAD px above it (for the legend over the chart), EDGE px when the band
 * is not twice LEAD taller, less when it is barely taller; one taller than the band starts at its top.
 */
export function scrollFor(box: { top: number; height: number }, scrollY: number, bandTop: number, bandBottom: number): number | null {
  if (box.top >= bandTop && box.top + box.height <= bandBottom) return null;
  const spare = bandBottom - bandTop - box.height;
  const offset = spare >= 2 * LEAD ? LEAD : spare >= 2 * EDGE ? EDGE : Math.max(0, spare / 2);
  return Math.max(0, Math.round(scrollY + box.top - bandTop - offset));
}

/** The element `target` names on the page, if it is there. */
export function findTarget(target: TourTarget): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[${TARGET_ATTRIBUTE}="${target}"]`);
}

/** Mark `element` as the one the open step points at (and no other); null clears the mark. */
export function markFocus(element: HTMLElement | null): void {
  for (const other of document.querySelectorAll<HTMLElement>(`[${FOCUS_ATTRIBUTE}]`)) {
    if (other !== element) other.removeAttribute(FOCUS_ATTRIBUTE);
  }
  if (element && element.getAttribute(FOCUS_ATTRIBUTE) !== 'true') element.setAttribute(FOCUS_ATTRIBUTE, 'true');
}

/** The attribute that hides a target's answer (blurred) until the student has made a prediction. */
export const VEIL_ATTRIBUTE = 'data-tour-veil';

/** Veil `element` (and no other); null lifts every veil. */
export function markVeil(element: HTMLElement | null): void {
  for (const other of document.querySelectorAll<HTMLElement>(`[${VEIL_ATTRIBUTE}]`)) {
    if (other !== element) other.removeAttribute(VEIL_ATTRIBUTE);
  }
  if (element && element.getAttribute(VEIL_ATTRIBUTE) !== 'true') element.setAttribute(VEIL_ATTRIBUTE, 'true');
}

/** Whether the user asked for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The band of the viewport the tour card leaves free: all of it beside a side card, the part above
 * it when the card is a fixed bottom sheet.
 */
export function freeBand(card: HTMLElement | null): { top: number; bottom: number } {
  const height = window.innerHeight;
  if (!card || getComputedStyle(card).position !== 'fixed') return { top: 0, bottom: height };
  const rect = card.getBoundingClientRect();
  return { top: 0, bottom: Math.min(height, rect.top) };
}

/** A sticky card's place: its box now, and the top it sticks at. */
export interface CardPlace {
  top: number;
  bottom: number;
  stickyTop: number;
}

/**
 * Like scrollFor, and when a sticky card (not stuck yet, near the top of the page) would still
 * run past the band's bottom there, scroll on until it sticks, if the box stays inside the band.
 */
export function scrollForBoth(box: { top: number; height: number }, scrollY: number, bandTop: number, bandBottom: number, card: CardPlace | null): number | null {
  const next = scrollFor(box, scrollY, bandTop, bandBottom);
  if (!card) return next;
  const at = next ?? scrollY;
  // The card moves up with the page until it sticks.
  const cardTop = Math.max(card.stickyTop, card.top - (at - scrollY));
  if (cardTop + (card.bottom - card.top) <= bandBottom) return next;
  const stick = Math.round(scrollY + card.top - card.stickyTop);
  const boxTop = box.top - (stick - scrollY);
  return stick > at && boxTop >= bandTop && boxTop + box.height <= bandBottom ? stick : next;
}

/** Scroll `element` fully into the free band (as far as it fits), with a sticky card in view too; true when it had to move. */
export function bringIntoView(element: HTMLElement, card: HTMLElement | null): boolean {
  const rect = element.getBoundingClientRect();
  const band = freeBand(card);
  let place: CardPlace | null = null;
  if (card) {
    const style = getComputedStyle(card);
    const box = card.getBoundingClientRect();
    if (style.position === 'sticky') place = { top: box.top, bottom: box.bottom, stickyTop: Number.parseFloat(style.top) || 0 };
  }
  const top = scrollForBoth({ top: rect.top, height: rect.height }, window.scrollY, band.top, band.bottom, place);
  if (top === null || Math.abs(top - window.scrollY) < 1) return false;
  window.scrollTo({ top, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  return true;
}
