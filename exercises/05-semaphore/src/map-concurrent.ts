/**
 * Calls `fn(item, index)` for every item, with at most `options.concurrency`
 * calls in flight at once, and resolves with the results in input order.
 *
 * - A new call starts as soon as one finishes (a pool, not batch by batch), so
 *   while items remain there are always exactly `concurrency` calls in flight.
 * - The first call that rejects rejects the whole call with that error; no new
 *   item is started after it.
 * - If `options.signal` aborts, rejects with `signal.reason`; no new item is
 *   started after it. A signal already aborted rejects at once.
 * - `concurrency` must be a positive integer, or the call rejects with a `RangeError`.
 */
export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<R>,
  options: { concurrency: number; signal?: AbortSignal },
): Promise<R[]> {
  // TODO: keep `concurrency` calls running; start the next item whenever one finishes.
  throw new Error("TODO: implement mapConcurrent in src/map-concurrent.ts");
}
