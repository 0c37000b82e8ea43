// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LayerChart, offscreenPhaseMs } from '../../src/charts/LayerChart.tsx';
import type { FittedHistogram } from '../../src/experiment/fittedHistogram.ts';
import { attributesFreeOfNaN, column, makeHistory, makeNetwork } from './fixtures.ts';

function diverged() {
  // A network that diverged after one snapshot: its arrays stop, its loss has a null.
  return makeNetwork('plain', [0], { trainLoss: [null], tracked: [null], status: { type: 'diverged', step: 40, reason: 'loss NaN' } });
}

afterEach(cleanup);
// jsdom has no canvas: getContext answers null, as the chart expects.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('LayerChart', () => {
  it('names the network and the layer in its accessible picture', () => {
    render(<LayerChart history={makeHistory([makeNetwork('bn', [0, 100])])} networkId="bn" layerIdx={2} mode="heatmap" width={400} scrubStep={null} />);
    expect(screen.getByRole('img', { name: 'With BN, hidden layer 3: input distribution over training' })).toBeInTheDocument();
  });

  it('prints the layer figures at the live step', () => {
    render(<LayerChart history={makeHistory([makeNetwork('bn', [0, 100])])} networkId="bn" layerIdx={0} mode="heatmap" width={400} scrubStep={null} />);
    // Fixture: mean = 0.5 * index, so the last column (index 1) reads 0.5; saturation 0.1 -> 10%.
    const figures = document.querySelector('.figures') as HTMLElement;
    expect(figures.textContent).toBe('mean 0.5 · std 1 · shift 0.25 σ/1k steps · saturated 10%');
    // Each phrase stays whole when a narrow chart wraps the line.
    expect([...figures.querySelectorAll('.figure-group')].map((g) => g.textContent)).toEqual(['mean 0.5 · std 1', 'shift 0.25 σ/1k steps', 'saturated 10%']);
    // The scale-free shift is defined in its tooltip, with the raw distance (fixture: 0.5) beside it.
    expect(figures.getAttribute('title')).toMatch(/last 1,000 training steps.*own standard deviation.*Raw, in the input's units: 0\.5\./);
  });

  it('prints no saturated share for a nonlinearity that does not saturate', () => {
    render(<LayerChart history={makeHistory([makeNetwork('bn', [0, 100])])} networkId="bn" layerIdx={0} mode="heatmap" width={400} scrubStep={null} saturates={false} />);
    expect(document.querySelector('.figures')?.textContent).toBe('mean 0.5 · std 1 · shift 0.25 σ/1k steps');
    expect(screen.queryByText(/saturated/)).toBeNull();
  });

  it('reads the figures at the scrubbed step', () => {
    const net = makeNetwork('plain', [0, 100]);
    const { container } = render(
      <LayerChart history={makeHistory([net])} networkId="plain" layerIdx={0} mode="heatmap" width={400} scrubStep={50} />,
    );
    expect(screen.getByText(/mean 0 ·/)).toBeInTheDocument();
    expect(container.querySelector('line.marker')).not.toBeNull();
  });

  it('says on the chart how much is off it when a snapshot has more than 20% of its values beyond the range', () => {
    // A history without fitted histograms: the fixed bins' out-of-range values have no place, so they are off chart.
    const net = makeNetwork('plain', [0, 100]);
    net.layers[0].columns[0] = column(2, [1, 1, 0, 0], 0);
    for (const mode of ['heatmap', 'ridgeline'] as const) {
      const { container, unmount } = render(
        <LayerChart history={makeHistory([net])} networkId="plain" layerIdx={0} mode={mode} width={400} scrubStep={null} />,
      );
      expect(screen.getByTestId('off-chart-warning')).toHaveTextContent('50% off chart');
      expect(container.querySelector('.layer-picture')?.getAttribute('data-off-chart')).toBe('0.500');
      unmount();
    }
  });

  it('fits its value range to the fitted histograms, with no warning and no edge strips when nothing is off it', () => {
    const net = makeNetwork('bn', [0, 100]);
    const narrow = (): FittedHistogram => ({ min: -0.01, lo: -0.01, hi: 0.01, max: 0.01, counts: Uint32Array.from([0, 5, 20, 20, 5, 0]) });
    net.layers[0].fitted = [narrow(), narrow()];
    const { container } = render(
      <LayerChart history={makeHistory([net])} networkId="bn" layerIdx={0} mode="heatmap" width={400} scrubStep={null} valueTitle="input to the sigmoid" />,
    );
    expect(screen.queryByTestId('off-chart-warning')).toBeNull();
    expect(container.querySelector('.edge-strip')).toBeNull();
    const labels = Array.from(container.querySelectorAll('g.axis')[1].querySelectorAll('.tick text')).map((t) => Number((t.textContent ?? '').replace('\u2212', '-')));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...labels.map(Math.abs))).toBeLessThanOrEqual(0.02);
    expect(screen.getByText('↑ input to the sigmoid')).toBeInTheDocument();
  });

  it('reports the hovered step and lets go on leave', () => {
    const onHoverStep = vi.fn();
    const { container } = render(
      <LayerChart history={makeHistory([makeNetwork('bn', [0, 1000])])} networkId="bn" layerIdx={0} mode="heatmap" width={400} scrubStep={null} onHoverStep={onHoverStep} />,
    );
    const target = container.querySelector('rect.hover-target') as SVGRectElement;
    fireEvent.pointerMove(target, { clientX: 0 });
    expect(onHoverStep).toHaveBeenCalledWith(0);
    fireEvent.pointerLeave(target);
    expect(onHoverStep).toHaveBeenLastCalledWith(null);
  });

  it('draws ridgelines, oldest first, without NaN', () => {
    const { container } = render(
      <LayerChart history={makeHistory([makeNetwork('bn', [0, 100, 200])])} networkId="bn" layerIdx={1} mode="ridgeline" width={400} scrubStep={100} />,
    );
    const ridges = container.querySelectorAll('path.ridge');
    expect(ridges).toHaveLength(3);
    expect(container.querySelectorAll('path.ridge-marked')).toHaveLength(1);
    expect(attributesFreeOfNaN(container)).toBe(true);
  });

  it('shows a diverged or empty network without NaN in any attribute', () => {
    for (const mode of ['heatmap', 'ridgeline'] as const) {
      const { container, unmount } = render(
        <LayerChart history={makeHistory([diverged(), makeNetwork('bn', [])])} networkId="bn" layerIdx={0} mode={mode} width={300} scrubStep={null} />,
      );
      expect(attributesFreeOfNaN(container)).toBe(true);
      unmount();
      const again = render(<LayerChart history={makeHistory([diverged()])} networkId="plain" layerIdx={0} mode={mode} width={300} scrubStep={5} />);
      expect(attributesFreeOfNaN(again.container)).toBe(true);
      expect(screen.getAllByText(/mean/)[0]).toBeInTheDocument();
      again.unmount();
    }
  });
});

describe('offscreenPhaseMs', () => {
  it('gives the charts of a page distinct refresh phases within the refresh period, so they never all redraw in one frame', () => {
    const phases = Array.from({ length: 8 }, (_, i) => offscreenPhaseMs(i));
    expect(new Set(phases).size).toBe(8);
    for (const phase of phases) {
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(2000);
    }
    expect(offscreenPhaseMs(8)).toBe(offscreenPhaseMs(0));
  });
});
