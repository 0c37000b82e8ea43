/** Exact, comparable views of snapshots for the determinism tests. */
import type { NetworkFrame, Snapshot } from '../../src/experiment/types.ts';

/**
 * Everything in a frame that depends only on the weights at that step (not on when the previous
 * snapshot was taken): status, test loss / accuracy, each layer's histogram counts, mean, std,
 * saturation, the tracked percentiles. Numbers as their exact bits (Float64 hex), so -0 vs 0 and
 * the last ulp count.
 */
function frameOutputs(frame: NetworkFrame): unknown {
  const bits = (x: number): string => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  };
  return {
    id: frame.id,
    step: frame.step,
    status: frame.status,
    test: frame.test && { step: frame.test.step, loss: bits(frame.test.loss), accuracy: bits(frame.test.accuracy) },
    layers: frame.layers.map((l) => ({
      counts: Array.from(l.counts), under: l.under, over: l.over, mean: bits(l.mean), std: bits(l.std), saturation: bits(l.saturation),
    })),
    tracked: frame.tracked && [frame.tracked.p15, frame.tracked.p50, frame.tracked.p85].map(bits),
  };
}

/** weightsOutputs of every frame of a snapshot, with its step and tracked unit. */
export const weightsOutputs = (snapshot: Snapshot): unknown => ({ step: snapshot.step, tracked: snapshot.tracked, frames: snapshot.frames.map(frameOutputs) });

