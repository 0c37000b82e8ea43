/** Preallocated buffers for one mini-batch size, so a training step allocates nothing. */
import { createBatchNormState } from './batchNorm.ts';
import type { BatchNormState, GhostBatchNormState } from './batchNorm.ts';
import { createGroupNormState } from './groupNorm.ts';
import type { GroupNormState } from './groupNorm.ts';
import { allocateOnHeap } from './allocate.ts';
import type { Allocate } from './allocate.ts';
import type { Normalization, NormPlacement } from './types.ts';

/** What a workspace needs to know of one dense layer (a `DenseLayer` is one). */
export interface LayerShape {
  /** Output width (units). */
  fanOut: number;
  /** Whether a nonlinearity and the normalization follow: every layer but the last. */
  hidden: boolean;
  /** The layer's normalization ('none' for the output layer). */
  norm: Normalization;
  /** Whether the layer adds its input to its output. */
  residual: boolean;
}

/** The network-wide settings that shape a workspace besides the layers. */
export interface WorkspaceLayout {
  /** The dense layers in order. */
  shapes: readonly LayerShape[];
  /** Where the normalization sits relative to the nonlinearity. */
  placement: NormPlacement;
  /** GroupNorm's number of groups (LayerNorm is 1 group). */
  normGroups: number;
}

/** The per-batch-size intermediates of the forward and backward passes, per dense layer. */
export interface Workspace {
  /** Number of examples these buffers hold. */
  n: number;
  /** Dense outputs z = x W (+ b), [n x fanOut] per layer; the last one holds the logits. */
  z: Float32Array[];
  /** Nonlinearity inputs per hidden layer (the normalization's output when placed before it, else the same array as z). */
  u: Float32Array[];
  /** Nonlinearity outputs per hidden layer, [n x units]. */
  a: Float32Array[];
  /** Normalization outputs per hidden layer when placed after the nonlinearity, else the same array as a. */
  y: Float32Array[];
  /** Layer outputs h_l per hidden layer, the next layer's input: y + input when residual (an array of its own), else y. */
  h: Float32Array[];
  /** Residual layers: a copy of dL/dh_l, the skip connection's share of dL/dh_(l-1); null elsewhere. */
  skip: (Float32Array | null)[];
  /** dL/d(layer output) per layer, [n x fanOut], transformed in place down to dL/dz. */
  delta: Float32Array[];
  /** BN scratch per hidden layer (null without BN). */
  batchNorm: (BatchNormState | null)[];
  /** Ghost BN scratch per hidden layer, made on the first training pass that needs it (null until then). */
  ghost: (GhostBatchNormState | null)[];
  /** LayerNorm / GroupNorm scratch per hidden layer (null without them). */
  groupNorm: (GroupNormState | null)[];
}

export type { Allocate } from './allocate.ts';

/**
 * Floats a workspace allocates per example for `shapes`: per unit z and delta; for a hidden layer
 * also a, with a normalization its output (u or y) and x-hat, and when residual h and skip.
 */
export function workspaceFloatsPerRow(shapes: readonly LayerShape[]): number {
  let floats = 0;
  for (const shape of shapes) {
    const perUnit = shape.hidden ? 3 + (shape.norm !== 'none' ? 2 : 0) + (shape.residual ? 2 : 0) : 2;
    floats += perUnit * shape.fanOut;
  }
  return floats;
}

/**
 * Allocates a workspace for `n` examples through the dense layers of `layout`; the kernels'
 * operands (z, u, a, y, h, delta, x-hat) come from `allocate`.
 */
export function createWorkspace(layout: WorkspaceLayout, n: number, allocate: Allocate = allocateOnHeap): Workspace {
  const ws: Workspace = { n, z: [], u: [], a: [], y: [], h: [], skip: [], delta: [], batchNorm: [], ghost: [], groupNorm: [] };
  for (const shape of layout.shapes) {
    const { fanOut, norm } = shape;
    const dense = allocate(n * fanOut);
    ws.z.push(dense);
    ws.delta.push(allocate(n * fanOut));
    if (!shape.hidden) continue;
    const before = norm !== 'none' && layout.placement === 'before';
    const after = norm !== 'none' && layout.placement === 'after';
    ws.u.push(before ? allocate(n * fanOut) : dense);
    const a = allocate(n * fanOut);
    ws.a.push(a);
    const y = after ? allocate(n * fanOut) : a;
    ws.y.push(y);
    ws.h.push(shape.residual ? allocate(n * fanOut) : y);
    ws.skip.push(shape.residual ? allocate(n * fanOut) : null);
    ws.batchNorm.push(norm === 'batch' ? createBatchNormState(n, fanOut, allocate) : null);
    ws.ghost.push(null);
    const groups = norm === 'layer' ? 1 : layout.normGroups;
    ws.groupNorm.push(norm === 'layer' || norm === 'group' ? createGroupNormState(n, fanOut, groups, allocate) : null);
  }
  return ws;
}

/** A small cache of workspaces by batch size (least recently created evicted first). */
export class WorkspaceCache {
  private readonly byBatchSize = new Map<number, Workspace>();

  constructor(
    private readonly layout: WorkspaceLayout,
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
      workspace = createWorkspace(this.layout, n, this.allocate);
      this.byBatchSize.set(n, workspace);
    }
    return workspace;
  }
}
