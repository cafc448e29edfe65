// Waiting for a promise on real time, for the tests that cannot use the
// virtual clock (worker threads run for real): a generous limit turns a hang
// into a readable failure, in the same outcome shape as `clock.settle`.
import { watch } from "../promise/watch.ts";
import type { Settled } from "./virtual-clock.ts";

// Captured when the kit loads, before any test fakes them: the limit must run on real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realNow = performance.now.bind(performance);

/**
 * Waits (real time, at most `limitMs`) for `promise` to settle. The outcome's
 * `at` is in real ms since the call (never assert on it: it is for messages);
 * "pending" says `gaveUp: "after 5000 ms of real time"`. `onSettled` runs in
 * the first reaction to the promise, before any other code can run (e.g. to
 * count the threads still alive at that very moment).
 */
export async function settleInRealTime<T>(promise: PromiseLike<T>, limitMs: number, onSettled?: (outcome: Settled<T>) => void): Promise<Settled<T>> {
  const started = realNow();
  const elapsed = () => Math.round(realNow() - started);
  let settled: Settled<T> | undefined;
  const { done } = watch(promise, (outcome) => {
    settled = { ...outcome, at: elapsed() };
    onSettled?.(settled);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<"limit">((resolve) => {
    timer = realSetTimeout(() => resolve("limit"), limitMs);
  });
  try {
    const first = await Promise.race([done.then(() => settled!), limit]);
    return first === "limit" ? { status: "pending", at: elapsed(), gaveUp: `after ${limitMs} ms of real time` } : first;
  } finally {
    realClearTimeout(timer);
  }
}
