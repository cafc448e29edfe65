// Wrong: each result is pushed when its call finishes, so the results come
// back in the order the calls completed, not in the order of the items.
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
          exhausted = true;
          return;
        }
        results.push(await fn(next.value, taken++));
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
  const workers: Promise<void>[] = [];
  for (let i = 0; i < concurrency && !exhausted; i++) workers.push(worker());

  // fn gets no signal, so the calls in flight cannot be cancelled; but the
  // caller who aborts should not have to wait for them.
  const { promise: aborted, reject } = Promise.withResolvers<never>();
  const onAbort = () => {
    stopped = true;
    reject(signal?.reason);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // Promise.all rejects with the first failure; the race adds the abort.
    await Promise.race([Promise.all(workers), aborted]);
    return results;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
