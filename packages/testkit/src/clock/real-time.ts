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
 * count the threads still alive at that very moment). `giveUp`, when it
 * resolves first, ends the wait before the limit: it resolves with why the
 * promise can no longer settle, which the pending outcome's `gaveUp` says.
 */
export async function settleInRealTime<T>(
  promise: PromiseLike<T>,
  limitMs: number,
  onSettled?: (outcome: Settled<T>) => void,
  giveUp?: PromiseLike<string>,
): Promise<Settled<T>> {
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
    const gaveUp = giveUp ? Promise.resolve(giveUp).then((why) => ({ why })) : new Promise<never>(() => {});
    const first = await Promise.race([done.then(() => settled!), limit, gaveUp]);
    if (first === "limit") return { status: "pending", at: elapsed(), gaveUp: `after ${limitMs} ms of real time` };
    return "why" in first ? { status: "pending", at: elapsed(), gaveUp: first.why } : first;
  } finally {
    realClearTimeout(timer);
  }
}
