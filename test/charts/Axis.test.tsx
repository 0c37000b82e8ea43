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
  it('labels a short log axis at three 1-2-5 values, a font height apart', () => {
    const scale = scaleLog().domain([0.3, 2]).range([100, 0]);
    const { container } = render(<svg><Axis scale={scale} orient="left" ticks={7} /></svg>);
    const shown = shownLabels(container);
    expect(shown.map((l) => l.text)).toEqual(['0.5', '1', '2']);
    for (let i = 1; i < shown.length; i++) expect(shown[i - 1].y - shown[i].y).toBeGreaterThanOrEqual(11 * 1.15);
  });

  it('labels a short log axis under a decade at three values that stand clear (a shift chart\'s 0.09..0.2: ghost-bn)', () => {
    for (const domain of [[0.09, 0.2], [0.0905, 0.2], [0.7, 1.3], [0.21, 0.29]]) {
      const { container, unmount } = render(<svg><Axis scale={scaleLog().domain(domain).range([90, 0])} orient="left" ticks={4} /></svg>);
      const shown = shownLabels(container);
      expect(shown.length, String(domain)).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < shown.length; i++) expect(shown[i - 1].y - shown[i].y, String(domain)).toBeGreaterThanOrEqual(11 * 1.15);
      unmount();
    }
  });

  it('keeps three labelled ticks, none in exponent notation, on short axes over awkward ranges', () => {
    for (const domain of [[0, 0.001], [-100, 2], [0, 1e5], [-95.3, -94.1], [0.009, 0.011]]) {
      const { container, unmount } = render(<svg><Axis scale={scaleLinear().domain(domain).range([70, 0])} orient="left" ticks={1} /></svg>);
      const texts = shownLabels(container).map((l) => l.text);
      expect(texts.length, String(domain)).toBeGreaterThanOrEqual(3);
      for (const text of texts) expect(text).not.toMatch(/e[+-]?\d/);
      unmount();
    }
  });

  it('drops ticks on a narrow horizontal axis until the labels stand clear of each other', () => {
    const scale = scaleLinear().domain([0, 25000]).range([0, 90]);
    const { container } = render(<svg><Axis scale={scale} orient="bottom" ticks={8} format="si" /></svg>);
    const texts = Array.from(container.querySelectorAll('.tick text')).map((t) => t.textContent);
    expect(texts).toEqual(['0', '10k', '20k']);
  });

  it('ticks at the values it is given, such as a sweep\'s', () => {
    const scale = scaleLog().domain([0.004, 20]).range([0, 600]);
    const values = [0.005, 0.015, 0.05, 0.15, 0.5, 1.5, 5, 15];
    const { container } = render(<svg><Axis scale={scale} orient="bottom" ticks={6} values={values} /></svg>);
    expect(Array.from(container.querySelectorAll('.tick text')).map((t) => t.textContent)).toEqual(['0.005', '0.015', '0.05', '0.15', '0.5', '1.5', '5', '15']);
  });

  it('writes its title beside it: under a horizontal axis, above a vertical one', () => {
    const { container } = render(
      <svg>
        <Axis scale={scaleLinear().domain([0, 1]).range([0, 200])} orient="bottom" ticks={4} title="training step" />
        <Axis scale={scaleLinear().domain([0, 1]).range([100, 0])} orient="left" ticks={4} title="input to the sigmoid" />
      </svg>,
    );
    expect(Array.from(container.querySelectorAll('text.axis-title')).map((t) => t.textContent)).toEqual(['training step →', '↑ input to the sigmoid']);
  });

  it('leaves a roomy linear axis alone', () => {
    const scale = scaleLinear().domain([0, 1]).range([180, 0]);
    const { container } = render(<svg><Axis scale={scale} orient="left" ticks={5} format="percent" /></svg>);
    expect(shownLabels(container).map((l) => l.text)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });

  it('spaces the labels by the font the page shows now: after presentation mode enlarges the type, fewer labels stay', () => {
    const style = document.createElement('style');
    style.textContent = 'html.presentation svg text { font-size: 30px; }';
    document.head.append(style);
    try {
      const scale = scaleLinear().domain([0, 1]).range([180, 0]);
      const { container, rerender } = render(<svg><Axis scale={scale} orient="left" ticks={10} format="percent" /></svg>);
      const small = shownLabels(container);
      document.documentElement.classList.add('presentation');
      rerender(<svg><Axis scale={scaleLinear().domain([0, 1.01]).range([180, 0])} orient="left" ticks={10} format="percent" /></svg>);
      const large = shownLabels(container);
      expect(large.length).toBeLessThan(small.length);
      for (let i = 1; i < large.length; i++) expect(large[i - 1].y - large[i].y).toBeGreaterThanOrEqual(30 * 1.15);
    } finally {
      document.documentElement.classList.remove('presentation');
      style.remove();
    }
  });
});

describe('an axis too short for its nice ticks', () => {
  it('still shows three labels that stand clear: first, middle and last of a finer nice set', () => {
    // Nice ticks 500, 1,000, 1,500, 2,000 would be 33 px apart: too close for labels 34 px wide.
    const scale = scaleLinear().domain([250, 2050]).range([0, 120]);
    const { container } = render(<svg><Axis scale={scale} orient="bottom" ticks={2} /></svg>);
    const labels = Array.from(container.querySelectorAll('.tick text')).filter((t) => (t as SVGTextElement).style.visibility !== 'hidden').map((t) => t.textContent);
    expect(labels).toEqual(['500', '1,000', '2,000']);
  });
});
