// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EmbedFigure1, figure1Layout, MIN_CHART_WIDTH } from '../../src/embed/EmbedFigure1.tsx';
import { useExperimentStore } from '../../src/store/index.ts';
import { setStore } from '../components/storeSpies.ts';
import { makeHistory, makeNetwork } from '../charts/fixtures.ts';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
});
afterEach(cleanup);

describe('figure1Layout', () => {
  it('puts (a) beside the loss and (b) beside (c) at 640 px, in charts short enough for a 480 px frame', () => {
    const layout = figure1Layout(606, 2);
    expect(layout).toMatchObject({ wide: true, perRow: 2, topWidth: 295, pairWidth: 295 });
    expect(layout.topHeight).toBeLessThanOrEqual(140);
    expect(layout.pairHeight).toBeLessThanOrEqual(120);
    // Wider columns widen the charts, not heighten them: the same 480 px frame still fits.
    expect(figure1Layout(1200, 2)).toMatchObject({ topHeight: layout.topHeight, pairHeight: layout.pairHeight });
  });

  it('stacks every chart, one a row, at 320 and 360 px (never two of ~150 px)', () => {
    for (const width of [286, 326]) {
      const layout = figure1Layout(width, 2);
      expect(layout).toMatchObject({ wide: false, perRow: 1, topWidth: width, pairWidth: width });
    }
  });

  it('never makes a chart narrower than MIN_CHART_WIDTH when it could stack instead, with three networks too', () => {
    for (let width = 200; width <= 1400; width += 7) {
      for (const networks of [2, 3]) {
        const layout = figure1Layout(width, networks);
        if (layout.perRow > 1) expect(layout.pairWidth).toBeGreaterThanOrEqual(MIN_CHART_WIDTH);
        if (layout.wide) expect(layout.topWidth).toBeGreaterThanOrEqual(MIN_CHART_WIDTH);
        expect(layout.perRow).toBeLessThanOrEqual(networks);
        expect(Number.isFinite(layout.topHeight) && Number.isFinite(layout.pairHeight)).toBe(true);
      }
    }
  });
});

describe('EmbedFigure1', () => {
  it('shows (a), one percentile chart per network and the loss, with the tracked unit named once', () => {
    const actions = setStore({ runState: 'running', history: makeHistory([makeNetwork('plain', [0, 100]), makeNetwork('bn', [0, 100])]) });
    render(<EmbedFigure1 />);
    expect(screen.getByRole('region', { name: 'The paper’s Figure 1' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Figure 1 (a): test accuracy of both networks over training' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Figure 1 \(b\): Without BN/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Figure 1 \(c\): With BN/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Training loss \(solid\) and test loss \(dashed\)/ })).toBeInTheDocument();
    expect(screen.getByText(/^\(b\), \(c\): input of unit \d+ of layer \d+/)).toBeInTheDocument();
    // The choice lives in the store (and so in the link's shared=).
    expect(screen.getByRole('checkbox', { name: 'Shared y scale for (b), (c)' })).not.toBeChecked();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Shared y scale for (b), (c)' }));
    expect(actions.setSharedScale).toHaveBeenCalledWith('figure1', true);
  });

  it('is titled for its dataset, as the full page\'s panel is', () => {
    setStore({ config: { ...useExperimentStore.getState().config, dataset: 'spiral' } });
    render(<EmbedFigure1 />);
    expect(screen.getByRole('region', { name: /^Figure 1 setup on / })).toBeInTheDocument();
  });
});
