// Right too: the deadline as a promise from `node:timers/promises`, cancelled
// through a signal of our own once the call is over; the caller's listener is
// tied to that same signal, so one abort() cleans up both.
import { setTimeout as sleep } from "node:timers/promises";
import { TimeoutError } from "./errors.ts";

/**
 * Runs `task` with a deadline: the `asyncio.wait_for(aw, timeout)` of this course.
 * (Same contract as the reference; only the way the deadline is kept differs.)
 */
export async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, options: { signal?: AbortSignal } = {}): Promise<T> {
  if (Number.isNaN(ms) || ms < 0) throw new RangeError(`withTimeout: ms must be a non-negative number, got ${ms}`);
  const { signal } = options;
  signal?.throwIfAborted();

  const controller = new AbortController(); // the task's
  const done = new AbortController(); // ours: aborted once the call is over
  const deadline = sleep(ms, undefined, { signal: done.signal }).then(() => {
    const error = new TimeoutError(`timed out after ${ms}ms`);
    controller.abort(error);
    throw error;
  });
  const cancelled = new Promise<never>((_, reject) => {
    // `{ signal }` removes this listener when `done` aborts, however the call ended.
    signal?.addEventListener(
      "abort",
      () => {
        controller.abort(signal.reason);
        reject(signal.reason);
      },
      { once: true, signal: done.signal },
    );
  });
  // An async wrapper turns a task that throws synchronously into a rejection.
  const work = (async () => task(controller.signal))();
  try {
    return await Promise.race([work, deadline, cancelled]);
  } finally {
    // Clears the timer (the deadline then rejects with an AbortError that the race already handles).
    done.abort();
  }
}
