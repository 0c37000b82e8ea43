/** Stochastic gradient descent, plain or with heavy-ball momentum. */

/** One trainable tensor: its values, its gradient, and its momentum buffer (lazily used). */
export interface Trainable {
  /** Parameter name, e.g. `dense0.weight`. */
  name: string;
  /** The live parameter values. */
  value: Float32Array;
  /** dL/dvalue of the last backward pass; same length. */
  gradient: Float32Array;
  /** Velocity v of heavy-ball momentum; same length, zero until momentum is first used. */
  velocity: Float32Array;
}

/**
 * Updates every trainable: with momentum mu = 0 exactly w -= eta * g; otherwise
 * v = mu * v + g, w -= eta * v.
 */
export function sgdUpdate(trainables: readonly Trainable[], learningRate: number, momentum: number): void {
  for (const { value, gradient, velocity } of trainables) {
    const count = value.length;
    if (momentum === 0) {
      for (let i = 0; i < count; i++) value[i] -= learningRate * gradient[i];
    } else {
      for (let i = 0; i < count; i++) {
        const v = momentum * velocity[i] + gradient[i];
        velocity[i] = v;
        value[i] -= learningRate * v;
      }
    }
  }
}
