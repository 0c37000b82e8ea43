/**
 * Where store actions send worker commands. The bridge (connectWorker) plugs the worker
 * client in; with nothing plugged in, commands are dropped (tests, or before start-up).
 */
import type { Command } from '../worker/protocol.ts';

let sink: ((command: Command) => void) | null = null;

/** Send `command` to the connected worker, if any. */
export function sendCommand(command: Command): void {
  sink?.(command);
}

/** Plug in (or, with null, unplug) the function that delivers commands; returns the previous one. */
export function setCommandSink(next: ((command: Command) => void) | null): ((command: Command) => void) | null {
  const previous = sink;
  sink = next;
  return previous;
}
