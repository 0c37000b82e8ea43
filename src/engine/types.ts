/**
 * The engine's public types: a multi-layer perceptron with optional Batch Normalization
 * (Ioffe & Szegedy 2015, Algorithms 1 and 2). Plain data only, so every value crosses a
 * worker boundary by structured clone.
 */
import type { PopulationStatistics } from './populationStatistics.ts';

/** Nonlinearity applied after each hidden layer (after BN when BN is on). */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';

/** Weight initialisation: N(0, std^2), Xavier/Glorot normal N(0, 2/(in+out)), or He normal N(0, 2/in). */
export interface InitConfig {
  /** 'gaussian' uses `std`; 'xavier' and 'he' derive the std from the layer's fan-in/out. */
  scheme: 'gaussian' | 'xavier' | 'he';
  /** Standard deviation of the 'gaussian' scheme; ignored by the others. Default 0.1. */
  std?: number;
  /** Multiplies every initial weight (section 3.3: BN is invariant to it). Default 1. */
  scale?: number;
}

/**
 * Santurkar et al. (2018) "noisy BN" (their Algorithm 1): after each BN layer, at every training
 * step, per unit mu ~ U(-nMu, nMu) and sigma ~ U(1, nSigma); then per example and unit
 * m ~ U(mu - rMu, mu + rMu) and s ~ N(sigma, rSigma^2), and the BN output y becomes s * y + m.
 */
export interface BnNoiseConfig {
  /** Half-width of the per-unit shift mu's range; theirs 0.5. */
  nMu: number;
  /** Upper end of the per-unit scale sigma's range [1, nSigma]; theirs 1.25. */
  nSigma: number;
  /** Half-width of the per-example shift m around mu; theirs 0.1. */
  rMu: number;
  /** Standard deviation of the per-example scale s around sigma; theirs 0.1. */
  rSigma: number;
}

/**
 * Which normalization follows each hidden dense layer: 'batch' is Batch Normalization (Ioffe &
 * Szegedy 2015: per unit, over the mini-batch; running statistics at inference), 'layer' is Layer
 * Normalization (Ba, Kiros & Hinton 2016: per example, over the layer's units), 'group' is Group
 * Normalization (Wu & He 2018: per example, over groups of consecutive units). LayerNorm and
 * GroupNorm compute the same thing in training and inference (no running statistics).
 */
export type Normalization = 'none' | 'batch' | 'layer' | 'group';

/** Where the normalization sits: 'before' the nonlinearity (the paper: dense -> norm -> f) or 'after' it (dense + bias -> f -> norm). */
export type NormPlacement = 'before' | 'after';

/**
 * Everything that defines a network. Two configs that differ only in their normalization
 * (`batchNorm`, `normalization`, `normGroups`, `normPlacement`, `ghostBatchSize`, `bnNoise`,
 * BN settings) or `residual` share their initial dense weights: they are drawn from `seed` in
 * the same order whatever the normalization.
 */
export interface NetworkConfig {
  /** Layer widths: [inputs, hidden..., classes]; at least [inputs, classes]. */
  layers: number[];
  /** Hidden nonlinearity. The output layer is always linear, followed by softmax. */
  activation: Activation;
  /**
   * Insert BN before every hidden nonlinearity; hidden dense layers then have no bias. The older
   * spelling of `normalization: 'batch'` (true) or 'none' (false); optional when `normalization`
   * is given. Resolved, it is true exactly when the normalization is 'batch'. A value that
   * contradicts `normalization` (true with 'none', 'layer', 'group'; false with 'batch') is a RangeError.
   */
  batchNorm?: boolean;
  /**
   * The normalization of every hidden layer (see `Normalization`). Default: 'batch' when `batchNorm`
   * is true, else 'none'. Parameters per hidden layer i: `bn{i}.gamma`, `bn{i}.beta` (and
   * `bn{i}.runningMean`, `bn{i}.runningVar`), `ln{i}.gamma`, `ln{i}.beta` or `gn{i}.gamma`, `gn{i}.beta`.
   * Every normalization adds `bnEpsilon` to its variance.
   */
  normalization?: Normalization;
  /**
   * GroupNorm's number of groups G (Wu & He's G): each example's units split into G groups of
   * width / G consecutive units, each normalised over its own units. Must divide every hidden
   * width (a RangeError otherwise). Default 4. G = 1 is LayerNorm; G = width is per-unit.
   * Ignored unless `normalization` is 'group'.
   */
  normGroups?: number;
  /**
   * 'before' (default): dense -> norm -> nonlinearity, as in the paper. 'after': dense + bias ->
   * nonlinearity -> norm, whose output feeds the next layer. A hidden dense layer has a bias
   * unless BN directly follows it (BN placed 'before'). `probe` returns the nonlinearity inputs
   * either way (with 'after', the un-normalised z = h W + b).
   */
  normPlacement?: NormPlacement;
  /**
   * Ghost Batch Normalization (Hoffer, Hubara & Soudry 2017), BN only: in training mode each
   * consecutive run of `ghostBatchSize` examples of the batch (a "virtual batch") is normalised
   * with its own statistics; a batch size that is not a multiple of it is a RangeError at step
   * time. The running statistics take the average of the virtual batches' means and (unbiased)
   * variances. An integer >= 2; null (default) normalises over the whole batch.
   */
  ghostBatchSize?: number | null;
  /**
   * Residual connections: each hidden layer whose width equals its input's outputs
   * h_l = h_(l-1) + f_l(h_(l-1)), f_l being its dense layer, normalization and nonlinearity
   * (the nonlinearity inputs that `probe` returns are f_l's). Default false.
   */
  residual?: boolean;
  /** Initial weights; biases start at 0, gamma at 1, beta at 0. */
  init: InitConfig;
  /** Seed of the initial weights: same seed (and layers, init) => bit-identical weights. */
  seed: number;
  /** Weight of the newest batch statistic in the running averages (PyTorch convention). Default 0.1. */
  bnMomentum?: number;
  /** Added to the variance before the square root. Default 1e-5. */
  bnEpsilon?: number;
  /**
   * Noise after every BN layer in training mode only (needs `batchNorm`); null (default) is none.
   * Drawn from the network's own stream seeded from `seed`, so the weights do not change.
   */
  bnNoise?: BnNoiseConfig | null;
}

/** A mini-batch: `n` examples, inputs row-major [n x inputs], integer class labels. */
export interface Batch {
  /** Inputs, row-major, length n * inputs. */
  x: Float32Array;
  /** Class labels in [0, classes); length n. */
  y: Uint8Array;
  /** Number of examples. */
  n: number;
}

/** Options of one SGD step. */
export interface StepOptions {
  /** Step size eta of SGD. */
  learningRate: number;
  /** Heavy-ball momentum mu in v = mu v + g; w -= eta v. 0 (default) is plain SGD. */
  momentum?: number;
  /**
   * L2 weight decay lambda (van Laarhoven 2017): g + lambda w replaces the gradient g of every
   * DENSE WEIGHT (`dense{i}.weight` only: not biases, gamma or beta) before the SGD or momentum
   * update, i.e. the gradient of L + lambda/2 ||W||^2. 0 (default) is none.
   */
  weightDecay?: number;
}

/** Loss and accuracy of a batch. */
export interface BatchResult {
  /** Softmax cross-entropy averaged over the batch. */
  loss: number;
  /** Fraction of examples whose argmax prediction equals the label. */
  accuracy: number;
}

/** Named parameter (or gradient) arrays; names as in DESIGN.md (`dense0.weight`, `bn0.gamma`...). */
export type ParameterMap = Record<string, Float32Array>;

/** Options of `Network.probe`. */
export interface ProbeOptions {
  /**
   * Apply the config's bnNoise to the probed values too: one fresh draw of per-unit mu, sigma per
   * call and of m, s per example, from a stream of its own (training is unaffected). Default false.
   */
  bnNoise?: boolean;
  /**
   * With bnNoise: draw this call's noise from a fresh stream seeded with `noiseSeed` instead of the
   * probe stream, so the draw depends on the seed alone, not on how many probes came before.
   */
  noiseSeed?: number;
}

/**
 * One BN unit over the network's last training-mode mini-batch: Algorithm 1's inputs and batch
 * statistics, with the unit's learned parameters and Algorithm 2's running estimates as they are now.
 */
export interface BatchNormUnitBatch {
  /**
   * x_i: the unit's BN inputs over the batch, a copy; length m. With BN before the nonlinearity
   * (the paper) they are the dense outputs W u (no bias); with normPlacement 'after', the
   * nonlinearity outputs f(W u + b). With ghostBatchSize g, only the first virtual batch (m = g),
   * whose statistics `mean` and `variance` are.
   */
  x: Float32Array;
  /** mu_B: the batch mean of x that the forward pass used. */
  mean: number;
  /** sigma_B^2: the BIASED batch variance of x that the forward pass used. */
  variance: number;
  /** gamma of the unit now (after the step's SGD update, one learning-rate step from the one the pass used). */
  gamma: number;
  /** beta of the unit now (likewise after the update). */
  beta: number;
  /** E[x]: the running mean (Algorithm 2), this batch's mean already averaged in. */
  runningMean: number;
  /** Var[x]: the running (unbiased) variance, this batch's already averaged in. */
  runningVar: number;
  /** epsilon added to the variance before the square root. */
  epsilon: number;
}

/** The network API of DESIGN.md. */
export interface Network {
  /** The config the network was built with, defaults filled in. */
  readonly config: Readonly<Required<NetworkConfig>>;
  /**
   * The matrix kernels in use: 'wasm-simd' is the WebAssembly SIMD fast path (chosen by
   * default where the runtime supports it), 'js' the pure-TypeScript fallback.
   */
  readonly kernel: 'wasm-simd' | 'js';
  /** One SGD step in training mode (batch statistics; running statistics updated). */
  trainStep(batch: Batch, options: StepOptions): BatchResult;
  /** Loss and gradients in training mode, with no update of weights or running statistics. */
  lossAndGradients(batch: Batch): { loss: number; gradients: ParameterMap };
  /** Loss and accuracy in inference mode (running statistics, Algorithm 2). */
  evaluate(batch: Batch): BatchResult;
  /**
   * Per hidden layer, the nonlinearity inputs in inference mode (after the normalization when it is
   * placed 'before'; with 'after', the dense outputs z = h W + b): Float32Array [n x units]
   * row-major, one per hidden layer.
   */
  probe(batch: Batch, options?: ProbeOptions): Float32Array[];
  /** Live views of every parameter and BN running statistic, by name. */
  parameters(): ParameterMap;
  /**
   * Hidden layer `layerIdx`'s BN unit `unit` over the last training-mode batch (trainStep or
   * lossAndGradients), read from the buffers that pass cached: a copy, cheap (m values). Null
   * without BN in that layer (so always null with LayerNorm or GroupNorm: they have no batch statistics), before the first training pass, or once an inference pass of the
   * same batch size (evaluate, probe) has reused those buffers. Throws a RangeError for a layer
   * or unit out of range.
   */
  batchNormInputs(layerIdx: number, unit: number): BatchNormUnitBatch | null;
  /**
   * "Precise BN" (Wu & Johnson 2021): sets every BN layer's running mean and variance to the mean
   * and variance (divided by n: the batch is the population) of its inputs over `batch` at the
   * current weights, layer by layer from the first, so that each layer's inputs come from the layers
   * below normalised with their own new statistics (one inference pass per BN layer, in chunks; no
   * noise). Returns, per hidden layer, the statistics set (float64), or null for a layer without BN.
   * Weights are untouched; the next evaluate / probe uses the new statistics. `only` (0-based hidden
   * layers) recomputes those alone, over the layers below as they are: one layer per call, from the
   * first, gives the same statistics as one call for all (a caller can then yield between layers).
   */
  recomputeBatchNormStatistics(batch: Batch, only?: readonly number[]): (PopulationStatistics | null)[];
}
