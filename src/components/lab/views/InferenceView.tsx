/**
 * The 'inference' result (Algorithm 2): test accuracy with batch statistics (training mode) and
 * with population statistics (inference mode) per batch size, and one unit's batch means and
 * variances against the running ones, as strip plots.
 */
import { useId, useState } from 'react';
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { InferenceResult } from '../../../lab/inference.ts';
import { chart, colors, networkColors } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { formatFigure } from './ScaleInvarianceView.tsx';
import { StripChart, StripLegend } from './StripChart.tsx';

/** What the student should see; agrees with PAPER.md section 1 (Algorithm 2). */
export const INFERENCE_CAPTION = 'Training normalises each unit with the mean and variance of the current mini-batch; inference uses '
  + 'running averages of them (Algorithm 2), so a prediction depends on the input alone. With tiny batches a batch\'s statistics '
  + 'stray far from the population\'s, and the two modes give different answers.';

const percent = (value: number | null): string => (value === null ? '–' : `${(100 * value).toFixed(1)}%`);

/** Draws an InferenceResult. */
export default function InferenceView({ result }: LabViewProps) {
  const data = result as InferenceResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const [unit, setUnit] = useState(0);
  const selectId = useId();
  const chartWidth = Math.max(280, Math.min(width, 640));
  const bn = networkColors.bn.stroke;
  const units = data.rows[0]?.units.length ?? 0;
  const accuracy = data.rows.map((row) => ({
    label: `m = ${row.batchSize}`,
    series: [
      { name: 'training mode', values: [row.trainModeAccuracy], color: bn, filled: false },
      { name: 'inference mode', values: [row.inferenceAccuracy], color: bn, filled: true },
    ],
  }));
  const statistic = (pick: 'mean' | 'variance') => data.rows.map((row) => {
    const stats = row.units[Math.min(unit, row.units.length - 1)];
    return {
      label: `m = ${row.batchSize}`,
      series: [{ name: 'test batches', values: pick === 'mean' ? stats?.batchMeans ?? [] : stats?.batchVariances ?? [], color: bn, filled: false }],
      ticks: [
        { label: 'running (population) estimate', value: (pick === 'mean' ? stats?.runningMean : stats?.runningVariance) ?? null, color: colors.text },
        { label: 'whole test set, inference mode', value: (pick === 'mean' ? stats?.testMean : stats?.testVariance) ?? null, color: colors.muted, dashed: true },
      ],
    };
  });
  return (
    <div ref={ref} className="lab-view inference-view">
      <p className="lab-caption">{INFERENCE_CAPTION}</p>
      <StripLegend items={[
        { label: 'training mode: statistics of each test batch of m', color: bn, mark: 'ring' },
        { label: 'inference mode: running statistics (Algorithm 2)', color: bn, mark: 'filled' },
      ]} />
      <StripChart title={`Test accuracy after ${data.steps.toLocaleString('en-US')} steps, per batch size`} xLabel="batch size m"
        yLabel="test accuracy" width={chartWidth} height={chart.lineHeight + 60} yFormat="percent" categories={accuracy} />
      <table className="lab-table">
        <caption>Test accuracy and loss in the two modes (same examples)</caption>
        <thead>
          <tr><th scope="col">m</th><th scope="col">training mode</th><th scope="col">inference mode</th><th scope="col">loss, training mode</th><th scope="col">loss, inference mode</th><th scope="col">examples</th></tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.batchSize}>
              <th scope="row">{row.batchSize}{row.divergedAt !== null ? ` (diverged at step ${row.divergedAt})` : ''}</th>
              <td>{percent(row.trainModeAccuracy)}</td><td>{percent(row.inferenceAccuracy)}</td>
              <td>{formatFigure(row.trainModeLoss)}</td><td>{formatFigure(row.inferenceLoss)}</td><td>{row.examples}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <label htmlFor={selectId}>{`BN input of hidden layer ${data.layer}, unit `}</label>
        <select id={selectId} value={unit} onChange={(e) => setUnit(Number(e.target.value))}>
          {Array.from({ length: units }, (_, i) => <option key={i} value={i}>{i}</option>)}
        </select>
      </p>
      <StripLegend items={[
        { label: 'one test batch of m (training mode)', color: bn, mark: 'ring' },
        { label: 'running estimate used at inference', color: colors.text, mark: 'tick' },
        { label: 'whole test set, inference mode', color: colors.muted, mark: 'dashed' },
      ]} />
      <StripChart title="Batch mean vs population mean" xLabel="batch size m" yLabel="mean of the BN input"
        width={chartWidth} height={chart.lineHeight + 40} yFormat="number" categories={statistic('mean')} />
      <StripChart title="Batch variance (biased) vs population variance" xLabel="batch size m" yLabel="variance of the BN input"
        width={chartWidth} height={chart.lineHeight + 40} yFormat="number" categories={statistic('variance')} />
      <p className="lab-caption">
        Each network trained with batches of its own m, so its running statistics differ too. A batch variance is biased (divided by m):
        with m = 2 it averages half the population variance. With m = 2 every unit&apos;s normalised input in a batch is about ±1 in training
        mode, so the batch means of the next layer hardly depend on the data at all.
      </p>
    </div>
  );
}
