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
  }, [key, orient, ticks, format]);
  return <g ref={ref} className="axis" transform={`translate(${x},${y})`} aria-hidden="true" />;
}
