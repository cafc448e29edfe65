// Wrong: Promise.all over every item ignores the limit: all calls start at
// once. Results are right and it is fast, but a server asked to take at most
// `concurrency` requests at a time gets all of them together.
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
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  return Promise.race([Promise.all(Array.from(items, fn)), aborted]);
}
