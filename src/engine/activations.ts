/** The hidden nonlinearities and their derivatives, applied element-wise in place. */
import type { Activation } from './types.ts';

/** a = f(u) for `count` values: `output` may alias `input`. */
export function activationForward(activation: Activation, input: Float32Array, output: Float32Array, count: number): void {
  switch (activation) {
    case 'sigmoid':
      for (let i = 0; i < count; i++) output[i] = 1 / (1 + Math.exp(-input[i]));
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) output[i] = Math.tanh(input[i]);
      return;
    case 'relu':
      for (let i = 0; i < count; i++) output[i] = input[i] > 0 ? input[i] : 0;
      return;
    case 'linear':
      if (output !== input) output.set(input.subarray(0, count));
      return;
  }
}

/**
 * dL/du = dL/da * f'(u), in place on `delta` (dL/da on entry). Uses the output `a`
 * (sigmoid: a(1-a), tanh: 1-a^2) or the input `u` (relu: u > 0).
 */
export function activationBackward(
  activation: Activation,
  input: Float32Array,
  output: Float32Array,
  delta: Float32Array,
  count: number,
): void {
  switch (activation) {
    case 'sigmoid':
      for (let i = 0; i < count; i++) delta[i] *= output[i] * (1 - output[i]);
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) delta[i] *= 1 - output[i] * output[i];
      return;
    case 'relu':
      for (let i = 0; i < count; i++) if (!(input[i] > 0)) delta[i] = 0;
      return;
    case 'linear':
      return;
  }
}
