/**
 * The geometry of a sweep chart, as plain numbers and path strings: x the swept value on a log
 * scale, y the final test accuracy; diverged runs become markers on the x axis. No NaN ever
 * leaves here (unusable values are dropped).
 */
import { max, min } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import { linePath, round2 } from '../../../charts/paths.ts';
import type { NetworkId } from '../../../experiment/types.ts';
import type { SweepResult } from '../../../lab/sweeps.ts';

/** One network's marks. */
export interface SweepLine {
  id: NetworkId;
  /** Path through the runs that did not diverge; a diverged run breaks it. */
  path: string;
  /** Dots at the runs that did not diverge. */
  dots: { x: number; y: number; value: number; accuracy: number }[];
  /** Crosses on the x axis at the runs that diverged. */
  crosses: { x: number; y: number; value: number; step: number }[];
}

/** Everything the chart draws, in plot coordinates. */
export interface SweepGeometry {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
  lines: SweepLine[];
  /** x of the experiment's own value (factor 1), or null when the sweep does not reach it. */
  baseX: number | null;
  /** The swept values, ascending: where the x axis ticks. */
  values: number[];
}

/** Geometry of `result` in a plot of innerWidth x innerHeight px. */
export function sweepGeometry(result: SweepResult, innerWidth: number, innerHeight: number): SweepGeometry {
  const values = result.points.map((p) => p.value).filter((v) => Number.isFinite(v) && v > 0);
  const lo = min(values) ?? 1;
  const hi = max(values) ?? 10;
  // Half a step of padding on each side (in log space) so end markers are not cut.
  const pad = lo === hi ? 2 : Math.pow(hi / lo, 0.04);
  const x = scaleLog().domain([lo / pad, hi * pad]).range([0, innerWidth]);
  const y = scaleLinear().domain([0, 1]).range([innerHeight, 0]);
  const points = result.points.filter((p) => Number.isFinite(p.value) && p.value > 0).sort((a, b) => a.value - b.value);
  const lines = result.networks.map((id, index): SweepLine => {
    const xs = points.map((p) => p.value);
    const ys = points.map((p) => {
      const outcome = p.networks[id];
      return outcome && outcome.divergedAt === null && outcome.testAccuracy !== null && Number.isFinite(outcome.testAccuracy) ? outcome.testAccuracy : null;
    });
    const dots = points.flatMap((p, i) => {
      const accuracy = ys[i];
      return accuracy === null ? [] : [{ x: round2(x(p.value)), y: round2(y(accuracy)), value: p.value, accuracy }];
    });
    // Crosses of the second network sit a little higher, so two crosses at one value both show.
    const crossY = round2(innerHeight - 6 - 10 * index);
    const crosses = points.flatMap((p) => {
      const step = p.networks[id]?.divergedAt;
      return step === null || step === undefined ? [] : [{ x: round2(x(p.value)), y: crossY, value: p.value, step }];
    });
    return { id, path: linePath(xs, ys, x, y), dots, crosses };
  });
  const baseX = result.base > 0 && result.base >= lo && result.base <= hi ? round2(x(result.base)) : null;
  return { x, y, lines, baseX, values: points.map((p) => p.value) };
}

/** A short label for a swept value: 3 significant digits, no trailing zeros. */
export function formatValue(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
