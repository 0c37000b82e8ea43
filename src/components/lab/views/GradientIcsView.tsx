/**
 * The 'gradient-ics' result: ||G - G'|| and cos(G, G') of one layer over training, per network
 * (Santurkar et al.'s Definition 2.1), a table of medians, the cost, and what to look for.
 */
import { useId, useState } from 'react';
import { useContainerWidth } from '../../../charts/useContainerWidth.ts';
import type { GradientIcsResult } from '../../../lab/gradientIcs.ts';
import { BUILD_STEP_EQUIVALENTS } from '../../../lab/santurkarTraining.ts';
import { summarizeGradientIcs } from '../../../lab/santurkarSummary.ts';
import { chart, networkLabels } from '../../../theme.ts';
import type { LabViewProps } from '../views.ts';
import { NetworkLegend } from '../../../charts/NetworkLegend.tsx';
import { costSentence, formatCell, SanturkarChart } from './SanturkarChart.tsx';

/** What the student should see; agrees with PAPER.md section 2. */
export const GRADIENT_ICS_CAPTION = 'Santurkar et al. (2018) found that with BN a layer\'s gradient changes no less (often more) '
  + 'when the layers before it take their step, so BN does not help by reducing internal covariate shift measured this way; '
  + 'compare the lines here.';

/** Layer name for the selector: hidden layers from 1, then the output layer. */
function layerName(layerIdx: number, count: number): string {
  return layerIdx === count - 1 ? `output layer (dense${layerIdx}.weight)` : `hidden layer ${layerIdx + 1} (dense${layerIdx}.weight)`;
}

/** Draws a GradientIcsResult. */
export default function GradientIcsView({ result }: LabViewProps) {
  const data = result as GradientIcsResult;
  const count = data.networks[0]?.layers.length ?? 0;
  const [layerIdx, setLayerIdx] = useState(Math.max(0, count - 1));
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const selectId = useId();
  const ids = data.networks.map((n) => n.id);
  const line = (pick: 'distance' | 'cosine') =>
    data.networks.map((n) => ({ id: n.id, xs: data.steps, ys: n.layers[layerIdx]?.[pick] ?? [] }));
  const chartWidth = Math.max(280, Math.min(width, 720));
  return (
    <div ref={ref} className="lab-view gradient-ics-view">
      <p className="lab-caption">{GRADIENT_ICS_CAPTION}</p>
      <p className="lab-note">||G − G′|| grows with the gradient itself; the table also divides it by ||G||, so networks with gradients of
        different sizes compare. The first layer has no layer before it: its G′ is G.</p>
      <label htmlFor={selectId}>Layer </label>
      <select id={selectId} value={layerIdx} onChange={(e) => setLayerIdx(Number(e.target.value))}>
        {Array.from({ length: count }, (_, i) => <option key={i} value={i}>{layerName(i, count)}</option>)}
      </select>
      <NetworkLegend ids={ids} />
      <SanturkarChart title="||G − G′||, change of the layer's gradient (0 = no shift)" xLabel="training step" yLabel="||G − G′||₂ (log)"
        width={chartWidth} height={chart.lineHeight + 40} yType="log" yFormat="number" lines={line('distance')} />
      <SanturkarChart title="cos(G, G′), same direction? (1 = no shift)" xLabel="training step" yLabel="cos(G, G′)"
        width={chartWidth} height={chart.lineHeight + 40} yType="linear" yFormat="number" lines={line('cosine')} />
      <table className="lab-table">
        <caption>Medians over the {data.steps.length} measurements, {layerName(layerIdx, count)}</caption>
        <thead>
          <tr><th scope="col">network</th><th scope="col">||G − G′||</th><th scope="col">||G − G′|| / ||G||</th><th scope="col">cos(G, G′)</th></tr>
        </thead>
        <tbody>
          {summarizeGradientIcs(data, layerIdx).map((s) => (
            <tr key={s.id}>
              <th scope="row">{networkLabels[s.id]}{s.divergedAt !== null ? ` (diverged at step ${s.divergedAt})` : ''}</th>
              <td>{formatCell(s.distance)}</td><td>{formatCell(s.relativeDistance)}</td><td>{formatCell(s.cosine)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="lab-cost">{costSentence(data.cost, BUILD_STEP_EQUIVALENTS)}</p>
    </div>
  );
}
