/** Saturation per layer over time for every network (fraction of sigmoid/tanh inputs with |x| > 4). (Stub: being built.) */
export function SaturationPanel() {
  return null;
}
