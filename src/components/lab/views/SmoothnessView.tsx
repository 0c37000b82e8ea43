/**
 * The 'smoothness' result: Santurkar et al.'s Figure 4 over training, per network: (a) the loss band
 * along the gradient, (b) the gradient-predictiveness band, (c) the effective beta-smoothness.
 */
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { SmoothnessResult } from '../../../lab/smoothness.ts';
import { BUILD_STEP_EQUIVALENTS } from '../../../lab/santurkarTraining.ts';
import { summarizeSmoothness } from '../../../lab/santurkarSummary.ts';
import { smoothnessVerdict } from '../../../lab/verdicts.ts';
import { chart, networkLabels } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { NetworkLegend } from '../../../charts/NetworkLegend.tsx';
import { costSentence, formatCell, SanturkarChart } from './SanturkarChart.tsx';

/** What the student should see; agrees with PAPER.md section 2. */
export const SMOOTHNESS_CAPTION = 'Santurkar et al. (2018) found that with BN the loss and the gradient change less along the '
  + 'gradient (narrower bands, smaller beta): a smoother landscape, their explanation of why BN allows larger steps; '
  + 'compare the bands here.';

/** Draws a SmoothnessResult. */
export default function SmoothnessView({ result }: LabViewProps) {
  const data = result as SmoothnessResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const ids = data.networks.map((n) => n.id);
  const band = (lo: 'lossMin' | 'gradientChangeMin', hi: 'lossMax' | 'gradientChangeMax') =>
    data.networks.map((n) => ({ id: n.id, xs: data.steps, lo: n.points.map((p) => p[lo]), hi: n.points.map((p) => p[hi]) }));
  const line = (pick: 'loss' | 'beta') => data.networks.map((n) => ({ id: n.id, xs: data.steps, ys: n.points.map((p) => p[pick]) }));
  const chartWidth = Math.max(280, Math.min(width, 720));
  const height = chart.lineHeight + 40;
  const etas = data.etas.length > 0 ? `${formatCell(data.etas[0])} to ${formatCell(data.etas[data.etas.length - 1])}` : 'none';
  return (
    <div ref={ref} className="lab-view smoothness-view">
      <p className="lab-caption">{SMOOTHNESS_CAPTION}</p>
      <p className="lab-verdict" data-testid="lab-verdict">{smoothnessVerdict(data)}</p>
      <p className="lab-note">The bands scale with the gradient: a network stuck on a plateau (tiny g) barely moves and looks flat,
        so read β, which divides by the distance moved, and check that the loss falls.</p>
      <p>Probed step sizes η: {data.etas.length} from {etas}, along the gradient g at each measured step.</p>
      <NetworkLegend ids={ids} />
      <SanturkarChart title="(a) Loss landscape: loss at θ − ηg over the probed η" xLabel="training step" yLabel="loss (band: min–max)"
        width={chartWidth} height={height} yType="linear" yFormat="number" lines={line('loss')} bands={band('lossMin', 'lossMax')} />
      <SanturkarChart title="(b) Gradient predictiveness: ||g − ∇L(θ − ηg)||" xLabel="training step" yLabel="gradient change (log)"
        width={chartWidth} height={height} yType="log" yFormat="number" lines={[]} bands={band('gradientChangeMin', 'gradientChangeMax')} />
      <SanturkarChart title="(c) Effective β-smoothness: max ||gradient change|| / ||ηg||" xLabel="training step" yLabel="β (log)"
        width={chartWidth} height={height} yType="log" yFormat="number" lines={line('beta')} />
      <table className="lab-table">
        <caption>Medians over the {data.steps.length} measurements</caption>
        <thead>
          <tr><th scope="col">network</th><th scope="col">loss band width</th><th scope="col">largest gradient change</th><th scope="col">β</th><th scope="col">max β</th></tr>
        </thead>
        <tbody>
          {summarizeSmoothness(data).map((s) => (
            <tr key={s.id}>
              <th scope="row">{networkLabels[s.id]}{s.divergedAt !== null ? ` (diverged at step ${s.divergedAt})` : ''}</th>
              <td>{formatCell(s.lossBand)}</td><td>{formatCell(s.gradientChange)}</td><td>{formatCell(s.beta)}</td><td>{formatCell(s.maxBeta)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="lab-cost">{costSentence(data.cost, BUILD_STEP_EQUIVALENTS)}</p>
    </div>
  );
}
