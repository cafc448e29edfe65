// Following a promise without awaiting it: a test that checks code step by
// step (three callers wait on a semaphore, one is let in) reads how each
// promise stands at any moment, and a rejection is handled from the start, so
// it never counts as unhandled while the test awaits something else.
import { now } from "../clock/now.ts";
import type { Settled } from "../clock/virtual-clock.ts";

/** A promise followed from the moment `watch` was called. */
export interface Watched<T> {
  /**
   * How it stands now, in the shape of a `clock.settle` outcome: "pending" at
   * the current time until it settles, then how and when (virtual ms) it did.
   */
  readonly outcome: Settled<T>;
  /** Resolves (never rejects) with the outcome once the promise settles: `await clock.settle(watched.done)`. */
  readonly done: Promise<Settled<T>>;
}

/**
 * Follows `promise` at once without awaiting it. `onSettled` runs when it
 * settles, in the same turn (e.g. to record in which order waiters got in).
 */
export function watch<T>(promise: PromiseLike<T>, onSettled?: (outcome: Settled<T>) => void): Watched<T> {
  let settled: Settled<T> | undefined;
  const record = (outcome: Settled<T>) => {
    settled = outcome;
    onSettled?.(outcome);
    return outcome;
  };
  const done = Promise.resolve(promise).then(
    (value) => record({ status: "fulfilled", value, at: now() }),
    (reason: unknown) => record({ status: "rejected", reason, at: now() }),
  );
  return {
    get outcome() {
      return settled ?? { status: "pending", at: now() };
    },
    done,
  };
}
