/**
 * Train a paired experiment headless and collect one Run per network (DESIGN.md "Headless CLI"):
 * the loop behind `npm run experiment` and the presets' claims check.
 */
import type { Dataset } from '../data/types.ts';
import { emptyRun, recordFrame } from './run.ts';
import { createSession } from './session.ts';
import type { ExperimentConfig } from './settings.ts';
import type { NetworkId, Run } from './types.ts';
import { variantsByIds } from './variants.ts';

/**
 * Train `steps` steps of `config` on `data` with the networks `networks`, in lockstep; `onProgress`
 * after each evaluation. Evaluation points fall on the multiples of evalEvery and on the last step
 * (steps 1000, evalEvery 300: 300, 600, 900, 1000; steps 100: 100), so the final figures are the
 * trained network's. Returns the Runs, keyed by network, and the steps taken.
 */
export function trainRuns(
  config: ExperimentConfig, steps: number, data: Dataset, networks: readonly NetworkId[], onProgress?: (step: number) => void,
): { runs: Record<NetworkId, Run>; networks: NetworkId[]; steps: number } {
  const variants = variantsByIds(networks);
  const ids = variants.map((variant) => variant.id);
  const session = createSession(config, data, { variants });
  const runs = Object.fromEntries(ids.map((id) => [id, emptyRun()])) as Record<NetworkId, Run>;
  const record = (): void => {
    const snapshot = session.snapshot(0);
    for (const id of ids) recordFrame(runs[id], snapshot, id);
  };
  record();
  while (session.step < steps && !session.allDiverged) {
    session.advance(Math.min(config.evalEvery - (session.step % config.evalEvery), steps - session.step));
    // The session evaluates once evalEvery steps have passed since its last test; the last step
    // may come sooner. Evaluating is read-only: it changes no weight, batch or later figure.
    if (session.step >= steps) session.applyLive({ evalEvery: 1 });
    record();
    onProgress?.(session.step);
  }
  return { runs, networks: ids, steps: session.step };
}
