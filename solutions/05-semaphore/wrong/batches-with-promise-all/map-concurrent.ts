// Wrong: slices of `concurrency` items, each awaited with Promise.all before
// the next slice starts. The limit holds, and with equal durations it even
// looks right, but every slice waits for its slowest call: the free slots sit
// idle while items remain, so uneven work finishes measurably later.
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
  const all = [...items];
  const results: R[] = [];
  for (let start = 0; start < all.length; start += concurrency) {
    const batch = all.slice(start, start + concurrency).map((item, offset) => fn(item, start + offset));
    const aborted = new Promise<never>((_, reject) => {
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    results.push(...(await Promise.race([Promise.all(batch), aborted])));
  }
  return results;
}
