import { now } from "./clock/now.ts";
/** Counts how often the event loop got to run a timer while other code was working. */
export interface Heartbeat {
  /** How many times it has beaten so far. */
  readonly ticks: number;
  /** When each beat happened (ms on the clock in use: virtual under the virtual clock). */
  readonly times: readonly number[];
  stop(): void;
}

/**
 * Starts a heartbeat: with `everyMs`, a `setInterval` of that period; without,
 * one beat per turn of the event loop (a `setImmediate` that re-arms itself).
 * Code that blocks the loop (a long synchronous loop, or one that only "yields"
 * to microtasks) leaves it at 0 ticks; code that yields to the loop lets it beat.
 * It uses whatever timers are installed when it starts: virtual or real.
 */
export function startHeartbeat(everyMs?: number): Heartbeat {
  const times: number[] = [];
  const beat = () => times.push(now());
  let stopped = false;
  let stop: () => void;
  if (everyMs !== undefined) {
    const id = setInterval(beat, everyMs);
    stop = () => clearInterval(id);
  } else {
    let id = setImmediate(function turn() {
      beat();
      if (!stopped) id = setImmediate(turn);
    });
    stop = () => clearImmediate(id);
  }
  return {
    get ticks() {
      return times.length;
    },
    times,
    stop() {
      stopped = true;
      stop();
    },
  };
}
