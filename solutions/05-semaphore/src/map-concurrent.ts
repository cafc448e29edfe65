export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<R>,
  options: { concurrency: number; signal?: AbortSignal },
): Promise<R[]> {
  const { concurrency, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`mapConcurrent: concurrency must be a positive integer, got ${concurrency}`);
  }
  signal?.throwIfAborted();

  // One shared iterator, pulled only when a worker is free: items are taken
  // lazily and in input order, whichever worker takes them.
  const source = items[Symbol.iterator]();
  const results: R[] = [];
  let taken = 0;
  let exhausted = false;
  // Set by the first failure or by the abort; each worker checks it before
  // taking another item, which is what "starts no new item" means.
  let stopped = false;

  async function worker(): Promise<void> {
    try {
      while (!stopped) {
        const next = source.next();
        if (next.done) {
          // Stryker disable next-line BooleanLiteral: only saves idle workers; one created anyway calls next() on the finished iterator, which answers done again, and returns without calling fn
          exhausted = true;
          return;
        }
        const index = taken++;
        results[index] = await fn(next.value, index);
      }
    } catch (error) {
      stopped = true;
      throw error;
    }
  }

  // A pool, not batches: each worker starts its next item the moment its
  // previous one settles, so `concurrency` calls stay in flight while items
  // remain. A worker runs synchronously up to its first await, so `exhausted`
  // is up to date after each start and no idle worker is created.
  // Stryker disable next-line ArrayDeclaration: a non-promise in Promise.all's list counts as fulfilled at once; the workers' promises decide
  const workers: Promise<void>[] = [];
  for (let i = 0; i < concurrency && !exhausted; i++) workers.push(worker());

  // fn gets no signal, so the calls in flight cannot be cancelled; but the
  // caller who aborts should not have to wait for them.
  const { promise: aborted, reject } = Promise.withResolvers<never>();
  const onAbort = () => {
    stopped = true;
    // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
    reject(signal?.reason);
  };
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once, and the finally below removes the listener however the call ends
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // Promise.all rejects with the first failure; the race adds the abort.
    await Promise.race([Promise.all(workers), aborted]);
    return results;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
