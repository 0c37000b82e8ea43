/**
 * A run file of 200,000 evaluation points (the size of a long CLI run, about 15 MB) goes through
 * the page's load, compare and CSV path. Math.min(...values) over it threw "Maximum call stack
 * size exceeded" (above about 125k values), which unmounted the whole page.
 */
import { describe, expect, it } from 'vitest';
import { compareCharts } from '../../src/export/compare.ts';
import { runFileToCsv } from '../../src/export/csv.ts';
import { parseSavedRun, runTitle } from '../../src/export/savedRun.ts';
import type { Run } from '../../src/experiment/types.ts';
import { configForPreset } from '../../src/experiment/presets.ts';

const POINTS = 200_000;

/** A valid Run of `n` points, one every step, its tracked unit drifting from -3 .. 3 to 7 .. 13. */
function bigRun(n: number, shift: number): Run {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const drift = (i: number): number => shift + (10 * i) / n;
  return {
    steps,
    trainLoss: steps.map((_, i) => 2 - i / n),
    testAccuracy: steps.map((_, i) => i / n),
    testLoss: steps.map((_, i) => 2 - i / n),
    trackedUnit: {
      layer: 0, unit: 0,
      p15: steps.map((_, i) => drift(i) - 3),
      p50: steps.map((_, i) => drift(i)),
      p85: steps.map((_, i) => drift(i) + 3),
    },
    saturation: [steps.map(() => 0)],
    drift: [steps.map(() => 0.5)],
  };
}

describe(`a run file of ${POINTS.toLocaleString('en-US')} points`, () => {
  const config = { ...configForPreset('spiral'), depth: 1, maxSteps: POINTS };
  const text = JSON.stringify({ config, plain: bigRun(POINTS, 0), bn: bigRun(POINTS, 1) });

  it('loads, compares with itself and exports as CSV without overflowing the stack', () => {
    const parsed = parseSavedRun(text, 'long.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(runTitle(parsed.run)).toBe('Custom settings, 200,000 steps');
    const charts = compareCharts({ name: 'long.json', run: parsed.run }, { name: 'again.json', run: parsed.run });
    expect(charts.map((c) => c.id)).toEqual(['compare-accuracy-plain', 'compare-tracked-plain', 'compare-accuracy-bn', 'compare-tracked-bn']);
    const tracked = charts[3].build().svg;
    // The y axis spans the band (bn's p15 starts at -2, its p85 ends near 14); the SVG is too long to print on failure.
    const yLabels = [...tracked.matchAll(/text-anchor="end" dominant-baseline="middle">([^<]*)</g)].map((m) => m[1]);
    expect(yLabels.at(0)).toBe('\u22122');
    expect(yLabels.at(-1)).toBe('14');
    expect(/NaN|Infinity/.test(tracked)).toBe(false);
    const csv = runFileToCsv(parsed.run);
    expect(csv.split('\r\n')).toHaveLength(1 + 2 * POINTS + 1);
  }, 60_000);
});
