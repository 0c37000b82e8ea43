/**
 * Algorithm 1 on one unit's mini-batch, drawn: three number lines (x, x-hat, y) with one dot per
 * example, faint links following each example from line to line, the batch mean and +-1 std
 * bracket on x, 0 +- 1 on x-hat, beta +- |gamma| on y, and the running estimates on x. Pure: it
 * draws what its props say (D3 computes the scales, React renders the SVG).
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import type { ReactNode } from 'react';
import type { BatchSample } from '../experiment/batchSample.ts';
import { batchChart, typography } from '../theme.ts';
import { dodgeLanes, sampleIndices, stageDomains } from './batchStages.ts';
import type { BatchStages, Domain } from './batchStages.ts';

export interface BatchStagesChartProps {
  sample: BatchSample;
  stages: BatchStages;
  width: number;
  /** Accessible name of the picture. */
  label: string;
}

/** A mean mark with its +-1 std bracket, drawn above a line's dots. */
interface Bracket {
  centre: number;
  halfWidth: number;
  label: ReactNode;
  /** Characters of the label, to place it where it fits. */
  labelChars: number;
  running?: boolean;
}

interface Row {
  stage: 'x' | 'xHat' | 'y';
  name: ReactNode;
  /** What the line holds, in a word, under its name where there is room. */
  word: string;
  values: ArrayLike<number>;
  domain: Domain;
  brackets: Bracket[];
}

const sub = (text: string): ReactNode => <tspan baselineShift="sub" fontSize="75%">{text}</tspan>;
const { dotRadius: r, maxLanes, bracketRow, tickRoom, linkGap, margin } = batchChart;
/** Height of the lanes of dots above a line. */
const DOTS_HEIGHT = maxLanes * 2 * r + 2;
/** Approximate width of a label character at the chart font, px. */
const CHAR_PX = 0.6 * typography.chartFontPx;

/** The three lines of `sample`, top to bottom. */
function rowsOf(sample: BatchSample, stages: BatchStages): { rows: Row[]; shared: boolean } {
  const domains = stageDomains(sample, stages, batchChart.shareRatio);
  const rows: Row[] = [
    {
      stage: 'x', name: 'x', word: 'inputs', values: sample.x, domain: domains.x,
      brackets: [
        { centre: sample.runningMean, halfWidth: stages.runningStd, label: <>E[x] ± √Var[x] (running)</>, labelChars: 24, running: true },
        { centre: sample.mean, halfWidth: stages.std, label: <>μ{sub('B')} ± σ{sub('B')} (this batch)</>, labelChars: 18 },
      ],
    },
    { stage: 'xHat', name: 'x̂', word: 'normalised', values: stages.xHat, domain: domains.xHat, brackets: [{ centre: 0, halfWidth: 1, label: '0 ± 1', labelChars: 5 }] },
    { stage: 'y', name: 'y', word: 'output', values: stages.y, domain: domains.y, brackets: [{ centre: sample.beta, halfWidth: Math.abs(sample.gamma), label: <>β ± |γ|</>, labelChars: 7 }] },
  ];
  return { rows, shared: domains.shared };
}

/** The picture of Algorithm 1 on `sample`. */
export function BatchStagesChart({ sample, stages, width, label }: BatchStagesChartProps) {
  const { rows } = rowsOf(sample, stages);
  const wide = width >= batchChart.wideFrom;
  const plotLeft = wide ? batchChart.wideLeft : margin.left;
  const plotRight = Math.max(plotLeft + 60, width - margin.right);
  const tickCount = Math.max(3, Math.floor((plotRight - plotLeft) / batchChart.pxPerTick));
  const shown = sampleIndices(stages.m, batchChart.maxDots);
  // Top of each line's band, and its axis.
  let top = margin.top;
  const laid = rows.map((row) => {
    const scale = scaleLinear().domain(row.domain).range([plotLeft, plotRight]).nice(tickCount);
    const axisY = top + row.brackets.length * bracketRow + DOTS_HEIGHT;
    const cx = shown.map((i) => scale(row.values[i]));
    const lanes = dodgeLanes(cx, 2 * r, maxLanes);
    const cy = lanes.map((lane) => axisY - r - 1 - lane * 2 * r);
    const placed = { row, scale, top, axisY, cx, cy };
    top = axisY + tickRoom + linkGap;
    return placed;
  });
  const height = laid[laid.length - 1].axisY + tickRoom + margin.bottom;
  return (
    <svg className="chart batch-chart" role="img" aria-label={label} width={width} height={height} fontSize={typography.chartFontPx}>
      {laid.slice(1).map((below, k) => {
        const above = laid[k];
        return (
          <g key={`links-${below.row.stage}`} className="batch-links" aria-hidden="true">
            {shown.map((example, j) => (
              <line key={example} x1={above.cx[j]} y1={above.axisY} x2={below.cx[j]} y2={below.cy[j]} />
            ))}
          </g>
        );
      })}
      {laid.map(({ row, scale, top: rowTop, axisY, cx, cy }) => (
        <g key={row.stage} data-stage={row.stage}>
          <text className="batch-row-name" x={4} y={axisY - DOTS_HEIGHT / 2}>{row.name}</text>
          {wide && <text className="batch-row-word" x={4} y={axisY - DOTS_HEIGHT / 2 + typography.chartFontPx + 6}>{row.word}</text>}
          {row.brackets.map((bracket, b) => (
            <BracketMark key={b} bracket={bracket} scale={scale} y={rowTop + (b + 0.5) * bracketRow} axisY={axisY} right={plotRight} />
          ))}
          <Ticks scale={scale} count={tickCount} axisY={axisY} />
          <g className="batch-dots">
            {cx.map((x, j) => <circle key={shown[j]} cx={x} cy={cy[j]} r={r} />)}
          </g>
        </g>
      ))}
    </svg>
  );
}

/** A line's axis: the line itself, tick marks and plain-decimal labels under it. */
function Ticks({ scale, count, axisY }: { scale: ScaleLinear<number, number>; count: number; axisY: number }) {
  const [left, right] = scale.range();
  const format = scale.tickFormat(count);
  return (
    <g className="batch-axis" aria-hidden="true">
      <line x1={left} x2={right} y1={axisY} y2={axisY} />
      {scale.ticks(count).map((value) => (
        <g key={value} transform={`translate(${scale(value)},${axisY})`}>
          <line y2={4} />
          <text y={tickRoom - 3} textAnchor="middle">{format(value)}</text>
        </g>
      ))}
    </g>
  );
}

/** A mean mark (a dashed line down to the axis) and a bracket one std either side, labelled where it fits. */
function BracketMark({ bracket, scale, y, axisY, right }: { bracket: Bracket; scale: ScaleLinear<number, number>; y: number; axisY: number; right: number }) {
  const centre = scale(bracket.centre);
  const lo = scale(bracket.centre - bracket.halfWidth);
  const hi = scale(bracket.centre + bracket.halfWidth);
  const labelWidth = bracket.labelChars * CHAR_PX;
  // Right of the bracket when there is room, else left of it, else over it at the right end (on a halo).
  const place = hi + 6 + labelWidth <= right + batchChart.margin.right ? { x: hi + 6, anchor: 'start' as const }
    : lo - 6 - labelWidth >= 0 ? { x: lo - 6, anchor: 'end' as const } : { x: right, anchor: 'end' as const };
  const cap = bracketRow / 4;
  return (
    <g className={bracket.running ? 'batch-bracket batch-running' : 'batch-bracket'}>
      <line className="batch-mean" x1={centre} x2={centre} y1={y - cap} y2={axisY} />
      <line x1={lo} x2={hi} y1={y} y2={y} />
      <line x1={lo} x2={lo} y1={y - cap} y2={y + cap} />
      <line x1={hi} x2={hi} y1={y - cap} y2={y + cap} />
      <text x={place.x} y={y + cap} textAnchor={place.anchor}>{bracket.label}</text>
    </g>
  );
}
