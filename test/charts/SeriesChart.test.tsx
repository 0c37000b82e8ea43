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

  it('draws axes with d3 ticks', () => {
    const { container } = render(
      <SeriesChart label="x" width={300} height={150} xDomain={[0, 1000]} yDomain={[0, 1]} lines={[]} markerStep={null} />,
    );
    expect(container.querySelectorAll('g.axis .tick').length).toBeGreaterThan(2);
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
        lines={[{ id: 'plain', xs: [0, 1, 2, 3], ys: [1, null, Number.NaN, 0] }, { id: 'bn', xs: [0, 1], ys: [Infinity, -1] }]}
        bands={[{ id: 'bn', xs: [0, 1], lo: [null, 1], hi: [2, Number.NaN] }]}
        markerStep={Number.NaN}
      />,
    );
    expect(attributesFreeOfNaN(container)).toBe(true);
  });
});
