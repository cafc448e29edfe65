// Wrong: built on the semaphore, but the first failure empties the line only
// after withPermit has settled, and by then its finally has already handed the
// permit to the next item in line: that item starts after the failure.
import { setMaxListeners } from "node:events";
import { Semaphore } from "./semaphore.ts";

export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<R>,
  options: { concurrency: number; signal?: AbortSignal },
): Promise<R[]> {
  const { concurrency, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`mapConcurrent: concurrency must be a positive integer, got ${concurrency}`);
  }
  const semaphore = new Semaphore(concurrency);
  const failure = new AbortController();
  const stop = signal ? AbortSignal.any([signal, failure.signal]) : failure.signal;
  // Every queued item listens to the one signal: many listeners are expected here.
  setMaxListeners(0, stop);
  const calls = Array.from(items, (item, index) =>
    semaphore.withPermit(() => fn(item, index), { signal: stop }).catch((error: unknown) => {
      failure.abort(error);
      throw error;
    }),
  );
  return Promise.all(calls);
}
