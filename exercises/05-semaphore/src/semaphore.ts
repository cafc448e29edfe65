/**
 * A counter of permits with a first-in first-out line of waiters: at most
 * `permits` callers hold a permit at once; the others wait in line.
 *
 *     const semaphore = new Semaphore(2);
 *     const page = await semaphore.withPermit(() => fetch(url)); // at most 2 fetches at once
 */
export class Semaphore {
  /**
   * @param permits How many callers may hold a permit at once. Throws a
   * `RangeError` unless it is a positive integer.
   */
  constructor(permits: number) {
    // TODO: check `permits`, then keep a count of free permits and a first-in first-out line of waiters.
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }

  /** How many permits are free right now (0 while anyone is waiting). */
  get available(): number {
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }

  /** How many `acquire` calls are waiting in line for a permit right now. */
  get waiting(): number {
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }

  /**
   * Takes a permit: resolves at once while one is free, otherwise when it is
   * this caller's turn (first-in first-out).
   *
   * If `options.signal` aborts while waiting, rejects with `signal.reason`,
   * leaves the line and takes no permit. A signal already aborted rejects at
   * once, even when a permit is free.
   */
  async acquire(options?: { signal?: AbortSignal }): Promise<void> {
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }

  /**
   * Gives a permit back: to the first caller waiting in line if there is one,
   * otherwise to the free permits. Throws a `RangeError` if that would make
   * more permits free than the semaphore was created with.
   */
  release(): void {
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }

  /**
   * Runs `fn` while holding a permit, and resolves (or rejects) as `fn` does.
   * The permit is given back however `fn` ends, even when it throws.
   * `options.signal` is passed on to `acquire`: if it aborts while waiting,
   * `fn` is never called.
   */
  async withPermit<T>(fn: () => Promise<T> | T, options?: { signal?: AbortSignal }): Promise<T> {
    throw new Error("TODO: implement Semaphore in src/semaphore.ts");
  }
}
