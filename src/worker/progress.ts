/**
 * The pool's workers' progress, merged and paced. Merged: the one step and run state the page
 * shows for all of them. Paced: networks trained in different workers stay within a lead of the
 * slowest one still training, so their curves reach each step together (three networks on two
 * cores included); each worker gets a step 'ceiling' it does not pass while running, raised as
 * the slowest moves. Pure: computed from what the pool knows of its workers.
 */
import type { ExperimentConfig } from '../experiment/settings.ts';
import type { RunState } from './protocol.ts';

/** What pacing reads and keeps per worker (fields of the pool's member). */
export interface Paced {
  state: RunState;
  /** Step of the worker's networks in the current run. */
  step: number;
  /** Every network of the worker has diverged: it no longer steps. */
  diverged: boolean;
  /** The worker's 'ready' belongs to the pool's current run. */
  merged: boolean;
  /** The last ceiling sent in this run (undefined: none yet; null: no limit). */
  ceiling: number | null | undefined;
}

/** The merged step: the slowest worker still training (the furthest when every one diverged). */
export function mergedStep(members: readonly Pick<Paced, 'step' | 'diverged'>[]): number {
  const active = members.filter((m) => !m.diverged);
  const steps = (active.length > 0 ? active : members).map((m) => m.step);
  if (steps.length === 0) return 0;
  return active.length > 0 ? Math.min(...steps) : Math.max(...steps);
}

/** The merged run state: an error or a load anywhere shows; running while any runs; finished when all are finished or diverged. */
export function mergedState(members: readonly Pick<Paced, 'state' | 'diverged'>[]): RunState {
  const states = members.map((m) => m.state);
  if (states.includes('error')) return 'error';
  if (states.includes('loading')) return 'loading';
  if (states.includes('running')) return 'running';
  const done = members.every((m) => m.state === 'finished' || m.diverged);
  return done && states.includes('finished') ? 'finished' : 'paused';
}

/**
 * How far (in steps) a worker may run ahead of the slowest network still training: two test
 * evaluations, at least 100 steps. The twins' curves then end at the same place on screen.
 */
export function paceLead(config: Pick<ExperimentConfig, 'evalEvery'> | null): number {
  return Math.max(100, 2 * (config?.evalEvery ?? 50));
}

/**
 * The ceilings to send now, one per worker that needs a new one: slowest step + `lead` for every
 * worker still training, raised by half a lead at a time while the slowest runs (so messages stay
 * few) and exactly once it stops (so a 'step N' never waits on a ceiling); null (no limit) when
 * only one worker still trains. Nothing until every worker is in the current run: until then
 * each worker holds at the first ceiling by itself (the init's `paced`, see ./handler.ts).
 */
export function ceilingsToSend<M extends Paced>(members: readonly M[], lead: number): { member: M; ceiling: number | null }[] {
  if (members.length < 2 || members.some((m) => !m.merged)) return [];
  const active = members.filter((m) => !m.diverged && m.state !== 'error');
  const slowest = active.length > 0 ? Math.min(...active.map((m) => m.step)) : 0;
  const slowestRunning = active.filter((m) => m.step === slowest).every((m) => m.state === 'running');
  const ceiling = active.length > 1 ? slowest + lead : null;
  return active
    .filter((m) => (ceiling === null
      ? m.ceiling !== null
      : m.ceiling === undefined || (m.ceiling !== null && ceiling > m.ceiling && (ceiling >= m.ceiling + lead / 2 || !slowestRunning))))
    .map((member) => ({ member, ceiling }));
}

/**
 * After a pause, what brings every worker still training to one step: 'wait' while one still runs
 * or loads; null when there is nothing (left) to do (fewer than two workers, one not in the run,
 * all at one step, or the catching-up steps already sent to `target` and everyone stopped again);
 * else the furthest step and the steps each worker behind it must take.
 */
export function alignPaused<M extends Pick<Paced, 'state' | 'step' | 'diverged' | 'merged'>>(
  members: readonly M[], target: number | null,
): 'wait' | null | { target: number; steps: { member: M; count: number }[] } {
  const active = members.filter((m) => !m.diverged && m.state !== 'error');
  if (active.length < 2 || active.some((m) => !m.merged)) return null;
  if (active.some((m) => m.state === 'running' || m.state === 'loading')) return 'wait';
  if (target !== null) return null;
  let furthest = 0;
  for (const m of active) furthest = Math.max(furthest, m.step);
  const steps = active.filter((m) => m.step < furthest).map((member) => ({ member, count: furthest - member.step }));
  return steps.length > 0 ? { target: furthest, steps } : null;
}
