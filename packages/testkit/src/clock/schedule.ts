// Time in a test's own code: wait a while, or do something at a given moment,
// on whichever timers are installed (the virtual clock's, under useVirtualClock).
import { watch, type Watched } from "../promise/watch.ts";

/** Resolves after `ms` (virtual ms under the virtual clock): pretend work in a test's callback. */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `action` at `ms` from now, as another part of the program would (a
 * producer puts an item at 300 ms, a caller aborts at 100 ms), and follows
 * what it returns: the result says how and when it settled, and a rejection
 * is handled, so a test that checks it (or checks its effect) sees it once.
 * A `clock.settle` running meanwhile reaches it, as it reaches any timer.
 */
export function at<T>(ms: number, action: () => T | PromiseLike<T>): Watched<Awaited<T>> {
  const { promise, resolve, reject } = Promise.withResolvers<Awaited<T>>();
  setTimeout(() => {
    try {
      resolve(action() as Awaited<T> | PromiseLike<Awaited<T>>);
    } catch (error) {
      reject(error);
    }
  }, ms);
  return watch(promise);
}
