// Wrong: the line is a stack. release() hands the permit to the caller who
// arrived last (pop instead of shift), so an early caller can wait forever
// while newcomers keep overtaking it.
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
        this.#line.splice(this.#line.indexOf(grant), 1);
        reject(signal?.reason);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.#line.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.#line.pop(); // the mistake: the newest waiter, not the oldest
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
