/**
 * The 'weight-decay' result (van Laarhoven 2017): per weight decay, the followed layer's effective
 * step eta / ||W||^2 over training with BN, its ||W|| over training for both networks, and a table of
 * the final figures. One line per decay, labelled at its end; non-finite values are gaps.
 */
import { extent } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { Axis } from '../../../charts/Axis.tsx';
import { linePath } from '../../../charts/paths.ts';
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { NetworkId } from '../../../experiment/types.ts';
import { weightDecayVerdict } from '../../../lab/weightDecay.ts';
import type { WeightDecayResult, WeightDecayRun } from '../../../lab/weightDecay.ts';
import { chart, networkColors, networkLabels, typography } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';

const MARGIN = { top: 18, right: 70, bottom: 40, left: 56 };
const HEIGHT = 220;
/** Least vertical room between two end labels, px. */
const LABEL_GAP = 12;

/** A value with two significant digits, never in exponent notation. */
export function formatDecayFigure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) return '< 0.0001';
  return String(Number(value.toPrecision(2)));
}

/** One line of a decay chart. */
interface DecayLine {
  key: string;
  network: NetworkId;
  label: string;
  xs: readonly number[];
  ys: readonly number[];
  dashed: boolean;
  /** 0..1: the larger the decay, the stronger the line. */
  strength: number;
}

/** End-label positions for lines ending at `ys` (px), pushed apart to LABEL_GAP within [0, height]. */
export function spreadLabels(ys: readonly number[], height: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k].y = Math.max(order[k].y, order[k - 1].y + LABEL_GAP);
  const overflow = order.length > 0 ? order[order.length - 1].y - height : 0;
  if (overflow > 0) for (const item of order) item.y -= overflow;
  const out = new Array<number>(ys.length);
  for (const item of order) out[item.i] = item.y;
  return out;
}

function DecayChart({ title, yTitle, width, lines, log, steps }: { title: string; yTitle: string; width: number; lines: readonly DecayLine[]; log: boolean; steps: number }) {
  const innerW = Math.max(40, width - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = lines.flatMap((line) => line.ys).filter((v) => Number.isFinite(v) && (!log || v > 0));
  // extent, not Math.min(...values): no argument list as long as the data.
  let [lo, hi] = values.length > 0 ? extent(values) as [number, number] : [0.01, 1];
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 0.5, hi + 0.5];
  const x = scaleLinear().domain([0, steps]).range([0, innerW]);
  const y = (log ? scaleLog().domain([lo / 1.2, hi * 1.2]) : scaleLinear().domain([Math.min(0, lo), hi * 1.08])).range([innerH, 0]).clamp(true);
  const ends = lines.map((line) => y(line.ys[line.ys.length - 1] ?? lo));
  const labelYs = spreadLabels(ends, innerH);
  return (
    <figure className="lab-weight-decay-chart" style={{ margin: 0 }}>
      <figcaption className="lab-sweep-title">{title}</figcaption>
      <svg width={width} height={HEIGHT} role="img" aria-label={`${title}: one line per weight decay, labelled at its end; the final figures are in the table below.`}
        className="chart" fontFamily={typography.fontStack} fontSize={typography.chartFontPx}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {lines.map((line, i) => {
            const d = linePath(line.xs, line.ys, x, y, innerW);
            return d ? (
              <g key={line.key} data-line={line.key}>
                <path d={d} fill="none" stroke={networkColors[line.network].stroke} strokeWidth={chart.strokeWidth}
                  strokeOpacity={0.35 + 0.65 * line.strength} strokeDasharray={line.dashed ? chart.dash : undefined} />
                <text x={innerW + 4} y={labelYs[i] + 4} fill={networkColors[line.network].text}>{line.label}</text>
              </g>
            ) : null;
          })}
          <Axis scale={x} orient="bottom" y={innerH} ticks={Math.floor(innerW / chart.pxPerXTick)} format="si" title="training step" />
          <Axis scale={y} orient="left" ticks={Math.floor(innerH / (log ? chart.pxPerLogTick : chart.pxPerYTick))} format="number" title={yTitle} titleOffset={MARGIN.left - 4} />
        </g>
      </svg>
    </figure>
  );
}

/** The runs' lines for `network` of hidden layer `layerIdx`: its weight norm, or its effective step (skipped where it has none). */
function linesOf(runs: readonly WeightDecayRun[], network: NetworkId, layerIdx: number, figure: 'weightNorm' | 'effectiveStep', dashed: boolean): DecayLine[] {
  const ranks = [...runs].map((run) => run.weightDecay).sort((a, b) => a - b);
  return runs.flatMap((run) => {
    const net = run.networks.find((n) => n.id === network);
    const ys = net ? net[figure][layerIdx] : null;
    if (!net || !ys) return [];
    const rank = ranks.indexOf(run.weightDecay);
    return [{
      key: `${network}-${run.weightDecay}`, network, label: `λ ${formatDecayFigure(run.weightDecay)}`, xs: net.steps, ys, dashed,
      strength: ranks.length > 1 ? rank / (ranks.length - 1) : 1,
    }];
  });
}

const percent = (value: number | undefined): string => (value === undefined ? '–' : `${(100 * value).toFixed(1)}%`);

/** Draws a WeightDecayResult. */
export default function WeightDecayView({ result }: LabViewProps) {
  const data = result as WeightDecayResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const each = width >= 760 ? Math.floor((width - 16) / 2) : Math.max(280, width);
  const layerIdx = data.layer - 1;
  const bnStep = linesOf(data.runs, 'bn', layerIdx, 'effectiveStep', false);
  const norms = [...linesOf(data.runs, 'bn', layerIdx, 'weightNorm', false), ...linesOf(data.runs, 'plain', layerIdx, 'weightNorm', true)];
  const finalOf = <T,>(values: readonly T[] | null | undefined): T | undefined => values?.[values.length - 1];
  return (
    <div ref={ref} className="lab-view weight-decay-view">
      <p className="lab-caption">
        For a layer followed by BN, scaling W by a changes nothing the network computes and scales the gradient by 1/a, so a step of η
        turns W by about η / ‖W‖²: decay shrinks ‖W‖ and so speeds up the layer&apos;s learning. This is a small fully connected network
        on a small data set, not van Laarhoven&apos;s image networks: the effect on ‖W‖ shows here; the accuracy gains his experiments
        discuss need not.
      </p>
      <p className="lab-verdict" data-testid="lab-verdict">{weightDecayVerdict(data)}</p>
      <ul className="lab-legend">
        {(['bn', 'plain'] as const).map((id) => (
          <li key={id} style={{ color: networkColors[id].text }}>
            <svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" stroke={networkColors[id].stroke} strokeWidth={chart.strokeWidth} strokeDasharray={id === 'plain' ? chart.dash : undefined} /></svg>
            {networkLabels[id]}
          </li>
        ))}
        <li>λ: weight decay; stronger lines for larger λ</li>
      </ul>
      <div className="lab-weight-decay-charts" style={{ display: 'flex', flexWrap: 'wrap', gap: '16px' }}>
        <DecayChart title={`With BN: effective step of hidden layer ${data.layer}`} yTitle="η / ‖W‖² (log scale)" width={each} lines={bnStep} log steps={data.steps} />
        <DecayChart title={`‖W‖ of hidden layer ${data.layer}`} yTitle="‖W‖ (Frobenius)" width={each} lines={norms} log={false} steps={data.steps} />
      </div>
      <table className="lab-table">
        <caption>{`After ${data.steps.toLocaleString('en-US')} steps at learning rate η = ${formatDecayFigure(data.learningRate)}: ‖W‖ of each hidden layer (1 / 2 / ...), the effective step of layer ${data.layer} with BN, and test accuracy (inference mode)`}</caption>
        <thead>
          <tr>
            <th scope="col">weight decay λ</th>
            <th scope="col">{`${networkLabels.bn}: ‖W‖`}</th><th scope="col">{`η / ‖W‖², layer ${data.layer}`}</th><th scope="col">test accuracy</th>
            <th scope="col">{`${networkLabels.plain}: ‖W‖`}</th><th scope="col">test accuracy</th>
          </tr>
        </thead>
        <tbody>
          {data.runs.map((run) => {
            const bn = run.networks.find((n) => n.id === 'bn');
            const plain = run.networks.find((n) => n.id === 'plain');
            const norms = (n: typeof bn) => (n ? n.weightNorm.map((layer) => formatDecayFigure(finalOf(layer))).join(' / ') : '–');
            const diverged = (n: typeof bn) => (n && n.divergedAt !== null ? ` (diverged at step ${n.divergedAt})` : '');
            return (
              <tr key={run.weightDecay}>
                <th scope="row">{formatDecayFigure(run.weightDecay)}</th>
                <td>{norms(bn)}</td><td>{formatDecayFigure(finalOf(bn?.effectiveStep[layerIdx] ?? null))}</td><td>{percent(finalOf(bn?.testAccuracy))}{diverged(bn)}</td>
                <td>{norms(plain)}</td><td>{percent(finalOf(plain?.testAccuracy))}{diverged(plain)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
