/** Hand-made histories for chart tests. */
import type { HistogramBins, NetworkId, TrackedPercentiles } from '../../src/experiment/types.ts';
import type { LayerHistory, NetworkHistory, RunHistory } from '../../src/store/types.ts';

export const BINS: HistogramBins = { min: -8, max: 8, count: 4 };

export function column(under: number, counts: number[], over: number): Uint32Array {
  return Uint32Array.from([under, ...counts, over]);
}

export function makeLayer(columns: Uint32Array[]): LayerHistory {
  return {
    columns,
    mean: columns.map((_, i) => i * 0.5),
    std: columns.map(() => 1),
    drift: columns.map(() => 0.25),
    driftRaw: columns.map(() => 0.5),
    saturation: columns.map(() => 0.1),
  };
}

export function makeNetwork(id: NetworkId, steps: number[], overrides: Partial<NetworkHistory> = {}): NetworkHistory {
  const cols = steps.map((_, i) => column(0, [1, 2 + i, 3, 0], 0));
  const tracked: (TrackedPercentiles | null)[] = steps.map((_, i) => ({ p15: -1 - i, p50: 0, p85: 1 + i }));
  return {
    id,
    steps,
    trainLoss: steps.map((s) => 2 / (1 + s / 100)),
    testSteps: steps,
    testLoss: steps.map((s) => 2 / (1 + s / 100)),
    testAccuracy: steps.map((s) => Math.min(1, 0.1 + s / 1000)),
    layers: [makeLayer(cols), makeLayer(cols)],
    tracked,
    status: { type: 'training' },
    ...overrides,
  };
}

export function makeHistory(networks: NetworkHistory[], version = 1): RunHistory {
  return { runId: 1, bins: BINS, hiddenUnits: [10, 10], tracked: { layer: 1, unit: 0 }, networks, version };
}

/** Every numeric value in an SVG/HTML attribute string of `root`; true when none is NaN/Infinity. */
export function attributesFreeOfNaN(root: Element): boolean {
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/NaN|Infinity/.test(attr.value)) return false;
    }
  }
  return true;
}
