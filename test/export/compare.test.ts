// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { compareCharts, sharedNetworks } from '../../src/export/compare.ts';
import { historyToRunFile } from '../../src/export/runRecord.ts';
import { makeSavedRun } from '../../src/export/savedRun.ts';
import { sessionHistory, SMALL_CONFIG } from './sessionHistory.ts';

const runA = makeSavedRun(historyToRunFile(sessionHistory(SMALL_CONFIG, [50, 50, 50]), SMALL_CONFIG), null);
const configB = { ...SMALL_CONFIG, learningRate: 1.5 };
const runB = makeSavedRun(historyToRunFile(sessionHistory(configB, [50, 50]), configB), null);

describe('compareCharts', () => {
  const charts = compareCharts({ name: 'a.json', run: runA }, { name: 'b.json', run: runB });

  it('overlays accuracy and the tracked unit for each network both runs trained', () => {
    expect(sharedNetworks(runA, runB)).toEqual(['plain', 'bn']);
    expect(charts.map((c) => c.id)).toEqual(['compare-accuracy-plain', 'compare-tracked-plain', 'compare-accuracy-bn', 'compare-tracked-bn']);
  });

  it('names both runs and their settings, draws A solid and B dashed, and writes no NaN', () => {
    for (const chart of charts) {
      const doc = new DOMParser().parseFromString(chart.build().svg, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
      expect(texts.some((t) => t.startsWith('A: Custom settings, 150 steps (a.json)'))).toBe(true);
      expect(texts.some((t) => t.startsWith('B: Custom settings, 100 steps (b.json)'))).toBe(true);
      expect(texts.some((t) => t.startsWith('B: ') && t.includes('learningRate=1.5'))).toBe(true);
      const paths = Array.from(doc.getElementsByTagName('path')).filter((p) => p.getAttribute('fill') === 'none');
      expect(paths.map((p) => p.getAttribute('stroke-dasharray'))).toEqual([null, '7 4']);
      for (const el of Array.from(doc.getElementsByTagName('*'))) {
        for (const attr of Array.from(el.attributes)) expect(attr.value).not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it('has nothing to compare when the runs share no network', () => {
    const onlyBn = { ...runB, plain: undefined };
    const onlyPlain = { ...runA, bn: undefined };
    delete onlyBn.plain;
    delete onlyPlain.bn;
    expect(compareCharts({ name: 'a', run: onlyPlain }, { name: 'b', run: onlyBn })).toEqual([]);
  });
});
