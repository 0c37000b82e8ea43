import { describe, expect, it } from 'vitest';
import { csvHeader, runFileToCsv } from '../../src/export/csv.ts';
import { historyToRunFile } from '../../src/export/runRecord.ts';
import { sessionHistory, SMALL_CONFIG } from './sessionHistory.ts';

const file = historyToRunFile(sessionHistory(SMALL_CONFIG, [50, 50, 50]), SMALL_CONFIG);

describe('runFileToCsv', () => {
  it('writes a header with per-layer saturation, drift, weight norm and effective step columns', () => {
    expect(csvHeader(2)).toEqual([
      'network', 'step', 'train_loss', 'test_loss', 'test_accuracy', 'tracked_layer', 'tracked_unit', 'p15', 'p50', 'p85',
      'saturation_layer1', 'saturation_layer2', 'drift_layer1', 'drift_layer2',
      'weight_norm_layer1', 'weight_norm_layer2', 'effective_step_layer1', 'effective_step_layer2', 'diverged_step',
    ]);
    expect(runFileToCsv(file).split('\r\n')[0]).toBe(csvHeader(2).join(','));
  });

  it('has one row per network and evaluation point, whose numbers parse back to the JSON\'s exactly', () => {
    const lines = runFileToCsv(file).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((line) => line.split(','));
    expect(rows).toHaveLength(6);
    const header = csvHeader(2);
    const col = (row: string[], name: string): string => row[header.indexOf(name)];
    for (const id of ['plain', 'bn'] as const) {
      const run = file[id]!;
      const mine = rows.filter((row) => row[0] === id);
      expect(mine.map((row) => Number(col(row, 'step')))).toEqual([50, 100, 150]);
      mine.forEach((row, i) => {
        expect(Number(col(row, 'test_accuracy'))).toBe(run.testAccuracy[i]);
        expect(Number(col(row, 'train_loss'))).toBe(run.trainLoss[i]);
        expect(Number(col(row, 'p50'))).toBe(run.trackedUnit.p50[i]);
        expect(Number(col(row, 'drift_layer2'))).toBe(run.drift[1][i]);
        expect(Number(col(row, 'weight_norm_layer1'))).toBe(run.weightNorm![0][i]);
        // Empty where no BN directly follows the layer (every layer of the plain network).
        expect(col(row, 'effective_step_layer2')).toBe(id === 'bn' ? String(run.effectiveStep![1]![i]) : '');
        expect(col(row, 'tracked_layer')).toBe('2');
        expect(col(row, 'diverged_step')).toBe('');
      });
    }
  });

  it('writes a diverged network\'s step on its rows', () => {
    const diverged = { ...file, plain: { ...file.plain!, diverged: { step: 120 } } };
    const plainRows = runFileToCsv(diverged).split('\r\n').filter((line) => line.startsWith('plain,'));
    expect(plainRows.every((line) => line.endsWith(',120'))).toBe(true);
  });
});
