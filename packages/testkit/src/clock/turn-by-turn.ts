// A fair way to run the virtual event loop, one turn at a time, for code that
// takes turns with other code (a chunked computation beside a heartbeat).
import { vi } from "vitest";
import { now } from "./now.ts";
import { watch } from "../promise/watch.ts";
import type { Settled } from "./virtual-clock.ts";

export interface TurnByTurnOptions {
  /** How many turns of the event loop (1 virtual ms each) to run before giving up and reporting "pending". Default 500. */
  maxTurns?: number;
}

/**
 * Runs the virtual clock 1 ms at a time until `promise` settles or `maxTurns`
 * pass. Why not jump from timer to timer, as `settle` does: there a callback
 * queued by a promise continuation lands on the current millisecond while one
 * re-armed inside a timer callback lands on the next, so code that yields with
 * `setImmediate` starves a `setImmediate` heartbeat (one beat in ten yields).
 * One millisecond at a time, everything queued during a turn waits for the
 * next turn, as in Node's own loop, whichever macrotask the code yields with.
 */
export async function runTurnByTurn<T>(promise: PromiseLike<T>, options: TurnByTurnOptions = {}): Promise<Settled<T>> {
  const maxTurns = options.maxTurns ?? 500;
  const watched = watch(promise);
  for (let turns = 0; turns < maxTurns; turns++) {
    if (watched.outcome.status !== "pending") return watched.outcome;
    await vi.advanceTimersByTimeAsync(1);
  }
  if (watched.outcome.status !== "pending") return watched.outcome;
  return { status: "pending", at: now(), gaveUp: `after ${maxTurns} turns of the event loop` };
}
