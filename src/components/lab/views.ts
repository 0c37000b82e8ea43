/**
 * How each lab job's result is drawn: job id -> a lazily loaded view component, so a job's
 * chart code loads only when its result is shown. Each view lives in its own file under ./views/.
 */
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { ExperimentConfig } from '../../experiment/settings.ts';

/** What every lab result view receives. */
export interface LabViewProps {
  /** The job's result (its own R type; the view casts). */
  result: unknown;
  /** The params it ran with. */
  params: unknown;
  /** The base experiment config it ran on. */
  config: ExperimentConfig;
}

/** Job id -> view. */
export const LAB_VIEWS: Readonly<Record<string, LazyExoticComponent<ComponentType<LabViewProps>>>> = {
  'lr-sweep': lazy(() => import('./views/SweepView.tsx').then((m) => ({ default: m.SweepView }))),
  'init-sweep': lazy(() => import('./views/SweepView.tsx').then((m) => ({ default: m.SweepView }))),
  'gradient-ics': lazy(() => import('./views/GradientIcsView.tsx')),
  smoothness: lazy(() => import('./views/SmoothnessView.tsx')),
  'scale-invariance': lazy(() => import('./views/ScaleInvarianceView.tsx')),
  inference: lazy(() => import('./views/InferenceView.tsx')),
  'population-stats': lazy(() => import('./views/PopulationStatsView.tsx')),
  regularization: lazy(() => import('./views/RegularizationView.tsx')),
  'weight-decay': lazy(() => import('./views/WeightDecayView.tsx')),
};
