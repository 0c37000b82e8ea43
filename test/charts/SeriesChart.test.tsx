// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { SeriesChart } from '../../src/charts/SeriesChart.tsx';
import { attributesFreeOfNaN } from './fixtures.ts';

afterEach(cleanup);

describe('SeriesChart', () => {
  it('draws one line per network in its colour and a marker at the step', () => {
    const { container } = render(
      <SeriesChart
        label="Test accuracy"
        width={300}
        height={150}
        xDomain={[0, 100]}
        yDomain={[0, 1]}
        yTitle="test accuracy"
        lines={[{ id: 'plain', xs: [0, 100], ys: [0.1, 0.9] }, { id: 'bn', xs: [0, 100], ys: [0.2, 0.95] }]}
        markerStep={50}
      />,
    );
    expect(screen.getByRole('img', { name: 'Test accuracy' })).toBeInTheDocument();
    expect(container.querySelector('path[data-network="plain"]')?.getAttribute('stroke')).toBe('#D55E00');
    expect(container.querySelector('path[data-network="bn"]')?.getAttribute('stroke')).toBe('#0072B2');
    // Inner width 300 - 44 - 12 = 244: step 50 sits at 122.
    expect(container.querySelector('line.marker')?.getAttribute('x1')).toBe('122');
  });

  it('draws both axes with three or more labelled ticks and a title each', () => {
    const { container } = render(
      <SeriesChart label="x" width={300} height={150} xDomain={[0, 1000]} yDomain={[-95.2, -94.9]} yTitle="input to the sigmoid" lines={[]} markerStep={null} />,
    );
    const axes = Array.from(container.querySelectorAll('g.axis'));
    expect(axes).toHaveLength(2);
    for (const axis of axes) {
      const labels = Array.from(axis.querySelectorAll('.tick text')).map((t) => t.textContent ?? '').filter((t) => t !== '');
      expect(labels.length).toBeGreaterThanOrEqual(3);
      for (const label of labels) expect(label).not.toMatch(/e[+-]?\d/);
    }
    expect(Array.from(container.querySelectorAll('text.axis-title')).map((t) => t.textContent)).toEqual(['training step →', '↑ input to the sigmoid']);
  });

  it('keeps NaN, nulls and non-positive log values out of every attribute', () => {
    const { container } = render(
      <SeriesChart
        label="Loss"
        width={300}
        height={150}
        xDomain={[0, 3]}
        yDomain={[0.1, 10]}
        yType="log"
        yTitle="training loss"
        lines={[{ id: 'plain', xs: [0, 1, 2, 3], ys: [1, null, Number.NaN, 0] }, { id: 'bn', xs: [0, 1], ys: [Infinity, -1] }]}
        bands={[{ id: 'bn', xs: [0, 1], lo: [null, 1], hi: [2, Number.NaN] }]}
        markerStep={Number.NaN}
      />,
    );
    expect(attributesFreeOfNaN(container)).toBe(true);
  });
});
