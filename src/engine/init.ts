/** Initial weights of the dense layers (section 4.1: "small random Gaussian values"). */
import type { InitConfig } from './types.ts';
import type { Rng } from './rng.ts';

/** Default std of the 'gaussian' scheme. */
export const DEFAULT_INIT_STD = 0.1;

/** Standard deviation of one dense layer's weights under `init`, before `scale`. */
export function initStd(init: InitConfig, fanIn: number, fanOut: number): number {
  switch (init.scheme) {
    case 'gaussian':
      return init.std ?? DEFAULT_INIT_STD;
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
      return Math.sqrt(2 / fanIn);
  }
}

/**
 * Fills `weight` ([fanIn x fanOut] row-major) with N(0, std^2) * scale, drawing exactly
 * fanIn * fanOut normals from `rng` in row-major order.
 */
export function fillInitialWeights(weight: Float32Array, fanIn: number, fanOut: number, init: InitConfig, rng: Rng): void {
  const std = initStd(init, fanIn, fanOut) * (init.scale ?? 1);
  for (let i = 0; i < fanIn * fanOut; i++) weight[i] = rng.normal() * std;
}
