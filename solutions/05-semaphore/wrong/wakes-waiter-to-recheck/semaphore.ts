// Wrong: release() frees the permit and wakes a waiter, which then checks
// again whether one is free (the condition-variable pattern). Between the two,
// a newcomer calling acquire() takes the permit first; the woken waiter finds
// none and goes back to the END of the line. First-in first-out is lost.
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
    while (this.#available === 0) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          this.#line.splice(this.#line.indexOf(wake), 1);
          reject(signal?.reason);
        };
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        this.#line.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
    this.#available--;
  }

  release(): void {
    if (this.#available === this.#permits) {
      throw new RangeError(`Semaphore: release() without a matching acquire(): all ${this.#permits} permits are already free`);
    }
    this.#available++;
    this.#line.shift()?.();
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
