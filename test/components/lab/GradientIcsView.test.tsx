// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import GradientIcsView, { GRADIENT_ICS_CAPTION } from '../../../src/components/lab/views/GradientIcsView.tsx';
import { DEFAULT_CONFIG } from '../../../src/experiment/settings.ts';
import type { GradientIcsResult } from '../../../src/lab/gradientIcs.ts';
import { attributesFreeOfNaN } from '../../charts/fixtures.ts';

const layer = (name: string, distance: (number | null)[], cosine: (number | null)[]) =>
  ({ name, distance, cosine, gradientNorm: distance.map((d) => (d === null ? null : 10)) });

/** Two layers, three measurements; the plain network diverged before the last one. */
const result: GradientIcsResult = {
  steps: [1, 100, 200],
  networks: [
    { id: 'plain', divergedAt: 150, layers: [layer('dense0.weight', [0, 0, null], [1, 1, null]), layer('dense1.weight', [0.1, 0.3, null], [0.9, 0.8, null])] },
    { id: 'bn', divergedAt: null, layers: [layer('dense0.weight', [0, 0, 0], [1, 1, 1]), layer('dense1.weight', [0.2, 0.4, 0.6], [0.7, 0.6, 0.5])] },
    { id: 'noisy', divergedAt: null, layers: [layer('dense0.weight', [0, 0, 0], [1, 1, 1]), layer('dense1.weight', [0.5, 0.5, 0.5], [0.4, 0.4, 0.4])] },
  ],
  cost: { trainingSteps: 600, extraPasses: 27, networkBuilds: 11 },
};

afterEach(cleanup);

describe('GradientIcsView', () => {
  it('draws ||G - G\'|| and cos(G, G\') of the output layer for every network, with a legend and a caption', () => {
    const { container } = render(<GradientIcsView result={result} params={{}} config={DEFAULT_CONFIG} />);
    const distance = screen.getByRole('img', { name: /\|\|G − G′\|\|/ });
    const cosine = screen.getByRole('img', { name: /cos\(G, G′\)/ });
    for (const chart of [distance, cosine]) {
      expect(chart.querySelectorAll('path[data-network]')).toHaveLength(3);
      expect(within(chart as unknown as HTMLElement).getByText('training step')).toBeInTheDocument();
    }
    expect(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent))
      .toEqual(['Without BN', 'With BN', 'BN + noise']);
    expect(screen.getByText(GRADIENT_ICS_CAPTION)).toBeInTheDocument();
    expect(GRADIENT_ICS_CAPTION).toMatch(/no less/);
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('tables the medians of the chosen layer and names a diverged network', () => {
    render(<GradientIcsView result={result} params={{}} config={DEFAULT_CONFIG} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('Without BN (diverged at step 150)0.2000.02000.850');
    expect(rows[2].textContent).toBe('With BN0.4000.04000.600');
    fireEvent.change(screen.getByLabelText('Layer'), { target: { value: '0' } });
    expect(within(screen.getByRole('table')).getAllByRole('row')[2].textContent).toBe('With BN0.000.001.00');
  });

  it('shows the measurement cost', () => {
    render(<GradientIcsView result={result} params={{}} config={DEFAULT_CONFIG} />);
    expect(screen.getByText(/600 training steps plus 27 extra forward-backward passes and 11 scratch networks \(about 10% on top of training\)/))
      .toBeInTheDocument();
  });
});
