// Another right way: the seed's pattern, every item wrapped in the semaphore
// and all of them awaited together. Queued items are held back by passing a
// signal that a failure (or the caller) aborts, which empties the line.
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
    semaphore.withPermit(
      async () => {
        try {
          return await fn(item, index);
        } catch (error) {
          // Empty the line while this call still holds its permit: once
          // withPermit's finally has released it, the next item is already let in.
          failure.abort(error);
          throw error;
        }
      },
      { signal: stop },
    ),
  );
  return Promise.all(calls);
}
