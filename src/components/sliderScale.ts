/**
 * Slider positions for numeric settings: linear or logarithmic between the setting's bounds.
 */

/** Slider resolution: positions 0..SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

/** A numeric range and how a slider spans it. */
export interface SliderRange {
  min: number;
  max: number;
  scale?: 'linear' | 'log';
  integer?: boolean;
}

/** Slider position (0..SLIDER_STEPS) of a value; clamped. */
export function toSliderPosition(value: number, r: SliderRange): number {
  const v = Math.min(r.max, Math.max(r.min, Number.isFinite(value) ? value : r.min));
  const t = r.scale === 'log' && r.min > 0 ? Math.log(v / r.min) / Math.log(r.max / r.min) : (v - r.min) / (r.max - r.min || 1);
  return Math.round(t * SLIDER_STEPS);
}

/** Value at a slider position: log or linear, rounded to an integer or to 3 significant digits. */
export function fromSliderPosition(position: number, r: SliderRange): number {
  const t = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  const raw = r.scale === 'log' && r.min > 0 ? r.min * Math.pow(r.max / r.min, t) : r.min + t * (r.max - r.min);
  const v = r.integer ? Math.round(raw) : Number(raw.toPrecision(3));
  return Math.min(r.max, Math.max(r.min, v));
}

/** Parse typed text as a value of the range; null when it is not a number inside it (or not whole when it must be). */
export function parseSettingNumber(text: string, r: SliderRange): number | null {
  if (text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v < r.min || v > r.max) return null;
  if (r.integer && !Number.isInteger(v)) return null;
  return v;
}
