/**
 * "Recompute precise statistics" on the live run (beside the batch panel's Algorithm 2 line): every
 * BN network's running mean and variance recomputed over the training set at the current weights
 * (precise BN, Wu & Johnson 2021), with the test accuracy before and after, here and in a notice.
 */
import { recomputePreciseStatistics, useRecomputeStore } from '../store/recompute.ts';
import { useExperimentStore } from '../store/index.ts';

/** The button and its latest result. */
export function RecomputeStatistics() {
  const pending = useRecomputeStore((s) => s.pending);
  const last = useRecomputeStore((s) => s.last);
  const runState = useExperimentStore((s) => s.runState);
  const unavailable = runState === 'loading' || runState === 'error';
  return (
    <div className="recompute-statistics">
      <p className="batch-intro">
        The running averages lag the weights: each is a mix of past batches taken at older weights.
        {' '}<strong>Precise BN</strong> (Wu &amp; Johnson 2021) recomputes them over the training set at the current weights, layer by layer:{' '}
        <span className="formula">E[x] = (1/N) Σ<sub>n</sub> x<sub>n</sub>, Var[x] = (1/N) Σ<sub>n</sub> (x<sub>n</sub> − E[x])<sup>2</sup></span>.
        {' '}Training does not change (it uses each batch&apos;s own statistics); test accuracy and the charts use the new ones from the next evaluation.
      </p>
      <button type="button" onClick={recomputePreciseStatistics} disabled={unavailable || pending} aria-describedby="recompute-result">
        {pending ? 'Recomputing…' : 'Recompute precise statistics'}
      </button>
      <p id="recompute-result" className="recompute-result" role="status">{last ? `${last.text} ${last.detail}`.trim() : ''}</p>
    </div>
  );
}
