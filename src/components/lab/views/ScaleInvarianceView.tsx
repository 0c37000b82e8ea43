/**
 * The 'scale-invariance' result (section 3.3): a table of what was measured next to what the paper
 * predicts, per weight scale a, and the gradient ratio against 1/a on log axes.
 */
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { ScaleInvarianceResult } from '../../../lab/scaleInvariance.ts';
import { chart, colors, networkColors } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { StripChart, StripLegend } from './StripChart.tsx';

/** What the student should see; agrees with PAPER.md section 1 (section 3.3 of the paper). */
export const SCALE_INVARIANCE_CAPTION = 'The paper: BN((aW)u) = BN(Wu), and the gradient with respect to the weights scales by 1/a, so '
  + 'larger weights take smaller steps and the layer\'s growth stabilises itself. The gradient passed to the layer below does not change.';

/** A table figure: 3 significant digits (0 stays 0), or a dash for null. */
export function formatFigure(value: number | null): string {
  if (value === null) return '–';
  return value === 0 ? '0' : value.toPrecision(3);
}

/** The honest note on epsilon for this result. */
export function epsilonNote(data: ScaleInvarianceResult): string {
  const variance = data.varianceMedian === null ? 'unknown' : data.varianceMedian.toPrecision(2);
  return `With epsilon = ${data.epsilon} the invariance is only approximate: BN(aWu) = (z − μ) / √(σ² + ε/a²), so a small a magnifies `
    + `epsilon. Here the layer's batch variances are small (median ${variance}), so the gap is visible wherever ε/a² is not tiny `
    + 'next to them; the "predicted from ε" column computes that gap from epsilon alone, and the measured one agrees.';
}

/** Draws a ScaleInvarianceResult. */
export default function ScaleInvarianceView({ result }: LabViewProps) {
  const data = result as ScaleInvarianceResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const chartWidth = Math.max(280, Math.min(width, 640));
  const categories = data.rows.map((row) => ({
    label: `a = ${row.scale}`,
    series: [{ name: 'measured', values: [row.gradientRatio], color: networkColors.bn.stroke, filled: true }],
    ticks: [{ label: 'expected 1/a', value: row.expectedRatio, color: colors.text }],
  }));
  return (
    <div ref={ref} className="lab-view scale-invariance-view">
      <p className="lab-caption">{SCALE_INVARIANCE_CAPTION}</p>
      <table className="lab-table">
        <caption>{`Hidden layer ${data.layer} of the initialised BN network, one training batch of ${data.batchSize}: weights W scaled to aW`}</caption>
        <thead>
          <tr>
            <th scope="col">a</th>
            <th scope="col">max |BN(aWu) − BN(Wu)| (paper: 0)</th>
            <th scope="col">predicted from ε</th>
            <th scope="col">‖∂L/∂(aW)‖ / ‖∂L/∂W‖</th>
            <th scope="col">expected 1/a</th>
            <th scope="col">gradient change, layer below (paper: 0)</th>
            <th scope="col">without BN: max |aWu − Wu|</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.scale}>
              <th scope="row">{row.scale}</th>
              <td>{formatFigure(row.maxOutputChange)}</td>
              <td>{formatFigure(row.epsilonPrediction)}</td>
              <td>{formatFigure(row.gradientRatio)}</td>
              <td>{formatFigure(row.expectedRatio)}</td>
              <td>{data.layer === 1 ? 'no layer below' : formatFigure(row.belowGradientChange)}</td>
              <td>{formatFigure(row.plainMaxOutputChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="lab-caption">{epsilonNote(data)}</p>
      <StripLegend items={[
        { label: 'measured ratio of gradient norms', color: networkColors.bn.stroke, mark: 'filled' },
        { label: 'expected 1/a', color: colors.text, mark: 'tick' },
      ]} />
      <StripChart title="Weight gradient at aW over the one at W" xLabel="scale a of the layer's weights" yLabel="‖∂L/∂(aW)‖ / ‖∂L/∂W‖ (log)"
        width={chartWidth} height={chart.lineHeight + 60} yType="log" yFormat="number" categories={categories} />
    </div>
  );
}
