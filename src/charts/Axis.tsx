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

/** A d3 axis; redraws when its scale or ticks change. */
export function Axis({ scale, orient, x = 0, y = 0, ticks, format }: AxisProps) {
  const ref = useRef<SVGGElement | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const axis = (orient === 'bottom' ? axisBottom(scale) : axisLeft(scale)).ticks(Math.max(2, ticks), format).tickSizeOuter(0);
    select(ref.current).call(axis);
  });
  return <g ref={ref} className="axis" transform={`translate(${x},${y})`} aria-hidden="true" />;
}
