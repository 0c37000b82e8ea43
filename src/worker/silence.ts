/**
 * The pool's watch for workers that stop without a word: a worker that closed itself or was
 * killed sends no 'error' event, and the page would show "running" (or "loading") forever. A worker
 * that is training (it reports at least every 100 ms), loading its data (it says so every 2 s, however
 * slow the download: ./handler.ts) or owes an answer to a command, and sends nothing
 * for `silenceMs` and over QUIET_CHECKS checks in a row, is taken for stopped. Counting checks,
 * not only time, keeps a page that was frozen (its timers and messages delayed alike) from
 * misreading its workers when it wakes: the messages queued meanwhile land between two checks.
 */
import type { RunState } from './protocol.ts';

/** Checks of silence in a row before a quiet worker counts as stopped. */
export const QUIET_CHECKS = 4;

/** What the watch keeps per worker (fields of the pool's member). */
export interface Watched {
  state: RunState;
  /** A command went out and no event has come back since. */
  awaiting: boolean;
  /** Silence checks passed since the worker's last event. */
  quietChecks: number;
  /** When its last event came, or when it first owed one. */
  heardAt: number;
}

/** What the watch needs. */
export interface SilenceDeps {
  /** 0 or less: no watch. */
  silenceMs: number;
  now(): number;
  setTimer(task: () => void, ms: number): void;
  /** The workers now. */
  members(): readonly Watched[];
  /** True when the pool has stopped (crashed): no checks then. */
  stopped(): boolean;
  /** A worker fell silent: `message` says so. */
  onSilent(message: string): void;
  /** What the message calls the worker (default 'training worker'). */
  name?: string;
}

/** The watch's hooks, called by the pool. */
export interface SilenceWatch {
  /** `member` sent an event. */
  heard(member: Watched): void;
  /** A command went to `member`. */
  sent(member: Watched): void;
  /** Start checking if some worker owes news (after a state change). */
  watch(): void;
}

/** A fresh worker's watch fields. */
export function unwatched(now: number): Pick<Watched, 'awaiting' | 'quietChecks' | 'heardAt'> {
  return { awaiting: false, quietChecks: 0, heardAt: now };
}

/** A silence watch over `deps.members()`. */
export function createSilenceWatch(deps: SilenceDeps): SilenceWatch {
  let armed = false;
  // A loading worker says so every LOADING_HEARTBEAT_MS (./handler.ts), however slow its download, so it is watched like a
  // training one: one that never starts or hangs while loading is reported. Not after an error (a pause is not answered then).
  const owesNews = (member: Watched): boolean => member.state === 'running' || member.state === 'loading' || (member.awaiting && member.state !== 'error');

  const check = (): void => {
    armed = false;
    if (deps.stopped()) return;
    const quiet = deps.members().find((m) => owesNews(m) && ++m.quietChecks >= QUIET_CHECKS && deps.now() - m.heardAt >= deps.silenceMs);
    if (quiet) return deps.onSilent(`The ${deps.name ?? 'training worker'} stopped: it sent nothing for ${Math.round(deps.silenceMs / 1000)} s`);
    watch();
  };

  function watch(): void {
    if (deps.silenceMs <= 0 || armed || deps.stopped() || !deps.members().some(owesNews)) return;
    armed = true;
    deps.setTimer(check, deps.silenceMs / QUIET_CHECKS);
  }

  return {
    heard(member) {
      member.awaiting = false;
      member.quietChecks = 0;
      member.heardAt = deps.now();
    },
    sent(member) {
      if (!member.awaiting) {
        member.awaiting = true;
        member.quietChecks = 0;
        member.heardAt = deps.now();
      }
      watch();
    },
    watch,
  };
}
