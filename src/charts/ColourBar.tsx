/**
 * The heatmaps' colour key, on screen beside them: the density ramp of the current theme as a bar,
 * marked at shares of the column's fullest bin where the exponent (chart.densityGamma) puts them,
 * and an empty box for bins with no values (not painted: the background shows).
 */
import { useId } from 'react';
import { chart, densityMeaning, densityStops, densityStopsDark, typography } from '../theme.ts';
import { useDarkTheme } from '../themeMode.ts';

/** Shares of the fullest bin marked on the bar. */
export const COLOUR_BAR_SHARES = [0.01, 0.1, 0.25, 1] as const;

/** Where on a bar of `width` px the colour of `share` sits: share^gamma of the way along. */
export function colourBarX(share: number, width: number, gamma: number = chart.densityGamma): number {
  return Math.pow(Math.max(0, Math.min(1, share)), gamma) * width;
}

const BAR_WIDTH = 200;
const BAR_HEIGHT = 10;
const EMPTY_BOX = 14;

/** The colour bar with its meaning in words. */
export function ColourBar() {
  const dark = useDarkTheme();
  const stops = dark ? densityStopsDark : densityStops;
  const gradientId = `density-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const left = EMPTY_BOX + 44;
  const width = left + BAR_WIDTH + 12;
  return (
    <figure className="colour-bar" data-testid="colour-bar">
      <svg width={width} height={30} role="img" fontSize={typography.chartFontPx}
        aria-label={`Heatmap colour: ${densityMeaning}, from pale (few values) to ${dark ? 'bright' : 'dark'} (the fullest bin); no colour where a bin is empty`}>
        <defs>
          <linearGradient id={gradientId}>
            {stops.map((c, i) => <stop key={c} offset={i / (stops.length - 1)} stopColor={c} />)}
          </linearGradient>
        </defs>
        <rect className="colour-bar-empty" x={0.5} y={0.5} width={EMPTY_BOX} height={BAR_HEIGHT} />
        <text className="colour-bar-label" x={EMPTY_BOX + 4} y={BAR_HEIGHT - 1}>none</text>
        <rect x={left} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} fill={`url(#${gradientId})`} />
        {COLOUR_BAR_SHARES.map((share) => {
          const x = left + colourBarX(share, BAR_WIDTH);
          return (
            <g key={share}>
              <line x1={x} x2={x} y1={BAR_HEIGHT} y2={BAR_HEIGHT + 3} className="colour-bar-tick" />
              <text className="colour-bar-label" x={x} y={BAR_HEIGHT + 14} textAnchor={share === 1 ? 'end' : 'middle'}>{`${share * 100}%`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{`Colour: ${densityMeaning} (${chart.densityGamma === 0.5 ? 'square-root' : `power ${chart.densityGamma}`} scale)`}</figcaption>
    </figure>
  );
}
