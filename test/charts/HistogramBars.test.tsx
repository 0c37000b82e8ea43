// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { HistogramBars, barsPath } from '../../src/charts/HistogramBars.tsx';
import { BINS, column } from './fixtures.ts';

afterEach(cleanup);

describe('barsPath', () => {
  it('draws one bar per non-empty bin, the tallest reaching 2 px below the top', () => {
    // 4 bins over 100 px: 25 px apart, 24.5 px wide; height 60 leaves 58 px for the peak.
    expect(barsPath([1, 2, 0, 4], 100, 60)).toBe('M0,60v-14.5h24.5v14.5zM25,60v-29h24.5v29zM75,60v-58h24.5v58z');
  });

  it('draws nothing for an empty column', () => {
    expect(barsPath([0, 0, 0], 100, 60)).toBe('');
    expect(barsPath([], 100, 60)).toBe('');
  });
});

describe('HistogramBars', () => {
  it('names its picture and draws only the in-range bins of the column', () => {
    const { container } = render(<HistogramBars label="readout" networkId="bn" column={column(9, [0, 1, 0, 1], 9)} bins={BINS} width={100} />);
    expect(screen.getByRole('img', { name: 'readout' })).toBeInTheDocument();
    // The edge counts (9) are left out: the two in-range bars share the full height.
    expect(container.querySelector('path.bars')?.getAttribute('d')).toBe('M25,60v-58h24.5v58zM75,60v-58h24.5v58z');
    expect(container.querySelector('path.bars')?.getAttribute('fill')).toBe('#0072B2');
  });

  it('draws no bars without a column', () => {
    const { container } = render(<HistogramBars label="none" networkId="plain" column={undefined} bins={BINS} width={100} />);
    expect(container.querySelector('path')).toBeNull();
  });
});
