// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { Axis } from '../../src/charts/Axis.tsx';

afterEach(cleanup);

/** The shown labels of the axis: text and y position, bottom first. */
function shownLabels(container: HTMLElement): { text: string; y: number }[] {
  return Array.from(container.querySelectorAll('.tick'))
    .map((tick) => ({
      text: tick.querySelector('text')?.textContent ?? '',
      y: Number(/translate\([^,]+,\s*([-\d.e]+)\)/.exec(tick.getAttribute('transform') ?? '')?.[1]),
      hidden: (tick.querySelector('text') as SVGTextElement | null)?.style.visibility === 'hidden',
    }))
    .filter((t) => t.text !== '' && !t.hidden)
    .map(({ text, y }) => ({ text, y }))
    .sort((a, b) => b.y - a.y);
}

describe('a vertical axis', () => {
  it('hides the labels of a crowded log axis so that shown ones are a font height apart, keeping the ticks', () => {
    const scale = scaleLog().domain([0.3, 2]).range([100, 0]);
    const { container } = render(<svg><Axis scale={scale} orient="left" ticks={7} format="~g" /></svg>);
    const all = container.querySelectorAll('.tick');
    const shown = shownLabels(container);
    expect(all.length).toBeGreaterThan(shown.length);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < shown.length; i++) expect(shown[i - 1].y - shown[i].y).toBeGreaterThanOrEqual(11 * 1.15);
    // The lowest label is kept: the axis still says where it starts.
    expect(shown[0].text).toBe('0.3');
  });

  it('leaves a roomy linear axis alone', () => {
    const scale = scaleLinear().domain([0, 1]).range([180, 0]);
    const { container } = render(<svg><Axis scale={scale} orient="left" ticks={5} format=".0%" /></svg>);
    expect(shownLabels(container).map((l) => l.text)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });

  it('spaces the labels by the font the page shows now: after presentation mode enlarges the type, fewer labels stay', () => {
    const style = document.createElement('style');
    style.textContent = 'html.presentation svg text { font-size: 30px; }';
    document.head.append(style);
    try {
      const scale = scaleLinear().domain([0, 1]).range([180, 0]);
      const { container, rerender } = render(<svg><Axis scale={scale} orient="left" ticks={10} format=".0%" /></svg>);
      const small = shownLabels(container);
      document.documentElement.classList.add('presentation');
      rerender(<svg><Axis scale={scaleLinear().domain([0, 1.01]).range([180, 0])} orient="left" ticks={10} format=".0%" /></svg>);
      const large = shownLabels(container);
      expect(large.length).toBeLessThan(small.length);
      for (let i = 1; i < large.length; i++) expect(large[i - 1].y - large[i].y).toBeGreaterThanOrEqual(30 * 1.15);
    } finally {
      document.documentElement.classList.remove('presentation');
      style.remove();
    }
  });
});
