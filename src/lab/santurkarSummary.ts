/**
 * One-line figures of the Santurkar et al. lab results (medians over the measurement steps), for
 * the views' tables, the CLI report and the README. Nulls (diverged networks) are skipped.
 */
import type { NetworkId } from '../experiment/types.ts';
import type { GradientIcsResult } from './gradientIcs.ts';
import type { SmoothnessResult } from './smoothness.ts';

/** The median of the finite values, or null when there is none. */
export function median(values: readonly (number | null)[]): number | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** Medians of one network's gradient ICS at one layer. */
export interface GradientIcsSummary {
  id: NetworkId;
  /** median ||G - G'||_2. */
  distance: number | null;
  /** median ||G - G'|| / ||G||, which compares networks whose gradients differ in scale. */
  relativeDistance: number | null;
  /** median cos(G, G'). */
  cosine: number | null;
  divergedAt: number | null;
}

/** Per network, the medians at dense layer `layerIdx` (default the last, the output layer). */
export function summarizeGradientIcs(result: GradientIcsResult, layerIdx?: number): GradientIcsSummary[] {
  return result.networks.map((network) => {
    const layer = network.layers[layerIdx ?? network.layers.length - 1];
    const relative = layer.distance.map((d, i) => {
      const g = layer.gradientNorm[i];
      return d !== null && g !== null && g > 0 ? d / g : null;
    });
    return { id: network.id, distance: median(layer.distance), relativeDistance: median(relative), cosine: median(layer.cosine), divergedAt: network.divergedAt };
  });
}

/** Medians of one network's landscape figures. */
export interface SmoothnessSummary {
  id: NetworkId;
  /** median of lossMax - lossMin (the loss band's width). */
  lossBand: number | null;
  /** median of the largest gradient change ||g - grad L(theta - eta g)||. */
  gradientChange: number | null;
  /** median effective beta-smoothness. */
  beta: number | null;
  /** largest effective beta-smoothness over the run. */
  maxBeta: number | null;
  divergedAt: number | null;
}

/** Per network, the medians of the loss band width, the gradient change and beta. */
export function summarizeSmoothness(result: SmoothnessResult): SmoothnessSummary[] {
  return result.networks.map((network) => {
    const band = network.points.map((p) => (p.lossMin !== null && p.lossMax !== null ? p.lossMax - p.lossMin : null));
    const betas = network.points.map((p) => p.beta).filter((b): b is number => b !== null);
    return {
      id: network.id,
      lossBand: median(band),
      gradientChange: median(network.points.map((p) => p.gradientChangeMax)),
      beta: median(betas),
      maxBeta: betas.length > 0 ? betas.reduce((a, b) => Math.max(a, b)) : null,
      divergedAt: network.divergedAt,
    };
  });
}
