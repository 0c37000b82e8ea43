/**
 * The result of a sweep job (lr-sweep, init-sweep): final test accuracy against the swept value
 * (log x), one line per network in its theme colour, a cross where a run diverged, and the
 * numbers in a table under the chart.
 */
import { Axis } from '../../../charts/Axis.tsx';
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { SweepResult } from '../../../lab/sweeps.ts';
import { sweepVerdict } from '../../../lab/verdicts.ts';
import { chart, colors, networkColors, networkLabels, typography } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { formatValue, sweepGeometry } from './sweepGeometry.ts';

const MARGIN = { top: 8, right: 24, bottom: 40, left: 52 };
/** A log axis labels only some of its ticks when asked for few: about one label per 90 px. */
const PX_PER_LOG_LABEL = 90;
const HEIGHT = 260;

const SETTING_LABEL: Record<SweepResult['setting'], string> = {
  learningRate: 'Learning rate (log scale)',
  initScale: 'Init scale: multiplier of every initial weight (log scale)',
};

const TITLE: Record<SweepResult['setting'], string> = {
  learningRate: 'Test accuracy against learning rate',
  initScale: 'Test accuracy against init scale',
};

/** An accuracy as a percentage with one decimal. */
const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '' : `${(100 * value).toFixed(1)}%`);

/** A cross of half-size r centred on (x, y). */
const cross = (x: number, y: number, r = 5): string => `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;

/** The sweep chart, its legend and its table. */
export function SweepView({ result: raw }: LabViewProps) {
  const result = raw as SweepResult;
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const innerW = Math.max(40, width - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const geometry = sweepGeometry(result, innerW, innerH);
  const anyDiverged = geometry.lines.some((line) => line.crosses.length > 0);
  const twin = result.units === 'relu-he';
  const title = `${TITLE[result.setting]} after ${result.steps.toLocaleString('en-US')} steps${twin ? ', ReLU units with He init' : ''}`;
  return (
    <figure className="lab-sweep" ref={ref}>
      <figcaption className="lab-sweep-title">{title}</figcaption>
      <p className="lab-verdict" data-testid="lab-verdict">{sweepVerdict(result)}</p>
      <ul className="lab-legend">
        {result.networks.map((id) => (
          <li key={id} style={{ color: networkColors[id].text }}>
            <svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" stroke={networkColors[id].stroke} strokeWidth={chart.strokeWidth} /><circle cx="11" cy="5" r="3" fill={networkColors[id].stroke} /></svg>
            {networkLabels[id]}
          </li>
        ))}
        <li>
          <svg width="14" height="12" aria-hidden="true"><path d={cross(7, 6, 4)} stroke={colors.text} strokeWidth="2" /></svg>
          diverged (loss became NaN or infinite)
        </li>
      </ul>
      <svg width={width} height={HEIGHT} role="img" aria-label={`${title}: one line per network${anyDiverged ? ', crosses where a run diverged' : ''}; the numbers are in the table below.`} fontFamily={typography.fontStack} fontSize={typography.chartFontPx}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <Axis scale={geometry.y} orient="left" ticks={5} format="percent" />
          <Axis scale={geometry.x} orient="bottom" y={innerH} ticks={Math.floor(innerW / PX_PER_LOG_LABEL)} values={geometry.values} />
          {geometry.baseX !== null && (
            <g>
              <line x1={geometry.baseX} x2={geometry.baseX} y1={0} y2={innerH} stroke={colors.muted} strokeDasharray="3 3" />
              <text x={geometry.baseX + 3} y={10} fill={colors.muted}>{twin ? 'the paper\'s rate' : 'this experiment'}</text>
            </g>
          )}
          {geometry.lines.map((line) => (
            <g key={line.id} className={`lab-sweep-line lab-sweep-${line.id}`}>
              <path d={line.path} fill="none" stroke={networkColors[line.id].stroke} strokeWidth={chart.strokeWidth} />
              {line.dots.map((dot) => (
                <circle key={dot.value} cx={dot.x} cy={dot.y} r={3.5} fill={networkColors[line.id].stroke}>
                  <title>{`${networkLabels[line.id]}: ${percent(dot.accuracy)} at ${formatValue(dot.value)}`}</title>
                </circle>
              ))}
              {line.crosses.map((mark) => (
                <path key={mark.value} className="lab-sweep-diverged" d={cross(mark.x, mark.y)} stroke={networkColors[line.id].stroke} strokeWidth={2.5}>
                  <title>{`${networkLabels[line.id]} diverged at step ${mark.step} at ${formatValue(mark.value)}`}</title>
                </path>
              ))}
            </g>
          ))}
          <text className="axis-title" x={innerW / 2} y={innerH + 34} textAnchor="middle" fill={colors.text}>{SETTING_LABEL[result.setting]}</text>
          <text className="axis-title" transform={`translate(${-40},${innerH / 2}) rotate(-90)`} textAnchor="middle" fill={colors.text}>Test accuracy (inference mode)</text>
        </g>
      </svg>
      <table className="lab-table">
        <caption>Final test accuracy, final train loss (mean of the last 10% of steps) or the step it diverged at</caption>
        <thead>
          <tr>
            <th scope="col">{result.setting === 'learningRate' ? 'Learning rate' : 'Init scale'}</th>
            {result.networks.map((id) => <th key={id} scope="col">{networkLabels[id]}</th>)}
          </tr>
        </thead>
        <tbody>
          {result.points.map((point) => (
            <tr key={point.factor}>
              <th scope="row">{`${formatValue(point.value)} (${formatValue(point.factor)}x)`}</th>
              {result.networks.map((id) => {
                const outcome = point.networks[id];
                const text = !outcome ? '' : outcome.divergedAt !== null ? `diverged at step ${outcome.divergedAt}`
                  : `${percent(outcome.testAccuracy)}, loss ${outcome.trainLoss === null ? '' : outcome.trainLoss.toFixed(3)}`;
                return <td key={id}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
