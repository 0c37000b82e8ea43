/**
 * The 'regularization' result (section 3.4): one test example's output across many random
 * batch-mates, as a strip per network (BN jitters, without BN it cannot), and the train/test gap.
 */
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { RegularizationResult } from '../../../lab/regularization.ts';
import { chart, colors, networkColors, networkLabels } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { formatFigure } from './ScaleInvarianceView.tsx';
import { StripChart, StripLegend } from './StripChart.tsx';

/** What the student should see; agrees with PAPER.md section 1 ("BN regularises"). */
export const REGULARIZATION_CAPTION = 'In training mode a BN network sees each example through the mean and variance of its mini-batch, '
  + 'so the same example comes out a little differently with different batch-mates: a noise the paper credits with a regularising '
  + 'effect (it could drop dropout). Without BN nothing depends on the batch-mates, so every dot lands on the same value.';

const percent = (value: number | null): string => (value === null ? '–' : `${(100 * value).toFixed(1)}%`);
const gap = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Draws a RegularizationResult. */
export default function RegularizationView({ result }: LabViewProps) {
  const data = result as RegularizationResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const chartWidth = Math.max(280, Math.min(width, 560));
  const strips = (pick: 'logits' | 'unitInputs') => data.networks.map((n) => ({
    label: networkLabels[n.id],
    series: [{ name: n.id, values: n[pick], color: networkColors[n.id].stroke, filled: false }],
    ticks: [{ label: 'inference mode (no batch-mates)', value: pick === 'logits' ? n.inferenceLogit : n.inferenceUnitInput, color: colors.text }],
  }));
  const batches = data.networks[0]?.logits.length ?? 0;
  return (
    <div ref={ref} className="lab-view regularization-view">
      <p className="lab-caption">{REGULARIZATION_CAPTION}</p>
      <StripLegend items={[
        { label: `training mode, one dot per batch (${batches} batches of ${data.batchSize})`, color: colors.muted, mark: 'ring' },
        { label: 'inference mode', color: colors.text, mark: 'tick' },
      ]} />
      <StripChart title={`Test example ${data.example} (a ${data.label}): logit of its class`} xLabel="network" yLabel="logit"
        width={chartWidth} height={chart.lineHeight + 40} yFormat="number" categories={strips('logits')} />
      <StripChart title={`Same example: input of unit ${data.unit}, hidden layer ${data.layer}`} xLabel="network" yLabel="nonlinearity input"
        width={chartWidth} height={chart.lineHeight + 40} yFormat="number" categories={strips('unitInputs')} />
      <table className="lab-table">
        <caption>{`After ${data.steps.toLocaleString('en-US')} training steps (inference mode on the first training examples and on the test set)`}</caption>
        <thead>
          <tr>
            <th scope="col">network</th><th scope="col">spread of the logit (std)</th><th scope="col">train accuracy</th>
            <th scope="col">test accuracy</th><th scope="col">gap</th><th scope="col">train loss</th><th scope="col">test loss</th><th scope="col">loss gap</th>
          </tr>
        </thead>
        <tbody>
          {data.networks.map((n) => (
            <tr key={n.id}>
              <th scope="row">{networkLabels[n.id]}{n.divergedAt !== null ? ` (diverged at step ${n.divergedAt})` : ''}</th>
              <td>{formatFigure(n.logitSpread)}</td><td>{percent(n.trainAccuracy)}</td><td>{percent(n.testAccuracy)}</td>
              <td>{percent(gap(n.trainAccuracy, n.testAccuracy))}</td><td>{formatFigure(n.trainLoss)}</td><td>{formatFigure(n.testLoss)}</td>
              <td>{formatFigure(gap(n.testLoss, n.trainLoss))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="lab-caption">
        Read the gap with care: a gap is only comparable between networks that fit the training set about equally well. A network that
        has barely learned has no gap to close; the paper&apos;s evidence is that BN networks needed less dropout and L2 at ImageNet scale.
      </p>
    </div>
  );
}
