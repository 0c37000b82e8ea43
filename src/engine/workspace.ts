/** Preallocated buffers for one mini-batch size, so a training step allocates nothing. */
import { createBatchNormState } from './batchNorm.ts';
import type { BatchNormState } from './batchNorm.ts';
import { allocateOnHeap } from './allocate.ts';
import type { Allocate } from './allocate.ts';

/** The per-batch-size intermediates of the forward and backward passes, per dense layer. */
export interface Workspace {
  /** Number of examples these buffers hold. */
  n: number;
  /** Dense outputs z = x W (+ b), [n x fanOut] per layer; the last one holds the logits. */
  z: Float32Array[];
  /** Nonlinearity inputs per hidden layer (BN output when BN is on, else the same array as z). */
  u: Float32Array[];
  /** Nonlinearity outputs per hidden layer, [n x units]. */
  a: Float32Array[];
  /** dL/d(layer output) per layer, [n x fanOut], transformed in place down to dL/dz. */
  delta: Float32Array[];
  /** BN scratch per hidden layer (empty when BN is off). */
  batchNorm: BatchNormState[];
}

export type { Allocate } from './allocate.ts';

/**
 * Allocates a workspace for `n` examples through dense layers of widths `layers`; the
 * kernels' operands (z, u, a, delta) come from `allocate`.
 */
export function createWorkspace(layers: readonly number[], n: number, batchNorm: boolean, allocate: Allocate = allocateOnHeap): Workspace {
  const numDense = layers.length - 1;
  const z: Float32Array[] = [];
  const u: Float32Array[] = [];
  const a: Float32Array[] = [];
  const delta: Float32Array[] = [];
  const states: BatchNormState[] = [];
  for (let layerIdx = 0; layerIdx < numDense; layerIdx++) {
    const fanOut = layers[layerIdx + 1];
    const dense = allocate(n * fanOut);
    z.push(dense);
    delta.push(allocate(n * fanOut));
    if (layerIdx < numDense - 1) {
      u.push(batchNorm ? allocate(n * fanOut) : dense);
      a.push(allocate(n * fanOut));
      if (batchNorm) states.push(createBatchNormState(n, fanOut, allocate));
    }
  }
  return { n, z, u, a, delta, batchNorm: states };
}

/** A small cache of workspaces by batch size (least recently created evicted first). */
export class WorkspaceCache {
  private readonly byBatchSize = new Map<number, Workspace>();

  constructor(
    private readonly layers: readonly number[],
    private readonly batchNorm: boolean,
    private readonly capacity = 4,
    private readonly allocate: Allocate = allocateOnHeap,
  ) {}

  /** The workspace for `n` examples, allocated on first use. */
  get(n: number): Workspace {
    let workspace = this.byBatchSize.get(n);
    if (workspace === undefined) {
      if (this.byBatchSize.size >= this.capacity) {
        const oldest = this.byBatchSize.keys().next().value as number;
        this.byBatchSize.delete(oldest);
      }
      workspace = createWorkspace(this.layers, n, this.batchNorm, this.allocate);
      this.byBatchSize.set(n, workspace);
    }
    return workspace;
  }
}
