/**
 * The 'population-stats' result (precise BN): per BN momentum, test accuracy with the running
 * statistics and with the population statistics recomputed at the final weights, and per layer how
 * far the running mean and variance sit from the population's, as strip plots and a table. Each
 * momentum is named in both conventions (PyTorch 0.1 = Keras/TF 0.9).
 */
import { interpolateRgb } from 'd3-interpolate';
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import { populationVerdict } from '../../../lab/populationStats.ts';
import type { MomentumRow, PopulationStatsResult } from '../../../lab/populationStats.ts';
import { chart, colors, networkColors } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { formatFigure } from './ScaleInvarianceView.tsx';
import { StripChart, StripLegend } from './StripChart.tsx';

/** What the job computes and where it comes from; agrees with PAPER.md ("Running vs population statistics"). */
export const POPULATION_CAPTION = 'At test time BN normalises with E[x] and Var[x] (Ioffe & Szegedy 2015, section 3.1 and Algorithm 2), '
  + 'kept during training as exponential moving averages of the batch statistics. Each average mixes batches taken at older weights, '
  + 'so it lags the network. Wu & Johnson (2021, "Rethinking \'Batch\' in BatchNorm") recompute them instead over many training examples '
  + 'at the final weights, layer by layer ("precise BN"). Here each momentum trains the same network from the same weights on the same batches; '
  + 'only the averages differ.';

const percent = (value: number | null): string => (value === null ? '–' : `${(100 * value).toFixed(1)}%`);
const change = (row: MomentumRow): string => (row.runningAccuracy === null || row.preciseAccuracy === null ? '–'
  : `${row.preciseAccuracy >= row.runningAccuracy ? '+' : '−'}${Math.abs(100 * (row.preciseAccuracy - row.runningAccuracy)).toFixed(1)}`);
/** "0.1 / 0.9": PyTorch's momentum, then Keras/TF's for the same averaging. */
const both = (row: MomentumRow): string => `${row.momentum} / ${row.kerasMomentum}`;

/** Layer l of `depth` in a shade from BN's blue (first layer) to the running statistics' purple (last). */
export function layerColor(l: number, depth: number): string {
  return interpolateRgb(networkColors.bn.stroke, colors.running)(depth <= 1 ? 0 : l / (depth - 1));
}

/** Draws a PopulationStatsResult. */
export default function PopulationStatsView({ result }: LabViewProps) {
  const data = result as PopulationStatsResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const chartWidth = Math.max(280, Math.min(width, 640));
  const bn = networkColors.bn.stroke;
  const depth = data.rows.reduce((max, row) => Math.max(max, row.layers.length), 0);
  // Both conventions under each category where they fit (about 90 px a category); PyTorch's alone on a phone.
  const wide = chartWidth >= 90 * data.rows.length + 80;
  const label = (row: MomentumRow): string => (wide ? both(row) : String(row.momentum));
  const accuracy = data.rows.map((row) => ({
    label: label(row),
    series: [
      { name: 'running statistics', values: [row.runningAccuracy], color: bn, filled: false },
      { name: 'precise statistics', values: [row.preciseAccuracy], color: bn, filled: true },
    ],
  }));
  const perLayer = (pick: 'meanGap' | 'logVarRatio') => data.rows.map((row) => ({
    label: label(row),
    series: row.layers.map((layer, l) => ({ name: `layer ${layer.layer}`, values: [layer[pick]], color: layerColor(l, depth), filled: true })),
  }));
  const layerLegend = Array.from({ length: depth }, (_, l) => ({ label: `hidden layer ${l + 1}`, color: layerColor(l, depth), mark: 'filled' as const }));
  const xLabel = wide ? 'BN momentum: PyTorch / Keras-TF (same averaging)' : 'PyTorch BN momentum m (Keras-TF: 1 − m)';
  return (
    <div ref={ref} className="lab-view population-stats-view">
      <p className="lab-caption">{POPULATION_CAPTION}</p>
      <p className="lab-caption">
        <span className="formula">running ← (1 − m) · running + m · μ<sub>B</sub></span> (the engine&apos;s and PyTorch&apos;s m, default 0.1; TensorFlow/Keras
        write the same update with their momentum = 1 − m, default 0.99, which is PyTorch&apos;s 0.01). After N steps the starting values
        (mean 0, variance 1) still weigh (1 − m)<sup>N</sup>, and the batches it averages are about 1/m steps old on average ((1 − m)/m). Precise BN: for layer l = 1, 2, …,
        with the layers below already normalised with their precise statistics, <span className="formula">E[x] = (1/N) Σ x<sub>n</sub></span> and
        <span className="formula"> Var[x] = (1/N) Σ (x<sub>n</sub> − E[x])<sup>2</sup></span> over {data.examples.toLocaleString('en-US')} training examples.
      </p>
      <p className="lab-verdict" data-testid="lab-verdict">{populationVerdict(data)}</p>
      <StripLegend items={[
        { label: 'running statistics (exponential averages, Algorithm 2)', color: bn, mark: 'ring' },
        { label: 'precise statistics (recomputed at the final weights)', color: bn, mark: 'filled' },
      ]} />
      <StripChart title={`Test accuracy after ${data.steps.toLocaleString('en-US')} steps`} xLabel={xLabel}
        yLabel="test accuracy" width={chartWidth} height={chart.lineHeight + 60} yFormat="percent" categories={accuracy} />
      <StripLegend items={layerLegend} />
      <StripChart title="Running vs population mean, per layer" xLabel={xLabel}
        yLabel="|E_run − E_pop| / σ_pop" width={chartWidth} height={chart.lineHeight + 40} yType="log" categories={perLayer('meanGap')} />
      <StripChart title="Running vs population variance, per layer" xLabel={xLabel}
        yLabel="|ln(Var_run / Var_pop)|" width={chartWidth} height={chart.lineHeight + 40} yType="log" categories={perLayer('logVarRatio')} />
      <div className="lab-table-scroll">
        <table className="lab-table">
          <caption>Per momentum: test accuracy ({data.testExamples.toLocaleString('en-US')} held-out examples) each way, and per layer the mean over units of each gap</caption>
          <thead>
            <tr>
              <th scope="col">PyTorch m</th><th scope="col">Keras/TF</th><th scope="col">start values left</th>
              <th scope="col">running</th><th scope="col">precise</th><th scope="col">change (points)</th>
              <th scope="col">mean gap per layer (σ)</th><th scope="col">|ln var ratio| per layer</th><th scope="col">same weights</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.momentum}>
                <th scope="row">{row.momentum}{row.divergedAt !== null ? ` (diverged at step ${row.divergedAt})` : ''}</th>
                <td>{row.kerasMomentum}</td><td>{percent(row.initialShare)}</td>
                <td>{percent(row.runningAccuracy)}</td><td>{percent(row.preciseAccuracy)}</td><td>{change(row)}</td>
                <td>{row.layers.map((l) => formatFigure(l.meanGap)).join(', ') || '–'}</td>
                <td>{row.layers.map((l) => formatFigure(l.logVarRatio)).join(', ') || '–'}</td>
                <td>{row.sameWeightsAsFirst ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="lab-caption">
        Read it with care. Training never reads the running statistics, so the momentum changes nothing but the averages (&quot;same weights&quot;
        says whether the trained weights are bit for bit the first run&apos;s). A small m averages many batches but remembers old weights and,
        early on, the starting values; m = 1 keeps only the last batch of {data.batchSize}, noisy by about 1/√{data.batchSize} of a standard
        deviation. On the paper preset (1,000 steps, seeds 1-3) at momentum 0.1 the running means sat 0.01 to 0.08 standard deviations from
        the population&apos;s and precise BN moved test accuracy by −0.2 to +0.6 points: the EMA is a good estimate there. Wu &amp; Johnson report
        that it can lag badly where the weights change quickly (large learning rates, early in training), and that precise BN then evaluates
        the model better; this small network does not show that. What a tiny m costs here is the starting values it has not yet forgotten.
      </p>
    </div>
  );
}
