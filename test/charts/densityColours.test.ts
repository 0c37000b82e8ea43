import { describe, expect, it } from 'vitest';
import { densityStops, densityStopsDark } from '../../src/theme.ts';

/** WCAG relative luminance of '#RRGGBB'. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The backgrounds: styles.css --bg on the light page, embed.css --bg on the dark theme. */
const LIGHT_BG = '#FFFFFF';
const DARK_BG = '#0D1117';

describe('the heatmap density ramps', () => {
  it('make the fullest bin the colour that stands out most from the background, in both themes', () => {
    for (const [stops, bg] of [[densityStops, LIGHT_BG], [densityStopsDark, DARK_BG]] as const) {
      const ratios = stops.map((c) => contrast(c, bg));
      expect(ratios.at(-1)).toBeGreaterThanOrEqual(7);
      // Monotone: each step of density is further from the background, so sparse tails are the quietest cells.
      for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeGreaterThan(ratios[i - 1]);
    }
  });

  it('keep sparse cells near the background on the light page, and visible but dim on the dark theme', () => {
    expect(contrast(densityStops[0], LIGHT_BG)).toBeLessThan(1.2);
    const darkSparse = contrast(densityStopsDark[0], DARK_BG);
    expect(darkSparse).toBeGreaterThan(1.1);
    expect(darkSparse).toBeLessThan(2);
  });
});
