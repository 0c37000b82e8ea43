// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import PopulationStatsView, { layerColor, POPULATION_CAPTION } from '../../../src/components/lab/views/PopulationStatsView.tsx';
import { LAB_VIEWS } from '../../../src/components/lab/views.ts';
import { DEFAULT_CONFIG } from '../../../src/experiment/settings.ts';
import type { MomentumRow, PopulationStatsResult } from '../../../src/lab/populationStats.ts';
import { colors, networkColors } from '../../../src/theme.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

const layer = (l: number, gap: number | null, ratio: number | null) => ({ layer: l, meanGap: gap, worstMeanGap: gap, logVarRatio: ratio, signedLogVarRatio: ratio });
const row = (momentum: number, kerasMomentum: number, running: number | null, precise: number | null, layers: MomentumRow['layers']): MomentumRow => ({
  momentum, kerasMomentum, initialShare: (1 - momentum) ** 1000, divergedAt: null, runningAccuracy: running, preciseAccuracy: precise,
  runningLoss: 0.4, preciseLoss: 0.38, layers, sameWeightsAsFirst: true,
});
const result: PopulationStatsResult = {
  steps: 1000, batchSize: 60, examples: 8000, testExamples: 2000,
  rows: [
    row(0.001, 0.999, 0.6865, 0.8925, [layer(1, 0.231, 0.168), layer(2, 0.301, 1.218), layer(3, 0.252, 1.052)]),
    row(0.1, 0.9, 0.8865, 0.8925, [layer(1, 0.068, 0.049), layer(2, 0.036, 0.035), layer(3, 0.016, 0.045)]),
    { ...row(1, 0, null, null, []), divergedAt: 12 },
  ],
};

afterEach(cleanup);

describe('the population-stats view', () => {
  it('is registered under the job\'s id', () => {
    expect(LAB_VIEWS['population-stats']).toBeDefined();
  });

  it('names each momentum both ways, charts accuracy each way and the per-layer gaps, and tables them', () => {
    const { container } = render(<PopulationStatsView result={result} params={{}} config={DEFAULT_CONFIG} />);
    expect(screen.getByText(POPULATION_CAPTION)).toBeInTheDocument();
    expect(screen.getByTestId('lab-verdict').textContent).toMatch(/^At PyTorch momentum 0\.1 = Keras\/TF momentum 0\.9, the running means sit 0\.016 to 0\.068/);
    const accuracy = screen.getByRole('img', { name: 'Test accuracy after 1,000 steps' });
    expect(accuracy.querySelectorAll('circle')).toHaveLength(4);
    expect([...accuracy.querySelectorAll('g[data-category]')].map((g) => g.getAttribute('data-category'))).toEqual(['0.001 / 0.999', '0.1 / 0.9', '1 / 0']);
    const means = screen.getByRole('img', { name: 'Running vs population mean, per layer' });
    expect(means.querySelectorAll('circle')).toHaveLength(6);
    expect(means.querySelectorAll('g[data-series="layer 3"] circle')).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'Running vs population variance, per layer' }).querySelectorAll('circle')).toHaveLength(6);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('0.0010.99936.8%68.7%89.3%+20.60.231, 0.301, 0.2520.168, 1.22, 1.05yes');
    expect(rows[2].textContent).toBe('0.10.90.0%88.6%89.3%+0.60.0680, 0.0360, 0.01600.0490, 0.0350, 0.0450yes');
    expect(rows[3].textContent).toBe('1 (diverged at step 12)00.0%–––––yes');
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('shades the layers from BN\'s blue to the running statistics\' purple', () => {
    expect(layerColor(0, 3)).toBe('rgb(0, 114, 178)');
    expect(layerColor(2, 3)).toBe('rgb(170, 68, 153)');
    expect(layerColor(0, 1)).toBe('rgb(0, 114, 178)');
    expect([networkColors.bn.stroke, colors.running]).toEqual(['#0072B2', '#AA4499']);
  });
});
