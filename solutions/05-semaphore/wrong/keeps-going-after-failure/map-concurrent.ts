// Wrong: a pool of workers, but a worker whose call fails just stops itself.
// Promise.all rejects with the first failure, as it should, yet the other
// workers never hear of it and keep taking new items: work nobody will use.
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
  const source = items[Symbol.iterator]();
  const results: R[] = [];
  let taken = 0;

  async function worker(): Promise<void> {
    while (!signal?.aborted) {
      const next = source.next();
      if (next.done) return;
      const index = taken++;
      results[index] = await fn(next.value, index);
    }
  }

  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  const workers = Array.from({ length: concurrency }, () => worker());
  await Promise.race([Promise.all(workers), aborted]);
  return results;
}
