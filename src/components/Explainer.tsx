/**
 * Short, first-year-readable text beside the charts, agreeing with PAPER.md: what the twins are,
 * the paper's explanation and the dispute on show, how to read the charts behind a disclosure.
 */

import { networksFor } from '../experiment/variants.ts';
import { useExperimentStore } from '../store/index.ts';
import { networkLabels } from '../theme.ts';
import { copiesOf, isPaperPair, NETWORK_ROLES } from './lineup.ts';

/** What the page shows and what it means, including the later dispute. */
export function Explainer() {
  const variants = useExperimentStore((s) => s.config.variants);
  const noisyBn = useExperimentStore((s) => s.config.noisyBn);
  const ids = networksFor({ variants, noisyBn });
  return (
    <aside className="panel explainer" aria-labelledby="explainer-title">
      <h2 id="explainer-title">What you are looking at</h2>
      {isPaperPair(ids) ? (
        <p>
          Two copies of the same network start from the same weights and see the same mini-batches. The only
          difference: the “With BN” network normalises every hidden layer’s inputs over the mini-batch (Batch
          Normalization), the “Without BN” one does not.
        </p>
      ) : (
        <>
          <p>
            {`${copiesOf(ids.length)} of the same network start from the same weights and see the same mini-batches. They differ only in how, or whether, they normalise each hidden layer’s inputs:`}
          </p>
          <ul className="lineup">
            {ids.map((id) => <li key={id}><strong>{networkLabels[id]}</strong>{`: ${NETWORK_ROLES[id]}.`}</li>)}
          </ul>
        </>
      )}
      <p>
        Without BN, a layer’s inputs keep moving as the layers below it learn: the 2015 paper calls this
        <em> internal covariate shift</em>, and blames it for slow training and saturated sigmoids (inputs beyond ±4,
        where the gradient almost vanishes). With BN each unit’s input is re-centred and re-scaled, so its
        distribution stays put, and the network trains faster and tolerates higher learning rates.
      </p>
      <p>
        That explanation is disputed. Santurkar et al. (2018) added random noise after each BN layer, so the
        distributions shifted <em>more</em> than without BN, and training was still almost as fast. They argue BN
        helps mainly by making the loss landscape smoother, so gradients are more predictive and larger steps are safe.
      </p>
      <details className="explainer-more">
        <summary>How to read the charts</summary>
        <p>
          Each layer chart shows the values going into that layer’s nonlinearity, measured on a fixed set of held-out
          examples. Time runs left to right; each column is a histogram, its colour the share of that column’s fullest
          bin (the colour bar above the charts says which colour is which). Each chart’s value axis fits its own data,
          so read the axis before comparing two charts, or tick “Same value range for every network”.
        </p>
        <p>
          Read the figures with care. Everything is measured in inference mode, as at test time: BN then uses running
          averages of the batch statistics (the paper’s Algorithm 2), which take a few hundred steps to settle, so at the
          very start the “With BN” charts still look un-normalised. The shift figure beside each layer chart is how far
          each unit’s input distribution moved over the last 1,000 training steps, in units of that unit’s own standard deviation
          (Wasserstein-1 distance over the pooled standard deviation), averaged over the layer; hover it for the
          raw distance in the input’s units, which grows with a layer’s scale and so favours a narrow, stalled layer.
          The paper’s own measure is the percentiles of one unit, in Figure 1 (b, c).
        </p>
        <p>
          The small coloured notes on Figure 1 are computed from this run at the marked step, never written in advance:
          who leads in test accuracy and by how many points in (a); in (b) and (c), whether the unit’s median drifts
          (moves across more than its own 15th–85th percentile spread), stays centred, or settled after moving.
        </p>
      </details>
      <p className="references">
        Ioffe &amp; Szegedy (2015), “Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate
        Shift”, arXiv:1502.03167. Santurkar, Tsipras, Ilyas &amp; Madry (2018), “How Does Batch Normalization Help
        Optimization?”, arXiv:1805.11604.
      </p>
    </aside>
  );
}
