import { describe, expect, it } from 'vitest';
import { scrollFor, scrollForBoth } from '../../../src/components/guide/tourTargets.ts';

describe('bringing a tour step\'s chart into view', () => {
  it('leaves a chart that is already inside the band where it is', () => {
    expect(scrollFor({ top: 100, height: 300 }, 500, 0, 900)).toBeNull();
  });

  it('scrolls a chart below or above the band to 72 px under the band\'s top (its legend in view), 12 px when the band is tight', () => {
    expect(scrollFor({ top: 1500, height: 300 }, 400, 0, 900)).toBe(400 + 1500 - 72);
    expect(scrollFor({ top: -200, height: 300 }, 1000, 0, 900)).toBe(1000 - 200 - 72);
    // Above a bottom sheet: the band ends where the sheet starts.
    expect(scrollFor({ top: 600, height: 400 }, 0, 0, 500)).toBe(588);
    expect(scrollFor({ top: 600, height: 490 }, 0, 0, 500)).toBe(595);
  });

  it('starts a chart taller than the band at the band\'s top, and never scrolls above the page', () => {
    expect(scrollFor({ top: 1000, height: 1200 }, 0, 0, 900)).toBe(1000);
    expect(scrollFor({ top: -50, height: 300 }, 20, 0, 900)).toBe(0);
  });

  it('scrolls on until a sticky card near the top of the page sticks, when the chart stays in view', () => {
    // The card starts at 207 and runs to 1,091: 199 px more and it sticks at 8, all of it in view.
    const card = { top: 207, bottom: 1091, stickyTop: 8 };
    expect(scrollForBoth({ top: 557, height: 221 }, 0, 0, 900, card)).toBe(199);
    // A chart that would leave the view is not given up for the card.
    expect(scrollForBoth({ top: 60, height: 300 }, 0, 0, 900, card)).toBeNull();
    // A stuck card needs nothing.
    expect(scrollForBoth({ top: 557, height: 221 }, 300, 0, 900, { top: 8, bottom: 892, stickyTop: 8 })).toBeNull();
  });
});
