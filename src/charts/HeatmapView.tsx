/**
 * One layer's input distribution over training as a heatmap: a small canvas (one pixel per
 * snapshot column and value row) stretched by CSS, under an SVG with the axes, the off-range
 * strips (only when some values lie off the range), the off-chart warning and the marker.
 */
import { useEffect, useId, useRef } from 'react';
import type { PointerEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import type { FittedHistogram } from '../experiment/fittedHistogram.ts';
import { chart, colors, densityStops, densityStopsDark, typography } from '../theme.ts';
import { useDarkTheme } from '../themeMode.ts';
import { Axis } from './Axis.tsx';
import { createHeatmapCache, densityLut, EDGE_STRIP_THRESHOLD, heatmapGeometry, heatmapSize, paintHeatmap } from './heatmap.ts';
import type { HeatmapCache } from './heatmap.ts';
import { OffChartWarning } from './OffChartWarning.tsx';

const LUT = densityLut(densityStops);
const LUT_DARK = densityLut(densityStopsDark);

export interface HeatmapViewProps {
  /** One fitted histogram per snapshot (./layerRange.ts layerColumns). */
  columns: readonly FittedHistogram[];
  steps: readonly number[];
  /** The value range up the chart (./layerRange.ts layerValueRange). */
  valueRange: [number, number];
  /** Largest share of a snapshot's values off the range (./layerRange.ts worstOffChart). */
  offChart: number;
  /** Title of the value axis: "input to the sigmoid". */
  valueTitle: string;
  /** Changes whenever the columns may have changed (the history version). */
  version: number;
  width: number;
  height: number;
  xDomain: [number, number];
  markerStep: number | null;
  /** The pointer is over step `step` (null when it leaves). */
  onHoverStep?: (step: number | null) => void;
}

/** Heatmap of a layer's histograms against step. */
export function HeatmapView(props: HeatmapViewProps) {
  const { columns, steps, valueRange, offChart, version, width, height, xDomain, markerStep, onHoverStep } = props;
  const m = chart.layerMargin;
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = Math.max(10, height - m.top - m.bottom);
  const hatchId = `edge-hatch-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  // One pixel buffer per canvas size, reused by every repaint (no garbage per frame).
  const imageRef = useRef<ImageData | null>(null);
  // Each column's colours, worked out once per range: a repaint (the time axis moves on every snapshot) only copies them.
  const cacheRef = useRef<HeatmapCache | null>(null);
  const dark = useDarkTheme();
  const edgeRows = offChart >= EDGE_STRIP_THRESHOLD ? chart.heatmapEdgeRows : 0;
  const size = heatmapSize(columns.length, chart.heatmapRows, chart.heatmapMaxColumns, edgeRows);

  const [d0, d1] = xDomain;
  const [lo, hi] = valueRange;
  // Repaint only when the data, the size, the ranges or the theme changed, not on every render.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (!canvas || !ctx) return; // jsdom has no canvas
    let image = imageRef.current;
    if (!image || image.width !== size.width || image.height !== size.height) {
      image = ctx.createImageData(size.width, size.height);
      imageRef.current = image;
    }
    cacheRef.current ??= createHeatmapCache();
    paintHeatmap(image, columns, steps, {
      stepDomain: [d0, d1], valueRange: [lo, hi], lut: dark ? LUT_DARK : LUT, edgeRows, gamma: chart.densityGamma, cache: cacheRef.current,
    });
    ctx.putImageData(image, 0, 0);
  }, [columns, steps, version, size.width, size.height, d0, d1, lo, hi, edgeRows, dark]);

  const x = scaleLinear().domain(xDomain).range([0, innerW]);
  const { edgeHeight, y } = heatmapGeometry(valueRange, chart.heatmapRows, innerH, edgeRows);
  const markerX = markerStep !== null ? x(markerStep) : NaN;
  const hover = (event: PointerEvent<SVGRectElement>): void => {
    if (!onHoverStep) return;
    const box = event.currentTarget.getBoundingClientRect();
    // In plot px whatever CSS scaling (zoom on projectors) sits between the page and the chart.
    const px = box.width > 0 ? ((event.clientX - box.left) * innerW) / box.width : event.clientX - box.left;
    const step = Math.round(x.invert(px));
    if (Number.isFinite(step)) onHoverStep(Math.max(xDomain[0], Math.min(xDomain[1], step)));
  };

  return (
    <div className="heatmap" style={{ width, height }}>
      <canvas
        ref={canvasRef}
        className="heatmap-canvas"
        width={size.width}
        height={size.height}
        style={{ left: m.left, top: m.top, width: innerW, height: innerH }}
      />
      <svg width={width} height={height} className="chart" fontSize={typography.chartFontPx}>
        <defs>
          <pattern id={hatchId} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="4" stroke={colors.edgeHatch} strokeWidth="1" />
          </pattern>
        </defs>
        <g transform={`translate(${m.left},${m.top})`}>
          {edgeRows > 0 ? (
            <g className="edge-strips">
              <title>{`Hatched strips: values above ${hi} (top) and below ${lo} (bottom), off the range`}</title>
              <rect className="edge-strip" x={0} y={0} width={innerW} height={edgeHeight} fill={`url(#${hatchId})`} opacity={0.35} />
              <rect className="edge-strip" x={0} y={innerH - edgeHeight} width={innerW} height={edgeHeight} fill={`url(#${hatchId})`} opacity={0.35} />
            </g>
          ) : null}
          {Number.isFinite(markerX) && markerX >= 0 && markerX <= innerW ? (
            <line className="marker" x1={markerX} x2={markerX} y1={0} y2={innerH} stroke={colors.marker} strokeWidth={chart.markerWidth} />
          ) : null}
          <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} format="si" title="training step" />
          <Axis scale={y} orient="left" ticks={Math.floor((innerH - 2 * edgeHeight) / chart.pxPerYTick)} title={props.valueTitle} titleOffset={m.left} />
          <OffChartWarning share={offChart} x={innerW} />
          <rect
            className="hover-target"
            x={0}
            y={0}
            width={innerW}
            height={innerH}
            fill="transparent"
            onPointerMove={hover}
            onPointerLeave={() => onHoverStep?.(null)}
          />
        </g>
      </svg>
    </div>
  );
}
