// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import WeightDecayView, { formatDecayFigure, spreadLabels } from '../../../src/components/lab/views/WeightDecayView.tsx';
import { DEFAULT_CONFIG } from '../../../src/experiment/settings.ts';
import type { WeightDecayNetwork, WeightDecayResult } from '../../../src/lab/weightDecay.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

/** A network's figures at steps 100, 200: ||W|| per layer as given, eta / ||W||^2 with eta 0.5 when BN. */
const network = (id: 'plain' | 'bn', norms: number[][], accuracy: number): WeightDecayNetwork => ({
  id, steps: [100, 200], testAccuracy: [accuracy - 0.1, accuracy], weightNorm: norms,
  effectiveStep: norms.map((layer) => (id === 'bn' ? layer.map((n) => 0.5 / n ** 2) : null)), divergedAt: null,
});

const result: WeightDecayResult = {
  steps: 200, every: 100, learningRate: 0.5, layer: 2, depth: 2,
  runs: [
    { weightDecay: 0, networks: [network('plain', [[3, 4], [3, 5]], 0.45), network('bn', [[3, 5], [4, 8]], 0.92)] },
    { weightDecay: 0.005, networks: [network('plain', [[1, 0.5], [1, 0.8]], 0.1), network('bn', [[3, 4], [3, 3.5]], 0.9)] },
  ],
};

afterEach(cleanup);

describe('WeightDecayView', () => {
  it('draws BN\'s effective step and both networks\' ||W|| over training, one line per decay, with the verdict and a table', () => {
    const { container } = render(<WeightDecayView result={result} params={{}} config={DEFAULT_CONFIG} />);
    const charts = screen.getAllByRole('img');
    expect(charts).toHaveLength(2);
    expect([...charts[0].querySelectorAll('[data-line]')].map((g) => g.getAttribute('data-line'))).toEqual(['bn-0', 'bn-0.005']);
    expect([...charts[1].querySelectorAll('[data-line]')].map((g) => g.getAttribute('data-line'))).toEqual(['bn-0', 'bn-0.005', 'plain-0', 'plain-0.005']);
    expect(screen.getByTestId('lab-verdict').textContent).toBe(
      'With BN, weight decay 0.005 against 0 left hidden layer 2\'s ‖W‖ at 3.5 against 8 after 200 steps, so its effective step η / ‖W‖² is 5.2 times larger '
      + '(0.041 against 0.0078); its test accuracy 90% against 92%. Without BN, test accuracy went from 45% to 10% and the same layer\'s ‖W‖ from 5 to 0.8.',
    );
    const rows = [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['0', '5 / 8', '0.0078', '92.0%', '4 / 5', '45.0%'],
      ['0.005', '4 / 3.5', '0.041', '90.0%', '0.5 / 0.8', '10.0%'],
    ]);
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('keeps end labels apart and inside the chart, and writes figures without exponents', () => {
    expect(spreadLabels([50, 52, 100], 200)).toEqual([50, 62, 100]);
    expect(spreadLabels([195, 198], 200)).toEqual([188, 200]);
    expect([0, 0.00005, 0.0072, 8.31, null].map(formatDecayFigure)).toEqual(['0', '< 0.0001', '0.0072', '8.3', '–']);
  });
});
