/** Hand-made ready events and snapshots for store tests. */
import { DEFAULT_CONFIG } from '../../src/experiment/settings.ts';
import type { NetworkFrame, NetworkId, Snapshot } from '../../src/experiment/types.ts';
import type { ReadyEvent } from '../../src/store/history.ts';

export const BIN_COUNT = 8;

export function readyEvent(runId = 1, hiddenUnits = [4, 4, 4]): ReadyEvent {
  return {
    type: 'ready',
    runId,
    config: { ...DEFAULT_CONFIG, depth: hiddenUnits.length, width: hiddenUnits[0] },
    networks: ['plain', 'bn'],
    hiddenUnits,
    bins: { min: -8, max: 8, count: BIN_COUNT },
    dataSizes: { train: 100, test: 20, probe: 20 },
    kernel: 'js',
  };
}

export function frame(id: NetworkId, step: number, depth = 3, testStep: number | null = null): NetworkFrame {
  return {
    id,
    step,
    trainLoss: step === 0 ? null : 1 / (1 + step),
    trainAccuracy: step === 0 ? null : 0.5,
    test: testStep === null ? null : { step: testStep, loss: 2 / (1 + testStep), accuracy: 0.9 },
    layers: Array.from({ length: depth }, (_, layerIdx) => ({
      counts: Uint32Array.from({ length: BIN_COUNT }, (_, bin) => step + bin + layerIdx),
      under: 1,
      over: 2,
      mean: step,
      std: 1,
      drift: 0,
      driftRaw: 0,
      saturation: 0.25,
    })),
    tracked: { p15: -1, p50: 0, p85: 1 },
    status: { type: 'training' },
  };
}

export function snapshot(step: number, depth = 3, testStep: number | null = null): Snapshot {
  return {
    step,
    stepsPerSecond: 100,
    tracked: { layer: depth - 1, unit: 0 },
    frames: [frame('plain', step, depth, testStep), frame('bn', step, depth, testStep)],
  };
}
