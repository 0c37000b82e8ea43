/** Softmax cross-entropy, the loss of the output layer (section 4.1). */

/** Sums over a block of examples: the caller divides by the batch size. */
export interface LossSums {
  /** Sum over examples of -log softmax(logits)[label]. */
  lossSum: number;
  /** Number of examples whose argmax logit is the label. */
  correct: number;
}

/**
 * Softmax cross-entropy of `n` rows of `logits` [n x numClasses] against `labels`, by a
 * numerically stable log-sum-exp. When `dLogits` is given, writes
 * dL/dlogits = (softmax - onehot) * gradientScale into it (gradientScale = 1/batch for a mean loss).
 * Never throws on NaN/Infinity: the sums just become NaN or Infinity.
 */
export function softmaxCrossEntropy(
  logits: Float32Array, labels: Uint8Array, n: number, numClasses: number,
  dLogits: Float32Array | null, gradientScale: number,
): LossSums {
  let lossSum = 0;
  let correct = 0;
  for (let r = 0, o = 0; r < n; r++, o += numClasses) {
    let max = logits[o];
    let argmax = 0;
    for (let c = 1; c < numClasses; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        argmax = c;
      }
    }
    let sumExp = 0;
    for (let c = 0; c < numClasses; c++) sumExp += Math.exp(logits[o + c] - max);
    const logSumExp = max + Math.log(sumExp);
    const label = labels[r];
    lossSum += logSumExp - logits[o + label];
    if (argmax === label) correct++;
    if (dLogits !== null) {
      for (let c = 0; c < numClasses; c++) {
        const probability = Math.exp(logits[o + c] - logSumExp);
        dLogits[o + c] = (probability - (c === label ? 1 : 0)) * gradientScale;
      }
    }
  }
  return { lossSum, correct };
}
