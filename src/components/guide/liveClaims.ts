/** The live run's figures as the tour's claims read them (src/experiment/claims.ts over the store's history). */
import type { ClaimSeries } from '../../experiment/claims.ts';
import { configForPreset } from '../../experiment/presets.ts';
import { SETTINGS } from '../../experiment/settings.ts';
import type { ExperimentConfig } from '../../experiment/settings.ts';
import type { NetworkId } from '../../experiment/types.ts';
import { claimSeriesOfHistory } from '../../store/claimSeries.ts';
import type { ExperimentState } from '../../store/index.ts';

/** `network`'s series in the store's history, or undefined when the run has no such network (yet). */
export function liveSeries(s: ExperimentState): (id: NetworkId) => ClaimSeries | undefined {
  return (id) => {
    const network = s.history?.networks.find((n) => n.id === id);
    return network ? claimSeriesOfHistory(network) : undefined;
  };
}

/** The latest step the run on screen has reached (the slowest network's), 0 before any snapshot. */
export function reachedStep(s: ExperimentState): number {
  const networks = s.history?.networks ?? [];
  if (networks.length === 0) return 0;
  return networks.reduce((slowest, n) => Math.min(slowest, Math.max(n.steps.at(-1) ?? 0, n.testSteps.at(-1) ?? 0)), Number.POSITIVE_INFINITY);
}

/** Labels of the settings `config` changed from preset `presetId` (not the seed: claims hold on any seed; not view-only settings). */
export function changedFromPreset(config: ExperimentConfig, presetId: string): string[] {
  const preset = configForPreset(presetId);
  return SETTINGS.filter((s) => s.key !== 'seed' && s.key !== 'maxSteps' && s.effect !== 'view' && config[s.key] !== preset[s.key]).map((s) => s.label);
}
