export class Semaphore {
  readonly #permits: number;
  #available: number;
  // A Set keeps insertion order, so its first entry is the longest waiter, and
  // it lets an aborted waiter leave from anywhere in the line in O(1).
  readonly #line = new Set<() => void>();

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`Semaphore: permits must be a positive integer, got ${permits}`);
    }
    this.#permits = permits;
    this.#available = permits;
  }

  get available(): number {
    return this.#available;
  }

  get waiting(): number {
    return this.#line.size;
  }

  async acquire(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    // Checked before the free-permit shortcut: a caller that has already given
    // up would take a permit it never means to use.
    signal?.throwIfAborted();
    // A free permit implies an empty line: release() hands permits straight to
    // waiters, so no newcomer can overtake someone already waiting.
    if (this.#available > 0) {
      this.#available--;
      return;
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        // Leaving the line is all it takes: the waiter never held a permit.
        this.#line.delete(grant);
        // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
        reject(signal?.reason);
      };
      const grant = () => {
        // Once granted, a later abort is none of the semaphore's business.
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.#line.add(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    const [next] = this.#line;
    if (next) {
      // Hand the permit over directly instead of freeing it: if it went back to
      // the pool first, a newcomer calling acquire() right now could take it.
      this.#line.delete(next);
      next();
      return;
    }
    if (this.#available === this.#permits) {
      throw new RangeError(`Semaphore: release() without a matching acquire(): all ${this.#permits} permits are already free`);
    }
    this.#available++;
  }

  async withPermit<T>(fn: () => Promise<T> | T, options?: { signal?: AbortSignal }): Promise<T> {
    await this.acquire(options);
    try {
      // `return await`, not `return`: the finally must wait until fn's promise
      // has settled, or the permit would be given back while fn still runs.
      return await fn();
    } finally {
      this.release();
    }
  }
}
