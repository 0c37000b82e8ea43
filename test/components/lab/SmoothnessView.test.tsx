// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import SmoothnessView, { SMOOTHNESS_CAPTION } from '../../../src/components/lab/views/SmoothnessView.tsx';
import { DEFAULT_CONFIG } from '../../../src/experiment/settings.ts';
import type { SmoothnessPoint, SmoothnessResult } from '../../../src/lab/smoothness.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

const point = (loss: number, width: number, change: number, beta: number): SmoothnessPoint => ({
  loss, gradientNorm: 1, lossMin: loss - width / 2, lossMax: loss + width / 2, gradientChangeMin: change / 4, gradientChangeMax: change, beta,
});
const NULL_POINT: SmoothnessPoint = {
  loss: null, gradientNorm: null, lossMin: null, lossMax: null, gradientChangeMin: null, gradientChangeMax: null, beta: null,
};

const result: SmoothnessResult = {
  steps: [1, 100, 200],
  etas: [0.25, 0.5, 1, 2],
  networks: [
    { id: 'plain', divergedAt: 150, points: [point(2.3, 0.4, 2, 8), point(2, 0.6, 3, 12), NULL_POINT] },
    { id: 'bn', divergedAt: null, points: [point(2, 0.2, 1, 2), point(1, 0.1, 0.5, 1), point(0.5, 0.1, 0.5, 1)] },
  ],
  cost: { trainingSteps: 400, extraPasses: 30, networkBuilds: 2 },
};

afterEach(cleanup);

describe('SmoothnessView', () => {
  it('draws the three panels of Figure 4 for every network, with a legend and a caption', () => {
    const { container } = render(<SmoothnessView result={result} params={{}} config={DEFAULT_CONFIG} />);
    const loss = screen.getByRole('img', { name: /Loss landscape/ });
    const predictiveness = screen.getByRole('img', { name: /Gradient predictiveness/ });
    const beta = screen.getByRole('img', { name: /β-smoothness/ });
    expect(loss.querySelectorAll('path[data-band]')).toHaveLength(2);
    expect(loss.querySelectorAll('path[data-network]')).toHaveLength(2);
    expect(predictiveness.querySelectorAll('path[data-band]')).toHaveLength(2);
    expect(beta.querySelectorAll('path[data-network]')).toHaveLength(2);
    expect(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent))
      .toEqual(['Without BN', 'With BN']);
    expect(screen.getByText(SMOOTHNESS_CAPTION)).toBeInTheDocument();
    expect(SMOOTHNESS_CAPTION).toMatch(/smoother/);
    expect(screen.getByText(/4 from 0.250 to 2.00/)).toBeInTheDocument();
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('tables the median band width, gradient change and beta, skipping the diverged point', () => {
    render(<SmoothnessView result={result} params={{}} config={DEFAULT_CONFIG} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('Without BN (diverged at step 150)0.5002.5010.012.0');
    expect(rows[2].textContent).toBe('With BN0.1000.5001.002.00');
  });
});
