// Wrong: the abort listener is never removed when the permit is granted, and
// it leaves the line with splice(indexOf(...), 1). For a caller who already
// left the line, indexOf is -1 and splice(-1, 1) throws out the LAST waiter,
// who then waits forever for a permit it will never be offered.
export class Semaphore {
  readonly #permits: number;
  #available: number;
  readonly #line: (() => void)[] = [];

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
    return this.#line.length;
  }

  async acquire(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (this.#available > 0) {
      this.#available--;
      return;
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#line.splice(this.#line.indexOf(grant), 1); // the mistake: indexOf is -1 once granted
        reject(signal?.reason);
      };
      const grant = () => {
        resolve();
      };
      this.#line.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.#line.shift();
    if (next) {
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
      return await fn();
    } finally {
      this.release();
    }
  }
}
